import { z } from 'zod';
import { defineRule, type Finding } from '../../src/rules-engine/define.js';
import { graphEntries, graphGate, pct, ratio } from '../../src/rules-engine/graph.js';

export default defineRule({
  meta: {
    id: 'IDG-LIFECYCLE-DRIFT',
    title: 'Disabled or deleted identities are not active in the CRM',
    severity: 'medium',
    area: 'identity-graph',
    process: 'provisioning',
    tier: 'T2',
    messages: {
      noDrift: 'None of the {{pairs}} linked identity/contact pair(s) drifts: no disabled identity has an active or marketable contact, and no stored key points at a deleted identity.',
      someDrift:
        '{{drift}} contact(s) drift from their identity ({{share}} % of {{pairs}} linked pairs): {{disabled}} active or marketable although every linked identity is disabled, {{dangling}} holding the key of an identity that no longer exists.',
      muchDrift:
        '{{drift}} contact(s) drift from their identity ({{share}} % of {{pairs}} linked pairs, above the {{failAt}} % limit): {{disabled}} active or marketable although every linked identity is disabled, {{dangling}} holding the key of an identity that no longer exists. Offboarding and erasure do not reach the CRM.',
      noLinkedPairs: 'No CRM contact is linked to an identity read in this scan, and no stored key dangles, so there is no lifecycle to compare.',
    },
    rationale:
      'When a customer closes their account, is blocked or asks for erasure, the identity store changes first; if the CRM keeps the contact active or marketable, the customer is still mailed and profiled, and an erasure request is only half done (GDPR Art. 17). Keys that point at deleted identities show the same gap from the other side. Drift is measured on linked pairs only (stored key or match).',
    remediation:
      'Propagate lifecycle events from the identity store to the CRM: an event hook, Action, log-stream consumer or SSF/RISC receiver that sets the contact inactive and unsubscribed on `account-disabled` and erases or anonymises it on `account-purged`; run a reconciliation job for the backlog (the evidence counts it) and clear keys that no longer resolve.',
    references: [
      { spec: 'GDPR (Regulation (EU) 2016/679)', section: 'Art. 17' },
      { spec: 'OpenID RISC 1.0', section: 'account-disabled, account-purged events' },
    ],
    options: z.strictObject({
      /** Share of linked pairs that drift above which the rule fails (catalog: 0.5 %). */
      failShare: z.number().min(0).max(1).default(0.005),
    }),
  },
  check(inventory, graph, options) {
    const out: Finding[] = [];
    for (const entry of graphEntries(inventory, 'crm')) {
      const base = { targetId: entry.targetId, subject: entry.subject };
      // Without identity-store profiles nothing is linked: "no linked pairs" would be a guess.
      const gate = graphGate(graph, entry, {
        empty: { messageId: 'noLinkedPairs', evidence: { linkedPairs: 0 } },
        needsIdentityStores: true,
        section: (g) => g.lifecycleDrift?.find((d) => d.crmTargetId === entry.targetId),
        sectionName: `lifecycle drift for ${entry.targetId}`,
      });
      if ('finding' in gate) {
        out.push(gate.finding);
        continue;
      }
      const stats = gate.stats;
      const drift = stats.disabledButActive + stats.danglingKeys;
      const evidence = {
        linkedPairs: stats.linkedPairs,
        disabledButActive: stats.disabledButActive,
        danglingKeys: stats.danglingKeys,
        driftShare: ratio(drift, stats.linkedPairs),
        failShare: options.failShare,
      };
      if (drift === 0) {
        out.push({ ...base, outcome: stats.linkedPairs === 0 ? 'n/a' : 'pass', messageId: stats.linkedPairs === 0 ? 'noLinkedPairs' : 'noDrift', data: { pairs: stats.linkedPairs }, evidence });
        continue;
      }
      // Dangling keys without any linked pair (the graph counts a key field as dangling only when
      // some of its keys resolve, so this should not happen) are all drift: treated as above the limit.
      const share = stats.linkedPairs > 0 ? drift / stats.linkedPairs : Number.POSITIVE_INFINITY;
      const data = {
        drift,
        pairs: stats.linkedPairs,
        share: Number.isFinite(share) ? pct(share) : '100+',
        disabled: stats.disabledButActive,
        dangling: stats.danglingKeys,
        failAt: pct(options.failShare),
      };
      if (share > options.failShare) out.push({ ...base, outcome: 'fail', messageId: 'muchDrift', data, evidence });
      else out.push({ ...base, outcome: 'warn', messageId: 'someDrift', data, evidence });
    }
    return out;
  },
});
