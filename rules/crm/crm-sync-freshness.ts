import { z } from 'zod';
import { defineRule, notObserved, type Finding } from '../../src/rules-engine/define.js';
import { graphEntries, graphNotBuilt, identityTargets, NO_IDENTITY_PROFILES, pct, profileState, ratio } from '../../src/rules-engine/graph.js';

/**
 * The catalog judges per-pair update lag (p95 against the operator's target) and the agreement of
 * the mapped attributes (email, name, marketing consent) of linked pairs. The identity graph does
 * not carry update lags yet (it would need e.g. `IdentityGraph.freshness: Array<{ crmTargetId,
 * pairs, p95LagSeconds, agreement }>`), so PASS and the lag-based outcomes cannot be decided.
 *
 * One FAIL is decidable from the graph as it is: pairs that disagree on marketing consent disagree
 * on a mapped attribute, so `consent.disagree / consent.linkedPairs` is a lower bound of the share
 * of disagreeing pairs; above the catalog's 20 % it fails whatever the other attributes and lags are.
 */
const LAGS_NOT_CARRIED = 'the identity graph does not carry update lags yet';

export default defineRule({
  meta: {
    id: 'CRM-SYNC-FRESHNESS',
    title: 'Linked identity and CRM records agree and update promptly',
    severity: 'low',
    area: 'crm',
    process: 'provisioning',
    tier: 'T2',
    messages: {
      consentDisagreement:
        'At least {{disagree}} of {{pairs}} linked pair(s) ({{share}} %) disagree on marketing consent alone, above the {{maxDisagreement}} % limit: identity and CRM are not kept in sync. Update lags are not observed yet.',
      lagsNotCarried: 'Not observed: {{detail}}.',
      noLinkedPairs: 'No CRM contact is linked to an identity read in this scan, so there is no pair to keep in sync.',
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
      /** The operator's p95 lag target in minutes (catalog: 15); applied once the graph carries lags. */
      targetLagMinutes: z.number().positive().default(15),
      /** Share of linked pairs that must agree to pass (catalog: 95 %); applied once the graph carries lags. */
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
      const lagsUnknown = (extra: string): Finding => {
        const detail = `${LAGS_NOT_CARRIED}${extra}`;
        return { ...base, outcome: 'unknown', messageId: 'lagsNotCarried', data: { detail }, unknownReason: { kind: 'not-observed', detail }, evidence: { targets } };
      };
      if (!graph.built) {
        out.push(notObserved(base.targetId, base.subject, graphNotBuilt(graph)));
        continue;
      }
      const state = profileState(graph, entry);
      if (state.state !== 'read') {
        out.push(state.state === 'not-read' ? notObserved(base.targetId, base.subject, state.reason) : { ...base, outcome: 'n/a', messageId: 'noLinkedPairs', evidence: { linkedPairs: 0, targets } });
        continue;
      }
      if (identityTargets(graph).length === 0) {
        out.push(notObserved(base.targetId, base.subject, NO_IDENTITY_PROFILES));
        continue;
      }
      const consent = graph.consent?.find((c) => c.crmTargetId === entry.targetId);
      if (consent?.linkedPairs === 0) {
        out.push({ ...base, outcome: 'n/a', messageId: 'noLinkedPairs', evidence: { linkedPairs: 0, targets } });
        continue;
      }
      if (consent) {
        const share = consent.disagree / consent.linkedPairs;
        if (share > options.maxDisagreement) {
          out.push({
            ...base,
            outcome: 'fail',
            messageId: 'consentDisagreement',
            data: { disagree: consent.disagree, pairs: consent.linkedPairs, share: pct(share), maxDisagreement: pct(options.maxDisagreement) },
            evidence: { linkedPairs: consent.linkedPairs, consentDisagree: consent.disagree, disagreementLowerBound: ratio(consent.disagree, consent.linkedPairs), targets },
          });
          continue;
        }
      }
      const pairs = consent ? `; ${consent.linkedPairs} linked pair(s), ${consent.disagree} of them disagreeing on marketing consent` : '';
      out.push(lagsUnknown(pairs));
    }
    return out;
  },
});
