import { defineRule } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer } from '../../src/rules-engine/subjects.js';

export default defineRule({
  meta: {
    id: 'FLOW-ISS-RESPONSE-PARAM',
    title: 'Authorization responses carry the iss parameter',
    severity: 'medium',
    area: 'flows',
    process: 'authorization',
    tier: 'T0',
    messages: {
      supported: 'authorization_response_iss_parameter_supported is true: clients can defend against mix-up attacks.',
      missing: 'Authorization responses do not carry iss ({{state}}); clients talking to several servers have no standard mix-up defence.',
      missingFapi: 'FAPI 2.0 requires iss in authorization responses, and it is not supported ({{state}}).',
    },
    rationale:
      'The iss response parameter is the standard defence against mix-up attacks, which matter as soon as a client talks to more than one authorization server (brokered social and enterprise login).',
    remediation: 'Enable RFC 9207 iss in authorization responses and publish `authorization_response_iss_parameter_supported: true`.',
    references: [
      { spec: 'RFC 9207', section: '2, 2.4, 3' },
      { spec: 'RFC 9700', section: '2.1, 4.4' },
      { spec: 'FAPI 2.0 Security Profile', section: '5.3.2.2' },
    ],
  },
  check(inventory) {
    const fapi = inventory.settings.profile === 'fapi2';
    return forEachAuthorizationServer(inventory, (entry) => {
      const supported = entry.as.effective.authorizationResponseIssParameterSupported;
      const state = entry.as.effective.defaulted.includes('authorization_response_iss_parameter_supported') ? 'absent, default false' : 'false';
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer, evidence: { supported, profile: inventory.settings.profile } };
      if (supported) return { ...base, outcome: 'pass', messageId: 'supported' };
      if (fapi) return { ...base, outcome: 'fail', severity: 'high', messageId: 'missingFapi', data: { state } };
      return { ...base, outcome: 'warn', messageId: 'missing', data: { state } };
    });
  },
});
