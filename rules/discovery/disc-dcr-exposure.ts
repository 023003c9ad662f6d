import { defineRule } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer } from '../../src/rules-engine/subjects.js';

export default defineRule({
  meta: {
    id: 'DISC-DCR-EXPOSURE',
    title: 'Dynamic client registration is not open to anyone',
    severity: 'medium',
    area: 'discovery',
    process: 'authorization',
    tier: 'T0',
    messages: {
      advertised:
        'A registration endpoint is advertised ({{endpoint}}); whether anyone may register clients can only be read with a read-only admin credential (T2). ciamscan never tests it by registering.',
      notAdvertised: 'No dynamic client registration endpoint is advertised.',
    },
    rationale:
      'An open registration endpoint lets anyone mint clients with attacker-chosen redirect URIs, turning the server into an open redirector and enabling client-confusion attacks.',
    remediation:
      'Require an initial access token or software statement for registration (RFC 7591 §3), or restrict anonymous registration with trusted-host and redirect-URI policies.',
    references: [
      { spec: 'RFC 7591', section: '3, 5' },
      { spec: 'RFC 9700', section: '4.11.2, 4.15' },
      { spec: 'OpenID Connect Discovery 1.0', section: '3' },
    ],
  },
  check(inventory) {
    return forEachAuthorizationServer(inventory, (entry, metadata) => {
      const endpoint = typeof metadata.registration_endpoint === 'string' ? metadata.registration_endpoint : undefined;
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer };
      if (!endpoint) return { ...base, outcome: 'n/a', messageId: 'notAdvertised', evidence: { registrationEndpoint: null } };
      return { ...base, outcome: 'info', messageId: 'advertised', data: { endpoint }, evidence: { registrationEndpoint: endpoint } };
    });
  },
});
