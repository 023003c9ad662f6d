import { defineRule } from '../../src/rules-engine/define.js';
import { claimsOpenIdConnect, forEachAuthorizationServer } from '../../src/rules-engine/subjects.js';

export default defineRule({
  meta: {
    id: 'SESS-RP-INITIATED-LOGOUT',
    title: 'Relying parties can end the OpenID Provider session',
    severity: 'medium',
    area: 'session',
    process: 'user-management',
    tier: 'T0',
    messages: {
      supported: 'RP-initiated logout is available at {{endpoint}}.',
      insecure: 'The end_session_endpoint {{endpoint}} does not use https.',
      missing: 'The server issues ID tokens but advertises no end_session_endpoint: customers stay signed in at the provider after leaving an app.',
      notOidc: 'The server does not present itself as an OpenID Provider, so RP-initiated logout does not apply.',
    },
    rationale: 'Without RP-initiated logout, customers stay signed in at the provider after signing out of an app, which is a risk on shared devices.',
    remediation: 'Implement OpenID Connect RP-Initiated Logout 1.0 and advertise `end_session_endpoint` (https).',
    references: [{ spec: 'OpenID Connect RP-Initiated Logout 1.0', section: '2, 2.1' }],
  },
  check(inventory) {
    return forEachAuthorizationServer(inventory, (entry, metadata) => {
      const endpoint = typeof metadata.end_session_endpoint === 'string' ? metadata.end_session_endpoint : undefined;
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer, evidence: { endSessionEndpoint: endpoint ?? null } };
      if (!claimsOpenIdConnect(entry, metadata)) return { ...base, outcome: 'n/a', messageId: 'notOidc' };
      if (!endpoint) return { ...base, outcome: 'fail', messageId: 'missing' };
      if (!endpoint.startsWith('https://')) return { ...base, outcome: 'fail', messageId: 'insecure', data: { endpoint } };
      return { ...base, outcome: 'pass', messageId: 'supported', data: { endpoint } };
    });
  },
});
