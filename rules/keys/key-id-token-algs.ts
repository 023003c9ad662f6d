import { defineRule } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer, idTokenResponseTypes, list } from '../../src/rules-engine/subjects.js';

const HMAC = ['HS256', 'HS384', 'HS512'];
const FAPI_ALGS = ['PS256', 'ES256', 'EdDSA'];

export default defineRule({
  meta: {
    id: 'KEY-ID-TOKEN-ALGS',
    title: 'ID-token and UserInfo signing algorithms are safe',
    severity: 'high',
    area: 'keys',
    process: 'authentication',
    tier: 'T0',
    messages: {
      safe: 'ID tokens are signed with {{algs}}; FAPI algorithms offered: {{fapi}}.',
      unsignedFrontChannel: 'Unsigned ID tokens ("none") are offered while response types {{responseTypes}} return ID tokens from the authorization endpoint.',
      weak: 'Weak ID-token or UserInfo signing options: {{problems}}.',
    },
    rationale:
      'An unsigned ID token returned through the browser can be forged by anyone; HMAC-signed tokens are keyed with the client secret, so every holder of that secret can mint them.',
    remediation: 'Remove "none" and the HS* algorithms from the advertised ID-token and UserInfo signing algorithms; sign with RS256/PS256/ES256 (FAPI: PS256 or ES256).',
    references: [
      { spec: 'OpenID Connect Discovery 1.0', section: '3' },
      { spec: 'OpenID Connect Core 1.0', section: '10.1, 16.19' },
      { spec: 'RFC 8725', section: '3.1, 3.2, 3.5' },
      { spec: 'FAPI 2.0 Security Profile', section: '5.4.1' },
    ],
  },
  check(inventory) {
    return forEachAuthorizationServer(inventory, (entry) => {
      const e = entry.as.effective;
      const idAlgs = e.idTokenSigningAlgs;
      const frontChannel = idTokenResponseTypes(e.responseTypes);
      const fapi = FAPI_ALGS.filter((a) => idAlgs.includes(a));
      const evidence = { idTokenSigningAlgs: idAlgs, userinfoSigningAlgs: e.userinfoSigningAlgs, idTokenResponseTypes: frontChannel, fapiAlgs: fapi };
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer, evidence };
      if (idAlgs.includes('none') && frontChannel.length) {
        return { ...base, outcome: 'fail', messageId: 'unsignedFrontChannel', data: { responseTypes: list(frontChannel) } };
      }
      const problems: string[] = [];
      if (idAlgs.includes('none')) problems.push('"none" is offered for ID tokens (only code-flow response types, so not returned through the browser)');
      const hmacId = HMAC.filter((a) => idAlgs.includes(a));
      if (hmacId.length) problems.push(`ID tokens may be MAC-signed with the client secret (${hmacId.join(', ')})`);
      const hmacUserinfo = HMAC.filter((a) => e.userinfoSigningAlgs.includes(a));
      if (hmacUserinfo.length) problems.push(`UserInfo responses may be MAC-signed (${hmacUserinfo.join(', ')})`);
      if (e.userinfoSigningAlgs.includes('none')) problems.push('"none" is offered for signed UserInfo responses');
      if (problems.length) return { ...base, outcome: 'warn', messageId: 'weak', data: { problems: problems.join('; ') } };
      return { ...base, outcome: 'pass', messageId: 'safe', data: { algs: list(idAlgs), fapi: list(fapi) } };
    });
  },
});
