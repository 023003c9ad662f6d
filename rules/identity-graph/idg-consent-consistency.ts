import { z } from 'zod';
import { defineRule, type Finding } from '../../src/rules-engine/define.js';
import { graphEntries, graphGate, pct, ratio } from '../../src/rules-engine/graph.js';

export default defineRule({
  meta: {
    id: 'IDG-CONSENT-CONSISTENCY',
    title: 'Marketing consent agrees between the identity platform and the CRM',
    severity: 'high',
    area: 'identity-graph',
    process: 'user-management',
    tier: 'T2',
    messages: {
      agree: 'Marketing consent agrees on all {{known}} linked pair(s) where both sides state it ({{pairs}} linked pairs in all).',
      someDisagree: '{{disagree}} of {{known}} linked pair(s) ({{share}} %) disagree on marketing consent: opted out on one side, marketable on the other.',
      manyDisagree:
        '{{disagree}} of {{known}} linked pair(s) ({{share}} %) disagree on marketing consent, above the {{failAt}} % limit: customers who withdrew consent in one system are still marketable in the other.',
      notStated: 'Not observed: neither the CRM nor the identity stores state marketing consent for any of the {{pairs}} linked pair(s){{fields}}.',
      noLinkedPairs: 'No CRM contact is linked to an identity read in this scan, so consent cannot disagree.',
    },
    rationale:
      'Withdrawing consent must be as easy as giving it, and once a person objects to direct marketing their data may no longer be used for it (GDPR Art. 7(3), Art. 21(3)). When the preference centre of the identity platform and the CRM disagree, the system that sends the campaign decides, and people who opted out keep receiving it.',
    remediation:
      'Make one system the record of consent and synchronise the other on change (an event hook or Action on profile update writing the CRM\'s opt-out field, e.g. Salesforce HasOptedOutOfEmail or the HubSpot subscription status, and a CRM webhook for the reverse direction), with timestamps so the latest decision wins; reconcile the disagreeing pairs counted in the evidence.',
    references: [{ spec: 'GDPR (Regulation (EU) 2016/679)', section: 'Art. 7(3), Art. 21(3)' }],
    options: z.strictObject({
      /** Share of pairs (where both sides state consent) that disagree above which the rule fails (catalog: 1 %). */
      failShare: z.number().min(0).max(1).default(0.01),
    }),
  },
  check(inventory, graph, options) {
    const out: Finding[] = [];
    for (const entry of graphEntries(inventory, 'crm')) {
      const base = { targetId: entry.targetId, subject: entry.subject };
      const gate = graphGate(graph, entry, {
        empty: { messageId: 'noLinkedPairs', evidence: { linkedPairs: 0 } },
        needsIdentityStores: true,
        section: (g) => g.consent?.find((c) => c.crmTargetId === entry.targetId),
        sectionName: `consent statistics for ${entry.targetId}`,
      });
      if ('finding' in gate) {
        out.push(gate.finding);
        continue;
      }
      const stats = gate.stats;
      const consentFields = entry.snapshot.facts.crm?.consentFields;
      const fields = consentFields?.state === 'observed' ? consentFields.value.map((f) => `${f.object}.${f.field}`) : null;
      const evidence = {
        linkedPairs: stats.linkedPairs,
        bothKnown: stats.bothKnown,
        disagree: stats.disagree,
        disagreeShare: ratio(stats.disagree, stats.bothKnown),
        crmConsentFields: fields ?? (consentFields?.state === 'unknown' ? `not observed: ${consentFields.reason.detail}` : null),
        failShare: options.failShare,
      };
      if (stats.linkedPairs === 0) {
        out.push({ ...base, outcome: 'n/a', messageId: 'noLinkedPairs', evidence });
        continue;
      }
      if (stats.bothKnown === 0) {
        // Disagreement needs both sides: "no disagreement observed" is not agreement.
        const note =
          consentFields?.state === 'unknown'
            ? `; the CRM's consent fields were not read (${consentFields.reason.detail})`
            : fields && fields.length
              ? ` (CRM consent fields: ${fields.slice(0, 5).join(', ')})`
              : '';
        const detail = `neither side states marketing consent for any of the ${stats.linkedPairs} linked pair(s)${note}`;
        out.push({
          ...base,
          outcome: 'unknown',
          messageId: 'notStated',
          data: { pairs: stats.linkedPairs, fields: note },
          evidence,
          unknownReason: consentFields?.state === 'unknown' ? { ...consentFields.reason, detail } : { kind: 'not-observed', detail },
        });
        continue;
      }
      const share = stats.disagree / stats.bothKnown;
      const data = { disagree: stats.disagree, known: stats.bothKnown, pairs: stats.linkedPairs, share: pct(share), failAt: pct(options.failShare) };
      if (stats.disagree === 0) out.push({ ...base, outcome: 'pass', messageId: 'agree', data, evidence });
      else if (share > options.failShare) out.push({ ...base, outcome: 'fail', messageId: 'manyDisagree', data, evidence });
      else out.push({ ...base, outcome: 'warn', messageId: 'someDisagree', data, evidence });
    }
    return out;
  },
});
