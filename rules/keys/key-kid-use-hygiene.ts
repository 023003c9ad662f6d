import { defineRule } from '../../src/rules-engine/define.js';
import type { JwkFacts } from '../../src/model/as-facts.js';
import { forEachAuthorizationServer, list } from '../../src/rules-engine/subjects.js';
import { keyLabel, keysOrUnknown } from '../../src/rules-engine/jwks.js';

const SIGN_OPS = ['sign', 'verify'];
const ENC_OPS = ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey', 'deriveKey', 'deriveBits'];

/**
 * A key's purpose: explicit `use`, else `key_ops`, else what its `alg` or curve allows (RFC 7518:
 * RS/PS/ES/EdDSA sign, RSA-OAEP/ECDH-ES encrypt; X25519/X448 can only do key agreement).
 */
export function purpose(key: JwkFacts): 'sig' | 'enc' | undefined {
  if (key.use === 'sig' || key.use === 'enc') return key.use;
  if (key.keyOps?.some((op) => ENC_OPS.includes(op))) return 'enc';
  if (key.keyOps?.some((op) => SIGN_OPS.includes(op))) return 'sig';
  if (key.alg && /^(RS|PS|ES|HS)\d+$|^EdDSA$|^Ed25519$|^Ed448$/.test(key.alg)) return 'sig';
  if (key.alg && /^(RSA1_5|RSA-OAEP.*|ECDH-ES.*|A\d+(GCM)?KW|dir)$/.test(key.alg)) return 'enc';
  if (key.crv === 'X25519' || key.crv === 'X448') return 'enc';
  if (key.crv === 'Ed25519' || key.crv === 'Ed448') return 'sig';
  return undefined;
}

export default defineRule({
  meta: {
    id: 'KEY-KID-USE-HYGIENE',
    title: 'Published keys are identifiable and unambiguous',
    severity: 'medium',
    area: 'keys',
    process: 'authentication',
    tier: 'T0',
    messages: {
      clean: 'All {{count}} keys have distinct kids{{x5cNote}}.',
      ambiguous: 'Key selection is ambiguous: {{problems}}.',
      untidy: 'Keys are usable but untidy: {{problems}}.',
    },
    rationale:
      'Clients pick the verification key by kid (and use); duplicate kids, or signing and encryption keys that cannot be told apart, cause validation failures and key-confusion bugs. An x5c chain that carries a different key than the bare members is contradictory.',
    remediation:
      'Give every key a unique kid, set "use" on every key when the set mixes signing and encryption keys, and make x5c carry the same public key as n/e or x/y.',
    references: [
      { spec: 'RFC 7517', section: '4.2, 4.3, 4.5, 4.7' },
      { spec: 'OpenID Connect Discovery 1.0', section: '3' },
      { spec: 'OpenID Connect Core 1.0', section: '10.1.1' },
      { spec: 'FAPI 2.0 Security Profile', section: '5.4.2–5.4.3' },
    ],
  },
  check(inventory) {
    return forEachAuthorizationServer(inventory, (entry) => {
      const { jwks, finding } = keysOrUnknown(entry);
      if (finding) return finding;
      const keys = jwks.keys;
      const hard: string[] = [];
      const soft: string[] = [];
      const byKid = new Map<string, JwkFacts[]>();
      for (const key of keys) {
        if (key.kid === undefined) continue;
        byKid.set(key.kid, [...(byKid.get(key.kid) ?? []), key]);
      }
      for (const [kid, group] of [...byKid.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        const seen = new Set<string>();
        for (const key of group) {
          const sig = `${key.kty ?? ''}/${purpose(key) ?? ''}`;
          if (seen.has(sig)) {
            hard.push(`kid ${kid} is shared by several ${key.kty ?? ''} keys${purpose(key) ? ` with use ${purpose(key)}` : ''}`);
            break;
          }
          seen.add(sig);
        }
      }
      const purposes = keys.map(purpose);
      if (purposes.includes('sig') && purposes.includes('enc')) {
        // OIDC Discovery §3: `use` is REQUIRED on every key when both kinds are published.
        const unlabelled = keys.filter((k) => k.use === undefined);
        if (unlabelled.length) hard.push(`signing and encryption keys are both published but ${list(unlabelled.map(keyLabel))} lack "use"`);
      }
      const noKid = keys.filter((k) => k.kid === undefined);
      if (noKid.length) soft.push(`${noKid.length} key(s) without kid`);
      const mismatched = keys.filter((k) => k.hasX5c && k.x5cMatches === false);
      if (mismatched.length) soft.push(`x5c does not carry the bare public key for ${list(mismatched.map(keyLabel))}`);
      const broken = keys.filter((k) => k.hasX5c && k.x5cProblem);
      if (broken.length) soft.push(`x5c unreadable for ${list(broken.map((k) => `${keyLabel(k)} (${k.x5cProblem ?? ''})`))}`);
      const withX5c = keys.filter((k) => k.hasX5c).length;
      const evidence = {
        keys: keys.map((k) => ({ key: keyLabel(k), kty: k.kty ?? null, use: k.use ?? null, alg: k.alg ?? null, x5c: k.hasX5c, x5cMatches: k.x5cMatches ?? null })),
      };
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer, evidence };
      if (hard.length) return { ...base, outcome: 'fail', messageId: 'ambiguous', data: { problems: list(hard) } };
      if (soft.length) return { ...base, outcome: 'warn', messageId: 'untidy', data: { problems: list(soft) } };
      const x5cNote = withX5c ? ` and every x5c matches its key (${withX5c} checked)` : '';
      return { ...base, outcome: 'pass', messageId: 'clean', data: { count: keys.length, x5cNote } };
    });
  },
});
