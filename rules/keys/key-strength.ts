import { z } from 'zod';
import { defineRule } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer, list } from '../../src/rules-engine/subjects.js';
import { keyLabel, keysOrUnknown } from '../../src/rules-engine/jwks.js';

const APPROVED_EC = new Set(['P-256', 'P-384', 'P-521']);
const APPROVED_OKP = new Set(['Ed25519', 'Ed448', 'X25519', 'X448']);

export default defineRule({
  meta: {
    id: 'KEY-STRENGTH',
    title: 'Key sizes and curves are adequate',
    severity: 'high',
    area: 'keys',
    process: 'authentication',
    tier: 'T0',
    messages: {
      adequate: 'All {{count}} keys meet the size and curve requirements ({{sizes}}).',
      weak: 'Keys below the minimum: {{keys}}.',
      belowPolicy: 'Keys meet RFC 7518 but not the operator policy of {{policy}}-bit RSA: {{keys}}.',
    },
    rationale: 'Short RSA moduli and non-approved curves make forging signatures feasible.',
    remediation: 'Replace RSA keys shorter than 2048 bits (3072 for long-lived keys) and keys on curves other than P-256, P-384, P-521 or Ed25519; publish the new key before signing with it.',
    references: [
      { spec: 'RFC 7518', section: '3.3, 3.4, 3.5, 6.2.1.1' },
      { spec: 'FAPI 2.0 Security Profile', section: '5.4.1' },
    ],
    options: z.strictObject({
      /** Operator policy: RSA keys below this (but at least 2048) are a warning. */
      policyRsaBits: z.number().int().min(2048).default(2048),
    }),
  },
  check(inventory, _graph, options) {
    return forEachAuthorizationServer(inventory, (entry) => {
      const { jwks, finding } = keysOrUnknown(entry);
      if (finding) return finding;
      const weak: string[] = [];
      const belowPolicy: string[] = [];
      for (const key of jwks.keys) {
        if (key.kty === 'RSA' && key.sizeBits !== undefined) {
          if (key.sizeBits < 2048) weak.push(`${keyLabel(key)}: RSA ${key.sizeBits} bits`);
          else if (key.sizeBits < options.policyRsaBits) belowPolicy.push(`${keyLabel(key)}: RSA ${key.sizeBits} bits`);
        } else if (key.kty === 'EC' && (!key.crv || !APPROVED_EC.has(key.crv))) weak.push(`${keyLabel(key)}: EC curve ${key.crv ?? '(none)'}`);
        else if (key.kty === 'OKP' && (!key.crv || !APPROVED_OKP.has(key.crv))) weak.push(`${keyLabel(key)}: OKP curve ${key.crv ?? '(none)'}`);
      }
      const sizes = jwks.keys.map((k) => ({ key: keyLabel(k), kty: k.kty ?? null, crv: k.crv ?? null, bits: k.sizeBits ?? null }));
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer, evidence: { keys: sizes, policyRsaBits: options.policyRsaBits } };
      if (weak.length) return { ...base, outcome: 'fail', messageId: 'weak', data: { keys: list(weak) } };
      if (belowPolicy.length) return { ...base, outcome: 'warn', messageId: 'belowPolicy', data: { keys: list(belowPolicy), policy: options.policyRsaBits } };
      const summary = [...new Set(sizes.map((s) => (s.kty === 'RSA' ? `RSA ${s.bits}` : `${s.kty} ${s.crv}`)))].sort();
      return { ...base, outcome: 'pass', messageId: 'adequate', data: { count: jwks.keys.length, sizes: list(summary) } };
    });
  },
});
