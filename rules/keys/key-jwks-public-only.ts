import { defineRule } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer, list } from '../../src/rules-engine/subjects.js';
import { keyLabel, keysOrUnknown } from '../../src/rules-engine/jwks.js';

export default defineRule({
  meta: {
    id: 'KEY-JWKS-PUBLIC-ONLY',
    title: 'The JWKS publishes no private or symmetric key material',
    severity: 'critical',
    area: 'keys',
    process: 'authentication',
    tier: 'T0',
    messages: {
      publicOnly: 'All {{count}} published keys are public keys.',
      leaked: 'Private or symmetric key material is published: {{keys}}. Anyone can forge tokens with it.',
    },
    rationale: 'A published private or symmetric key lets anyone sign tokens the relying parties accept.',
    remediation: 'Remove the private members (and any "oct" keys) from the JWKS immediately, rotate the affected keys, and revoke tokens signed with them.',
    references: [
      { spec: 'OpenID Connect Discovery 1.0', section: '3' },
      { spec: 'RFC 7518', section: '6.2.2, 6.3.2, 6.4' },
    ],
  },
  check(inventory) {
    return forEachAuthorizationServer(inventory, (entry) => {
      const { jwks, finding } = keysOrUnknown(entry);
      if (finding) return finding;
      const leaked = jwks.keys.filter((k) => k.privateMembers.length > 0 || k.kty === 'oct');
      // Only member names are kept as evidence: the values are secrets.
      const evidence = { leaked: leaked.map((k) => ({ key: keyLabel(k), kty: k.kty ?? null, members: k.privateMembers })) };
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer, evidence };
      if (leaked.length) {
        return { ...base, outcome: 'fail', messageId: 'leaked', data: { keys: list(leaked.map((k) => `${keyLabel(k)} (${k.kty === 'oct' ? 'symmetric' : k.privateMembers.join(', ')})`)) } };
      }
      return { ...base, outcome: 'pass', messageId: 'publicOnly', data: { count: jwks.keys.length } };
    });
  },
});
