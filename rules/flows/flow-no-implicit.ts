import { defineRule } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer, idTokenResponseTypes, list, tokenResponseTypes } from '../../src/rules-engine/subjects.js';

export default defineRule({
  meta: {
    id: 'FLOW-NO-IMPLICIT',
    title: 'No response type returns an access token from the authorization endpoint',
    severity: 'high',
    area: 'flows',
    process: 'authorization',
    tier: 'T0',
    messages: {
      none: 'No advertised response type returns an access token from the authorization endpoint, and the implicit grant is not advertised.',
      advertised: 'The server advertises implicit flows: {{problems}}. Whether any client may use them needs T2 evidence.',
      idTokenOnly: 'ID tokens, but no access tokens, are returned from the authorization endpoint ({{responseTypes}}).',
    },
    rationale:
      'Access tokens in the front channel leak through browser history, referrers and logs, and cannot be sender-constrained; RFC 9700 says the implicit grant should not be used and OAuth 2.1 removes it.',
    remediation:
      'Switch clients to the authorization code flow with PKCE, disable the implicit grant and the `token` response types, and publish grant_types_supported without `implicit`.',
    references: [
      { spec: 'RFC 9700', section: '2.1.2, 4.3' },
      { spec: 'OAuth 2.1 (draft)', section: '10.1' },
      { spec: 'OpenID Connect Discovery 1.0', section: '3' },
    ],
  },
  check(inventory) {
    return forEachAuthorizationServer(inventory, (entry) => {
      const { responseTypes, grantTypes, defaulted } = entry.as.effective;
      const tokenTypes = tokenResponseTypes(responseTypes);
      const grantsDefaulted = defaulted.includes('grant_types_supported');
      const problems: string[] = [];
      if (tokenTypes.length) problems.push(`response types ${list(tokenTypes)}`);
      if (grantsDefaulted) problems.push('grant_types_supported is absent, which means authorization_code and implicit');
      else if (grantTypes.includes('implicit')) problems.push('grant_types_supported lists implicit');
      const evidence = { tokenResponseTypes: tokenTypes, grantTypes, grantTypesDefaulted: grantsDefaulted };
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer, evidence };
      if (problems.length) return { ...base, outcome: 'warn', messageId: 'advertised', data: { problems: problems.join('; ') } };
      // "id_token-only" means an ID token and no access token from the authorization endpoint (hybrid `code id_token` included).
      const idTokenOnly = idTokenResponseTypes(responseTypes);
      if (idTokenOnly.length) return { ...base, outcome: 'info', messageId: 'idTokenOnly', data: { responseTypes: list(idTokenOnly) } };
      return { ...base, outcome: 'pass', messageId: 'none' };
    });
  },
});
