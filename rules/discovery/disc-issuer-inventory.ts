import { defineRule, notObserved } from '../../src/rules-engine/define.js';
import { authorizationServers } from '../../src/inventory.js';
import { SCAN_WIDE } from '../../src/rules-engine/subjects.js';

export default defineRule({
  meta: {
    id: 'DISC-ISSUER-INVENTORY',
    title: 'Customers sign in through as few independent issuers as possible',
    severity: 'low',
    area: 'discovery',
    process: 'user-management',
    tier: 'T0',
    messages: {
      count: '{{count}} authorization server(s) scanned: {{issuers}}.',
      countNoPopulation:
        '{{count}} independent issuers scanned ({{issuers}}); whether they serve the same customers needs identity-store evidence (profiles), which this scan did not read.',
    },
    rationale:
      'Identity is scoped to iss + sub: separate issuers mean separate identities for the same customer unless one brokers the other; several independent issuers serving one customer population are evidence of siloed identity.',
    remediation:
      'Put one customer-facing issuer in front of the others (brokering the legacy ones as upstream identity providers), or federate them, so each customer has one identity.',
    references: [{ spec: 'OpenID Connect Core 1.0', section: '5.7' }],
  },
  check(inventory) {
    const servers = authorizationServers(inventory);
    if (servers.length === 0) {
      // Targets were scanned but none is an authorization server: the issuer count was not observed.
      if (inventory.snapshots.length === 0) return [];
      return [notObserved(SCAN_WIDE, 'issuers', { kind: 'not-observed', detail: 'no authorization server was scanned, so the customer-facing issuers were not observed' })];
    }
    const issuers = [...new Set(servers.map((s) => s.as.issuer.advertised ?? s.as.configuredIssuer))].sort();
    const evidence = { issuers, targets: servers.map((s) => s.targetId).sort() };
    const data = { count: issuers.length, issuers: issuers.join(', ') };
    return [
      {
        targetId: SCAN_WIDE,
        subject: 'issuers',
        outcome: 'info',
        messageId: issuers.length > 1 ? 'countNoPopulation' : 'count',
        data,
        evidence,
      },
    ];
  },
});
