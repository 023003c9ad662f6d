import { defineRule, notObserved } from '../../src/rules-engine/define.js';
import { forEachStoreSection, isScimStore } from '../../src/rules-engine/authenticators.js';

export default defineRule({
  meta: {
    id: 'PROV-SCIM-AUTH-ENFORCED',
    title: 'SCIM resources are not readable anonymously',
    severity: 'critical',
    area: 'provisioning',
    process: 'provisioning',
    tier: 'T1',
    messages: {
      enforced: 'An anonymous GET /Users?count=0 was refused (HTTP {{status}}).',
      open: 'An anonymous GET /Users?count=0 was answered with HTTP 200{{total}}: the customer directory is readable without credentials.',
    },
    rationale:
      'A SCIM service holds the customer directory; RFC 7644 leaves authentication to the deployment, and a service that answers anonymous reads exposes every customer record to anyone who finds the URL.',
    remediation:
      'Require a bearer token on every SCIM endpoint except the discovery documents (/ServiceProviderConfig, /ResourceTypes, /Schemas), answer 401 with WWW-Authenticate to anonymous requests, and check the reverse proxy does not bypass authentication for /Users.',
    references: [{ spec: 'RFC 7644', section: '2, 3.4.2.4, 7' }],
  },
  check(inventory) {
    return forEachStoreSection(
      inventory,
      'provisioning',
      (entry, provisioning) => {
        const probe = provisioning.scimAnonymousRead;
        const subject = entry.subject;
        if (!probe) {
          return notObserved(entry.targetId, subject, {
            kind: 'not-observed',
            detail: 'the anonymous SCIM read probe (T1) was not made',
            remediation: 'enable activeProbes on the SCIM target to send one GET /Users?count=0&attributes=id without credentials',
          });
        }
        if (probe.state === 'unknown') return notObserved(entry.targetId, subject, probe.reason);
        const { status, totalResults } = probe.value;
        // Evidence: the status and totalResults only; the body was discarded by the connector.
        const evidence = { status, totalResults: totalResults ?? null };
        const base = { targetId: entry.targetId, subject, evidence };
        if (status === 401 || status === 403) return { ...base, outcome: 'pass', messageId: 'enforced', data: { status } };
        if (status === 200) {
          return { ...base, outcome: 'fail', severity: 'critical', messageId: 'open', data: { total: totalResults !== undefined ? ` (totalResults ${totalResults})` : '' } };
        }
        return notObserved(entry.targetId, subject, { kind: 'not-observed', detail: `the anonymous SCIM read got HTTP ${status}, which shows neither a refusal nor data` });
      },
      isScimStore,
    );
  },
});
