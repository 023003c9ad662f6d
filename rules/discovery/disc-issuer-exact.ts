import { defineRule } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer } from '../../src/rules-engine/subjects.js';

export default defineRule({
  meta: {
    id: 'DISC-ISSUER-EXACT',
    title: 'The advertised issuer equals the URL it was fetched for',
    severity: 'high',
    area: 'discovery',
    process: 'authentication',
    tier: 'T0',
    messages: {
      exact: 'The issuer "{{advertised}}" matches the configured issuer exactly and is an https URL without query or fragment.',
      mismatch: 'The advertised issuer "{{advertised}}" differs from the configured issuer "{{configured}}"; conformant clients must reject the metadata.',
      absent: 'The metadata has no "issuer" member.',
      malformed: 'The issuer "{{advertised}}" is not valid: {{problems}}.',
      template:
        'The advertised issuer "{{advertised}}" is a multi-tenant template ({{placeholder}}); conformant clients must use a tenant-specific issuer, because this alias cannot pass the exact-match check.',
    },
    rationale:
      'Clients must abort when the issuer differs from the one they asked for (OIDC Discovery §4.3, RFC 8414 §3.3); a mismatch breaks conformant clients and removes a defence against mix-up and impersonation.',
    remediation:
      'Publish `issuer` byte-identical to the issuer URL clients configure (same scheme, host, path, trailing slash), using https, with no query or fragment.',
    references: [
      { spec: 'OpenID Connect Discovery 1.0', section: '3, 4.3' },
      { spec: 'RFC 8414', section: '2, 3.3' },
      { spec: 'FAPI 2.0 Security Profile', section: '5.3.3.1' },
    ],
  },
  check(inventory) {
    return forEachAuthorizationServer(inventory, (entry) => {
      const { issuer, configuredIssuer } = entry.as;
      const base = { targetId: entry.targetId, subject: configuredIssuer };
      const data = { advertised: issuer.advertised ?? '', configured: configuredIssuer, problems: issuer.problems.join('; ') };
      const evidence = { configured: configuredIssuer, advertised: issuer.advertised ?? null, match: issuer.match, problems: issuer.problems };
      if (issuer.match === 'absent') return { ...base, outcome: 'fail', messageId: 'absent', data, evidence };
      if (issuer.match === 'mismatch') return { ...base, outcome: 'fail', messageId: 'mismatch', data, evidence };
      if (issuer.problems.length) return { ...base, outcome: 'fail', messageId: 'malformed', data, evidence };
      if (issuer.match === 'template') {
        // Still a violation of OIDC Discovery §4.3, but a deliberate multi-tenant design: say so, at lower severity.
        return { ...base, outcome: 'fail', severity: 'medium', messageId: 'template', data: { ...data, placeholder: issuer.placeholder ?? '' }, evidence };
      }
      return { ...base, outcome: 'pass', messageId: 'exact', data, evidence };
    });
  },
});
