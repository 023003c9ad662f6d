import { defineRule } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer } from '../../src/rules-engine/subjects.js';

export default defineRule({
  meta: {
    id: 'FLOW-NO-ROPC',
    title: 'The resource owner password credentials grant is disabled',
    severity: 'high',
    area: 'flows',
    process: 'authentication',
    tier: 'T0',
    messages: {
      absent: 'The password grant is not advertised.',
      advertised: 'The server advertises the resource owner password credentials grant ("password" in grant_types_supported).',
    },
    rationale:
      'With the password grant the client handles raw passwords, MFA and phishing-resistant authenticators cannot be used, and customers learn to type passwords into apps; RFC 9700 says it MUST NOT be used.',
    remediation: 'Disable the password grant for every client and remove it from grant_types_supported; migrate apps to the authorization code flow with PKCE.',
    references: [
      { spec: 'RFC 9700', section: '2.4' },
      { spec: 'OAuth 2.1 (draft)', section: '10' },
      { spec: 'FAPI 2.0 Security Profile', section: '5.3.2.1' },
    ],
  },
  check(inventory) {
    return forEachAuthorizationServer(inventory, (entry) => {
      const grants = entry.as.effective.grantTypes;
      const evidence = { grantTypes: grants, grantTypesDefaulted: entry.as.effective.defaulted.includes('grant_types_supported') };
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer, evidence };
      return grants.includes('password') ? { ...base, outcome: 'fail', messageId: 'advertised' } : { ...base, outcome: 'pass', messageId: 'absent' };
    });
  },
});
