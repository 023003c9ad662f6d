import { z } from 'zod';
import type { Inventory } from '../../src/inventory.js';
import type { IdentityGraph } from '../../src/model/identity.js';
import type { UnknownReason } from '../../src/model/observation.js';
import { defineRule, notObserved, type Finding } from '../../src/rules-engine/define.js';
import { crmSection, customerObjects } from '../../src/rules-engine/crm.js';
import { graphEntries, identityTargets, profileState, ratio, type GraphEntry } from '../../src/rules-engine/graph.js';

interface Counts {
  source: 'identity graph' | 'stored-key counts';
  linked: number;
  /** Customer contacts (reverse denominator). */
  contacts: number;
  /** Active identities (forward denominator); undefined when not observed. */
  identities?: number;
  identitiesNote?: string;
}

/**
 * Active identities from the stores' counts: enabled users (total when the store does not split
 * enabled/disabled), summed over the identity stores. A person in two stores counts twice here;
 * the identity graph counts people. Undefined when a store's counts were not read.
 */
function storeIdentities(inventory: Inventory): { value?: number; note: string } {
  const stores = graphEntries(inventory, 'identity-store');
  if (stores.length === 0) return { note: 'no identity store was scanned' };
  let sum = 0;
  for (const store of stores) {
    const stats = store.snapshot.facts.identityStore?.userStats;
    if (stats?.state !== 'observed') return { note: `the user counts of ${store.targetId} were not read${stats?.state === 'unknown' ? ` (${stats.reason.detail})` : ''}` };
    sum += stats.value.enabled ?? stats.value.total;
  }
  return { value: sum, note: `enabled users summed over ${stores.length} store(s)` };
}

/**
 * Which numbers to use. The identity graph wins when it holds this CRM and at least one identity
 * store: `linkedExplicit` counts stored keys that resolve to an identity (a key of a deleted user is
 * not a link) among customer-stage contacts, against people de-duplicated across stores. Otherwise
 * the connector's counts: contacts holding any key value (`linkStats.withKey`) over the contacts
 * read, against the stores' enabled-user counts.
 */
function countsOf(inventory: Inventory, graph: IdentityGraph, entry: GraphEntry): { counts?: Counts; reason?: UnknownReason } {
  if (graph.built && profileState(graph, entry).state === 'read' && identityTargets(graph).length > 0) {
    const rate = graph.linkRates?.find((r) => r.crmTargetId === entry.targetId);
    if (rate) return { counts: { source: 'identity graph', linked: rate.linkedExplicit, contacts: rate.customerContacts, identities: rate.identities, identitiesNote: 'active people across the stores read (identity graph)' } };
  }
  const stats = crmSection(entry, 'linkStats', 'the identity-link counts');
  if (stats.reason) {
    const graphNote = graph.built ? 'the identity graph does not link this CRM to an identity store' : `the identity graph was not built (${graph.reason ?? 'no profiles were read'})`;
    return { reason: { ...stats.reason, detail: `${stats.reason.detail}; ${graphNote}` } };
  }
  const identities = storeIdentities(inventory);
  const counts: Counts = { source: 'stored-key counts', linked: stats.value.withKey, contacts: stats.value.records, identitiesNote: identities.note };
  if (identities.value !== undefined) counts.identities = identities.value;
  return { counts };
}

