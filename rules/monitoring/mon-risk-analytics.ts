import { z } from 'zod';
import { defineRule } from '../../src/rules-engine/define.js';
import { storeFindings, undetermined } from '../../src/rules-engine/authenticators.js';

export default defineRule({
  meta: {
    id: 'MON-RISK-ANALYTICS',
    title: 'Risk and behaviour analytics are produced',
    severity: 'low',
    area: 'monitoring',
    process: 'monitoring',
    tier: 'T2',
    messages: {
      produced: 'Risk analytics are produced{{detail}}.',
      attested: 'The operator attests that risk analytics are produced outside the product (e.g. from the streamed events){{detail}}.',
      notProduced: 'No risk or behaviour analytics are produced{{detail}}.',
    },
    rationale:
      'Risk scores (breached credentials, suspicious IPs, anomalous behaviour) are what adaptive authentication and fraud dashboards consume; SP 800-63B-4 allows such pre-authentication risk checks alongside the authenticator requirements.',
    remediation:
      'Auth0: enable Adaptive MFA / risk assessment and breached-password detection (riskAssessment in login logs, leaked_passwords in daily stats). Okta: ThreatInsight in audit or block mode and behaviour detection. Keycloak has no native analytics: feed the events to an analytics platform and record it as an attestation.',
    references: [
      { spec: 'NIST SP 800-63B-4', section: '2' },
      { spec: 'Auth0 Management API v2', section: 'stats, logs (riskAssessment)' },
      { spec: 'Okta Management API', section: 'ThreatInsight configuration' },
    ],
    options: z.strictObject({
      /** Target ids where the operator attests external risk analytics (Keycloak has none of its own). */
      attestedTargets: z.array(z.string()).default([]),
    }),
  },
  check(inventory, _graph, options) {
    return storeFindings(inventory, 'monitoring', (entry, mon) => {
      const { produced, detail } = mon.riskAnalytics;
      const attested = options.attestedTargets.includes(entry.targetId);
      const evidence = { produced, detail: detail ?? null, attested };
      const base = { targetId: entry.targetId, subject: entry.subject, evidence };
      const text = detail ? ` (${detail})` : '';
      if (produced === true) return { ...base, outcome: 'pass', messageId: 'produced', data: { detail: text } };
      if (attested) return { ...base, outcome: 'pass', messageId: 'attested', data: { detail: text } };
      if (produced === false) return { ...base, outcome: 'info', messageId: 'notProduced', data: { detail: text } };
      // Keycloak: no native analytics, so only the operator can attest them.
      return undetermined(entry, [`whether risk analytics are produced${text}`], evidence);
    });
  },
});
