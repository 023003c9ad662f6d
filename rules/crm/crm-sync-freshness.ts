import { z } from 'zod';
import { formatSeconds } from '../../src/format/duration.js';
import type { FreshnessStats } from '../../src/model/identity.js';
import { defineRule, type Finding } from '../../src/rules-engine/define.js';
import { graphEntries, graphGate, pct, ratio } from '../../src/rules-engine/graph.js';

const DAY_SECONDS = 86_400;

function attributes(f: FreshnessStats): string {
  const parts = (['email', 'family', 'consent'] as const).filter((k) => f.disagreeBy[k] > 0).map((k) => `${k === 'family' ? 'family name' : k === 'consent' ? 'marketing consent' : 'email'} ${f.disagreeBy[k]}`);
  return parts.length ? parts.join(', ') : 'none';
}

/**
 * The identity graph compares, for each contact ↔ identity pair joined by a stored key, what a
 * synchronisation carries (normalised email, family name, marketing consent) and, for pairs that
 * disagree, how long the identity's change has waited (identity update time minus contact update
 * time). Catalog §11: PASS when ≥ 95 % agree and the p95 lag is under the operator's target; WARN
 * when the lag is hours (or above the target, or agreement below 95 %); FAIL when the lag is days or
 * more than 20 % disagree. Pairs linked only by matching are not synchronised by anything: they are
 * CRM-LINK-RATE's concern, not this rule's.
 */
export default defineRule({
  meta: {
    id: 'CRM-SYNC-FRESHNESS',
    title: 'Linked identity and CRM records agree and update promptly',
    severity: 'low',
    area: 'crm',
    process: 'provisioning',
    tier: 'T2',
    messages: {
      inSync:
        '{{agree}} of {{pairs}} contact(s) linked by a stored key ({{agreeShare}} %) agree with their identity on email, family name and marketing consent{{lagNote}}.',
      disagree:
        '{{disagreeing}} of {{pairs}} contact(s) linked by a stored key ({{disagreeShare}} %) disagree with their identity (by attribute: {{attributes}}), above the {{maxDisagreement}} % limit: the link exists but the data is not kept in step.',
      daysBehind:
        '{{stale}} linked contact(s) disagree with an identity that changed after them; at the 95th percentile of all linked pairs a change has waited {{lag}} (days: the sync is batch or broken). {{disagreeing}} of {{pairs}} pair(s) disagree (by attribute: {{attributes}}).',
      behind:
        'Linked contacts lag their identities: {{stale}} disagree with an identity that changed after them; at the 95th percentile of all linked pairs a change has waited {{lag}}, above the {{targetLag}} target. {{disagreeing}} of {{pairs}} pair(s) disagree (by attribute: {{attributes}}).',
      someDisagree:
        '{{disagreeing}} of {{pairs}} contact(s) linked by a stored key ({{disagreeShare}} %) disagree with their identity (by attribute: {{attributes}}): below the {{minAgreement}} % agreement a connected platform keeps{{lagNote}}.',
      noLinkedPairs: 'No contact holds the stored key of an identity read in this scan, so no pair is kept in sync (see CRM-LINK-RATE).',
    },
    rationale:
      'A connected platform keeps linked identity and CRM records in step: a changed email, name or consent decision reaches the other side within minutes (real time is the Optimized level). Records that disagree send mail to old addresses, personalise with stale data and market to people who opted out.',
    remediation:
      'Synchronise on change rather than in nightly batches: identity-platform event hooks, Actions or log-stream consumers that update the CRM on profile and consent change (and CRM webhooks back), with the update timestamps compared so the latest change wins; monitor the lag against the target.',
    references: [
      { spec: 'WSO2, A Maturity Model for CIAM (2020)', section: 'Connected, Optimized' },
      { spec: 'InnoValor, CIAM Maturity Model', section: 'provisioning, user management' },
    ],
    options: z.strictObject({
      /** The operator's p95 lag target in minutes (catalog: 15). */
      targetLagMinutes: z.number().positive().default(15),
      /** Share of linked pairs that must agree to pass (catalog: 95 %). */
      minAgreement: z.number().min(0).max(1).default(0.95),
      /** Share of disagreeing linked pairs above which the rule fails (catalog: 20 %). */
      maxDisagreement: z.number().min(0).max(1).default(0.2),
    }),
  },
  check(inventory, graph, options) {
    const out: Finding[] = [];
    const targets = { targetLagMinutes: options.targetLagMinutes, minAgreement: options.minAgreement, maxDisagreement: options.maxDisagreement };
    for (const entry of graphEntries(inventory, 'crm')) {
      const base = { targetId: entry.targetId, subject: entry.subject };
      const gate = graphGate(graph, entry, {
        empty: { messageId: 'noLinkedPairs', evidence: { pairs: 0, targets } },
        needsIdentityStores: true,
        section: (g) => g.freshness?.find((f) => f.crmTargetId === entry.targetId),
        sectionName: 'comparison of stored-key pairs (freshness)',
      });
      if ('finding' in gate) {
        out.push(gate.finding);
        continue;
      }
      const fresh = gate.stats;
      if (fresh.pairs === 0) {
        out.push({ ...base, outcome: 'n/a', messageId: 'noLinkedPairs', evidence: { pairs: 0, targets } });
        continue;
      }
      const disagreeing = fresh.pairs - fresh.agree;
      const lagSeconds = fresh.p95LagSeconds;
      const evidence = { pairs: fresh.pairs, agree: fresh.agree, agreement: ratio(fresh.agree, fresh.pairs), disagreeBy: fresh.disagreeBy, stale: fresh.stale, p95LagSeconds: lagSeconds ?? null, targets };
      const data = {
        pairs: fresh.pairs,
        agree: fresh.agree,
        disagreeing,
        agreeShare: pct(fresh.agree / fresh.pairs),
        disagreeShare: pct(disagreeing / fresh.pairs),
        attributes: attributes(fresh),
        stale: fresh.stale,
        lag: lagSeconds === undefined ? '' : formatSeconds(lagSeconds),
        targetLag: `${options.targetLagMinutes} min`,
        maxDisagreement: pct(options.maxDisagreement),
        minAgreement: pct(options.minAgreement),
        lagNote: lagSeconds === undefined || lagSeconds === 0 ? '' : `; at the 95th percentile a change has waited ${formatSeconds(lagSeconds)}`,
      };
      const finding = (outcome: Finding['outcome'], messageId: string): Finding => ({ ...base, outcome, messageId, data, evidence });
      if (disagreeing / fresh.pairs > options.maxDisagreement) out.push(finding('fail', 'disagree'));
      else if (lagSeconds !== undefined && lagSeconds >= DAY_SECONDS) out.push(finding('fail', 'daysBehind'));
      else if (lagSeconds !== undefined && lagSeconds > options.targetLagMinutes * 60) out.push(finding('warn', 'behind'));
      else if (fresh.agree / fresh.pairs >= options.minAgreement) out.push(finding('pass', 'inSync'));
      else out.push(finding('warn', 'someDisagree'));
    }
    return out;
  },
});