export default defineRule({
  meta: {
    id: 'CRM-LINK-RATE',
    title: 'Customers are linked between the identity platform and the CRM by a stored key',
    severity: 'medium',
    area: 'crm',
    process: 'user-management',
    tier: 'T2',
    messages: {
      linked: 'Forward rate {{forward}} ({{linked}} linked contact(s) per {{identities}} active identities) and reverse rate {{reverse}} ({{linked}} of {{contacts}} customer contacts) are at or above {{passAt}} (from {{source}}).',
      partlyLinked: 'The lower link rate is {{low}} (forward {{forward}}: {{linked}} linked contact(s) per {{identities}} active identities; reverse {{reverse}}: {{linked}} of {{contacts}} customer contacts), below {{passAt}} (from {{source}}).',
      siloed:
        'The lower link rate is {{low}} (forward {{forward}}: {{linked}} linked contact(s) per {{identities}} active identities; reverse {{reverse}}: {{linked}} of {{contacts}} customer contacts), below {{failAt}} (from {{source}}): identity and CRM are siloed.',
      noCustomers: 'The CRM holds no customer contact, so there is nothing to link.',
    },
    rationale:
      'The share of customers whose CRM record carries the identity key is the plainest measure of a connected platform: below half, identity and CRM describe the same customers separately (the Siloed level), and consent, erasure and personalisation cannot follow the customer. Counted in both directions: linked contacts per active identity (forward) and per customer contact (reverse).',
    remediation:
      'Write the identity key into the CRM\'s External ID field at sign-up and first link (identity-platform event hook or Action, or a provisioning integration), backfill existing contacts from a reviewed match, and keep test and service accounts out of the customer population (the counts cannot tell them apart).',
    references: [
      { spec: 'WSO2, A Maturity Model for CIAM (2020)', section: 'Siloed vs Connected' },
      { spec: 'InnoValor, CIAM Maturity Model', section: 'user management, provisioning' },
      { spec: 'OpenID Connect Core 1.0', section: '5.7' },
    ],
    options: z.strictObject({
      /** Lower link rate from which the rule passes (catalog: 0.90). */
      passRate: z.number().min(0).max(1).default(0.9),
      /** Lower link rate below which the rule fails (catalog: 0.50). */
      failRate: z.number().min(0).max(1).default(0.5),
    }),
  },
  check(inventory, graph, options) {
    const out: Finding[] = [];
    for (const entry of graphEntries(inventory, 'crm')) {
      const base = { targetId: entry.targetId, subject: entry.subject };
      const { counts, reason } = countsOf(inventory, graph, entry);
      if (!counts) {
        out.push(notObserved(base.targetId, base.subject, reason ?? { kind: 'not-observed', detail: 'no link counts' }));
        continue;
      }
      const forward = counts.identities ? counts.linked / counts.identities : undefined;
      const reverse = counts.contacts ? counts.linked / counts.contacts : undefined;
      const evidence = {
        source: counts.source,
        linked: counts.linked,
        customerContacts: counts.contacts,
        activeIdentities: counts.identities ?? null,
        activeIdentitiesFrom: counts.identitiesNote ?? null,
        customerObjects: customerObjects(entry) ?? null,
        forwardRate: counts.identities ? ratio(counts.linked, counts.identities) : null,
        reverseRate: counts.contacts ? ratio(counts.linked, counts.contacts) : null,
        passRate: options.passRate,
        failRate: options.failRate,
      };
      if (counts.contacts === 0) {
        out.push({ ...base, outcome: 'n/a', messageId: 'noCustomers', evidence });
        continue;
      }
      const known = [forward, reverse].filter((r): r is number => r !== undefined);
      const low = Math.min(...known);
      const fmt = (r: number | undefined) => (r === undefined ? 'not observed' : String(Math.round(r * 100) / 100));
      const data = {
        forward: fmt(forward),
        reverse: fmt(reverse),
        low: fmt(low),
        linked: counts.linked,
        identities: counts.identities ?? 'an unknown number of',
        contacts: counts.contacts,
        source: counts.source,
        passAt: options.passRate,
        failAt: options.failRate,
      };
      if (low < options.failRate) out.push({ ...base, outcome: 'fail', messageId: 'siloed', data, evidence });
      else if (forward === undefined) {
        // The forward rate could still be the lower one: no PASS or WARN on half the evidence.
        out.push({
          ...notObserved(base.targetId, base.subject, {
            kind: 'not-observed',
            detail: `the reverse rate is ${fmt(reverse)} (${counts.linked} of ${counts.contacts} customer contacts), but the forward rate is not observed: ${counts.identities === 0 ? 'no active identity was counted' : (counts.identitiesNote ?? 'active identities were not counted')}`,
          }),
          evidence,
        });
      } else if (low >= options.passRate) out.push({ ...base, outcome: 'pass', messageId: 'linked', data, evidence });
      else out.push({ ...base, outcome: 'warn', messageId: 'partlyLinked', data, evidence });
    }
    return out;
  },
});
