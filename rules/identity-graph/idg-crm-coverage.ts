import { z } from 'zod';
import { defineRule, type Finding } from '../../src/rules-engine/define.js';
import { graphEntries, graphGate, pct, ratio } from '../../src/rules-engine/graph.js';

export default defineRule({
  meta: {
    id: 'IDG-CRM-COVERAGE',
    title: 'Customers in the CRM have an identity, linked by a stored key',
    severity: 'high',
    area: 'identity-graph',
    process: 'provisioning',
    tier: 'T2',
    messages: {
      covered:
        '{{linked}} of {{contacts}} customer contact(s) ({{linkedShare}} %) have an identity, {{explicitShare}} % of those by a stored key; {{inCrm}} of {{identities}} active identities ({{reachShare}} %) have a contact here.',
      partial:
        '{{linked}} of {{contacts}} customer contact(s) ({{linkedShare}} %) have an identity, {{explicitShare}} % of those by a stored key: {{why}}. {{inCrm}} of {{identities}} active identities ({{reachShare}} %) have a contact here.',
      uncovered:
        'Only {{linked}} of {{contacts}} customer contact(s) ({{linkedShare}} %) have an identity in any scanned store, below {{warnAt}} %; {{inCrm}} of {{identities}} active identities ({{reachShare}} %) have a contact here. The CRM and the identity platform describe different customer populations.',
      noCustomers: 'The CRM holds no contact in a customer lifecycle stage, so there is nothing to link.',
    },
    rationale:
      'A connected customer platform knows, for each customer in the CRM, which identity signs in for them, through a stored key rather than a guess: consent, erasure, entitlements and personalisation follow the key. Contacts matched only by email or name break when the address changes; contacts with no identity at all are customers the identity platform does not know, and identities with no contact are customers marketing and service cannot see. Complements CRM-LINK-RATE, which counts stored keys only.',
    remediation:
      'Write the identity key into the CRM when the identity is created or first links (an event hook, Action or provisioning connector writing the store\'s user id into the CRM\'s External ID field), backfill the match-only contacts from the graph\'s matches after review, and create identities (or invitations) for customer-stage contacts that have none. Keep leads out of the customer stages so the figures describe customers.',
    references: [
      { spec: 'OpenID Connect Core 1.0', section: '5.7' },
      { spec: 'RFC 7643', section: '3.1' },
    ],
    options: z.strictObject({
      /** Share of customer contacts linked to an identity required to pass (catalog: 90 %). */
      passLinkedShare: z.number().min(0).max(1).default(0.9),
      /** Share of those links that must be explicit (a stored key) to pass (catalog: 80 %). */
      passExplicitShare: z.number().min(0).max(1).default(0.8),
      /** Linked share below which the rule fails (catalog: WARN ≥ 60 %, FAIL below). */
      warnLinkedShare: z.number().min(0).max(1).default(0.6),
    }),
  },
  check(inventory, graph, options) {
    const out: Finding[] = [];
    for (const entry of graphEntries(inventory, 'crm')) {
      const base = { targetId: entry.targetId, subject: entry.subject };
      const gate = graphGate(graph, entry, {
        empty: { messageId: 'noCustomers', evidence: { customerContacts: 0 } },
        needsIdentityStores: true,
        section: (g) => g.linkRates?.find((r) => r.crmTargetId === entry.targetId),
        sectionName: `link rates for ${entry.targetId}`,
      });
      if ('finding' in gate) {
        out.push(gate.finding);
        continue;
      }
      const rate = gate.stats;
      const linked = rate.linkedExplicit + rate.linkedMatchOnly;
      const linkedShare = linked / (rate.customerContacts || 1);
      const explicitShare = rate.linkedExplicit / (linked || 1);
      const evidence = {
        customerContacts: rate.customerContacts,
        linkedExplicit: rate.linkedExplicit,
        linkedMatchOnly: rate.linkedMatchOnly,
        unlinked: rate.unlinked,
        linkedShare: ratio(linked, rate.customerContacts),
        explicitShare: ratio(rate.linkedExplicit, linked),
        activeIdentities: rate.identities,
        identitiesInCrm: rate.identitiesInCrm,
        identitiesReachingCrm: ratio(rate.identitiesInCrm, rate.identities),
        thresholds: { passLinkedShare: options.passLinkedShare, passExplicitShare: options.passExplicitShare, warnLinkedShare: options.warnLinkedShare },
      };
      if (rate.customerContacts === 0) {
        out.push({ ...base, outcome: 'n/a', messageId: 'noCustomers', evidence });
        continue;
      }
      const why: string[] = [];
      if (linkedShare < options.passLinkedShare) why.push(`fewer than ${pct(options.passLinkedShare)} % of customer contacts are linked`);
      if (explicitShare < options.passExplicitShare) why.push(`fewer than ${pct(options.passExplicitShare)} % of the links are stored keys (the rest are matches by email, phone or name)`);
      const data = {
        linked,
        contacts: rate.customerContacts,
        linkedShare: pct(linkedShare),
        explicitShare: pct(explicitShare),
        inCrm: rate.identitiesInCrm,
        identities: rate.identities,
        reachShare: pct(ratio(rate.identitiesInCrm, rate.identities)),
        warnAt: pct(options.warnLinkedShare),
        why: why.join('; '),
      };
      if (why.length === 0) out.push({ ...base, outcome: 'pass', messageId: 'covered', data, evidence });
      else if (linkedShare >= options.warnLinkedShare) out.push({ ...base, outcome: 'warn', messageId: 'partial', data, evidence });
      else out.push({ ...base, outcome: 'fail', messageId: 'uncovered', data, evidence });
    }
    return out;
  },
});
