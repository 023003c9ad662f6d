import { defineRule } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer, list } from '../../src/rules-engine/subjects.js';

export default defineRule({
  meta: {
    id: 'OIDC-PKCE-S256',
    title: 'PKCE is supported, detectable, and S256 is available',
    severity: 'high',
    area: 'flows',
    process: 'authorization',
    tier: 'T0',
    messages: {
      s256Only: 'PKCE is advertised with S256 only.',
      plainToo: 'PKCE is advertised with S256 and plain ({{methods}}); plain keeps a downgrade path open because it is the default method.',
      absent: 'code_challenge_methods_supported is absent, so clients cannot detect PKCE support.',
      noS256: 'PKCE methods advertised without S256: {{methods}}.',
    },
    rationale:
      'Without PKCE, public clients (SPAs, mobile apps) are open to authorization code interception and injection; S256 is the only method that does not expose the verifier, and the server must make PKCE support detectable.',
    remediation: 'Support PKCE with S256, advertise `code_challenge_methods_supported: ["S256"]`, and drop `plain`.',
    references: [
      { spec: 'RFC 9700', section: '2.1.1' },
      { spec: 'RFC 7636', section: '4.2, 4.3, 7.2' },
      { spec: 'RFC 8414', section: '2' },
      { spec: 'OAuth 2.1 (draft)', section: '4.1.1' },
      { spec: 'FAPI 2.0 Security Profile', section: '5.3.2.2' },
    ],
  },
  check(inventory) {
    return forEachAuthorizationServer(inventory, (entry) => {
      const methods = entry.as.effective.codeChallengeMethods;
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer, evidence: { codeChallengeMethods: methods ?? null } };
      if (!methods) return { ...base, outcome: 'fail', messageId: 'absent' };
      if (!methods.includes('S256')) return { ...base, outcome: 'fail', messageId: 'noS256', data: { methods: list(methods) } };
      if (methods.includes('plain')) return { ...base, outcome: 'warn', messageId: 'plainToo', data: { methods: list(methods) } };
      return { ...base, outcome: 'pass', messageId: 's256Only' };
    });
  },
});
