import { defineRule } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer } from '../../src/rules-engine/subjects.js';

export default defineRule({
  meta: {
    id: 'FLOW-PAR',
    title: 'Pushed authorization requests are available and, for high-value clients, required',
    severity: 'low',
    area: 'flows',
    process: 'authorization',
    tier: 'T0',
    messages: {
      enforced: 'PAR is available and required for every client (require_pushed_authorization_requests: true).',
      available: 'PAR is available ({{endpoint}}) but not required at server level; per-client enforcement needs T2 evidence.',
      unavailable: 'Pushed authorization requests are not offered.',
      fapiNotEnforced: 'FAPI 2.0 requires PAR for every authorization request, and this server does not require it ({{state}}).',
    },
    rationale:
      'PAR moves the authorization request to the back channel, protecting its integrity and confidentiality and keeping large or sensitive parameters out of URLs; FAPI 2.0 makes it mandatory.',
    remediation:
      'Enable the PAR endpoint (RFC 9126) and require it, at least for clients that reach high-value APIs; under FAPI 2.0 set `require_pushed_authorization_requests: true`.',
    references: [
      { spec: 'RFC 9126', section: '2, 5, 6' },
      { spec: 'FAPI 2.0 Security Profile', section: '5.3.2.2' },
    ],
  },
  check(inventory) {
    const fapi = inventory.settings.profile === 'fapi2';
    return forEachAuthorizationServer(inventory, (entry, metadata) => {
      const endpoint = typeof metadata.pushed_authorization_request_endpoint === 'string' ? metadata.pushed_authorization_request_endpoint : undefined;
      const required = entry.as.effective.requirePushedAuthorizationRequests;
      const evidence = { endpoint: endpoint ?? null, required, profile: inventory.settings.profile };
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer, evidence };
      if (endpoint && required) return { ...base, outcome: fapi ? 'pass' : 'info', messageId: 'enforced' };
      if (fapi) {
        return { ...base, outcome: 'fail', severity: 'high', messageId: 'fapiNotEnforced', data: { state: endpoint ? 'available, not required' : 'not offered' } };
      }
      if (endpoint) return { ...base, outcome: 'info', messageId: 'available', data: { endpoint } };
      return { ...base, outcome: 'info', messageId: 'unavailable' };
    });
  },
});
