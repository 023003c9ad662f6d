import { z } from 'zod';
import type { GraphTarget, StoreEdge } from '../../src/model/identity.js';
import { capped } from '../../src/rules-engine/clients.js';
import { defineRule, notObserved, type Finding } from '../../src/rules-engine/define.js';
import { SCAN_WIDE } from '../../src/rules-engine/subjects.js';
import { clusterExamples, graphEntries, graphLacks, graphNotBuilt, membersIn, pct, profileState, ratio, storesWithoutCredential } from '../../src/rules-engine/graph.js';

/** The subject of a scan-wide finding about all stores (graph not built, no overlap data). */
const ALL_STORES = 'identity stores';

function edgeText(edges: readonly StoreEdge[]): string {
  return edges.map((e) => `${e.kind} (${e.detail})`).join('; ');
}

export default defineRule({
  meta: {
    id: 'IDG-SILO-OVERLAP',
    title: 'Identity stores that share customers are federated or provisioned',
    severity: 'high',
    area: 'identity-graph',
    process: 'provisioning',
    tier: 'T2',
    messages: {
      siloed:
        '{{shared}} customer(s) are in both {{a}} and {{b}} ({{share}} % of the smaller store) and nothing joins the two stores (no federation, directory federation, provisioning or external-id link): an identity silo.',
      smallOverlap: '{{shared}} customer(s) are in both {{a}} and {{b}} ({{share}} % of the smaller store) and nothing joins the two stores.',
      joined: '{{shared}} customer(s) are in both {{a}} and {{b}} ({{share}} % of the smaller store), and the stores are joined: {{edges}}.',
      negligible: '{{a}} and {{b}} share {{shared}} customer(s) ({{share}} % of the smaller store), below the {{warnAt}} % threshold.',
      singleStore: 'Only one identity store with customers ({{store}}) is in this scan, so there is no pair of stores that could be siloed.',
    },
    rationale:
      'When two identity stores hold the same customers and neither federates, provisions or references the other, every shared customer has two identities with separate credentials, consent and lifecycle, and no store is the source of truth. This is the defining evidence of the Siloed maturity level; it persists until the stores are joined by brokering, directory federation, provisioning or a stored key.',
    remediation:
      'Pick the store that owns the customer identity and join the other to it: broker it as an upstream identity provider (Keycloak identity provider, Auth0 enterprise connection, Okta IdP), federate its directory (Keycloak user federation), provision it from the owner (SCIM 2.0 with externalId holding the owner\'s id), or at least store the owner\'s id in an external-id attribute. Then migrate and retire duplicate credentials.',
    references: [
      { spec: 'OpenID Connect Core 1.0', section: '5.7' },
      { spec: 'RFC 7643', section: '3.1' },
      { spec: 'RFC 7644', section: '3' },
    ],
    options: z.strictObject({
      /** Share of the smaller store's people from which an unjoined pair warns (catalog: 1 %). */
      warnShare: z.number().min(0).max(1).default(0.01),
      /** Share of the smaller store's people from which an unjoined pair fails (catalog: 5 %). */
      failShare: z.number().min(0).max(1).default(0.05),
    }),
  },
  check(inventory, graph, options) {
    const stores = graphEntries(inventory, 'identity-store');
    const noCredential = storesWithoutCredential(inventory);
    if (stores.length === 0) return noCredential;
    const [only] = stores;
    // One store and no other issuer whose store went unread: nothing to compare, with or without the graph.
    if (stores.length === 1 && only && noCredential.length === 0) {
      return [{ targetId: SCAN_WIDE, subject: ALL_STORES, outcome: 'n/a', messageId: 'singleStore', data: { store: `${only.subject} (${only.targetId})` }, evidence: { stores: [only.targetId] } }];
    }
    if (!graph.built) return [notObserved(SCAN_WIDE, ALL_STORES, graphNotBuilt(graph)), ...noCredential];
    if (!graph.overlaps) return [notObserved(SCAN_WIDE, ALL_STORES, graphLacks('overlap data between stores')), ...noCredential];
    const out: Finding[] = [];
    const read = new Map<string, GraphTarget>();
    for (const entry of stores) {
      const state = profileState(graph, entry);
      // A store whose profiles were not read: its overlaps with the others are not observed.
      if (state.state === 'not-read') out.push(notObserved(entry.targetId, entry.subject, { ...state.reason, detail: `${state.reason.detail}; its overlap with the other stores is not observed` }));
      else if (state.state === 'read') read.set(entry.targetId, state.target);
      // An empty store shares no customer with anyone: no pair to report.
    }
    // Pairs of identity stores only: CRM pairs belong to IDG-CRM-COVERAGE.
    const pairs = graph.overlaps
      .filter((o) => read.has(o.targetA) && read.has(o.targetB))
      .map((o) => {
        const a = read.get(o.targetA) as GraphTarget;
        const b = read.get(o.targetB) as GraphTarget;
        const smaller = Math.min(a.people, b.people);
        // Recomputed from the counts when possible (the graph rounds shareOfSmaller).
        const share = smaller > 0 ? o.shared / smaller : (o.shareOfSmaller ?? 0);
        return { ...o, share, smaller, edges: o.edges ?? [] };
      });
    const matrix = capped(
      pairs.map((p) => ({ pair: `${p.targetA} ↔ ${p.targetB}`, shared: p.shared, shareOfSmaller: ratio(p.shared, p.smaller), edges: [...new Set(p.edges.map((e) => e.kind))] })),
    );
    for (const p of pairs) {
      const subject = `${p.targetA} ↔ ${p.targetB}`;
      const evidence = {
        shared: p.shared,
        smallerStorePeople: p.smaller,
        shareOfSmaller: ratio(p.shared, p.smaller),
        edges: p.edges.map((e) => ({ kind: e.kind, from: e.from, detail: e.detail })),
        examples: clusterExamples(graph, (c) => membersIn(c, p.targetA) > 0 && membersIn(c, p.targetB) > 0, [p.targetA, p.targetB]),
        matrix,
        warnShare: options.warnShare,
        failShare: options.failShare,
      };
      const base = { targetId: SCAN_WIDE, subject, evidence };
      const data = { a: p.targetA, b: p.targetB, shared: p.shared, share: pct(p.share), warnAt: pct(options.warnShare), edges: edgeText(p.edges) };
      if (p.shared > 0 && p.edges.length > 0) out.push({ ...base, outcome: 'pass', messageId: 'joined', data });
      else if (p.shared > 0 && p.share >= options.failShare) out.push({ ...base, outcome: 'fail', messageId: 'siloed', data });
      else if (p.shared > 0 && p.share >= options.warnShare) out.push({ ...base, outcome: 'warn', messageId: 'smallOverlap', data });
      else out.push({ ...base, outcome: 'pass', messageId: 'negligible', data });
    }
    if (pairs.length === 0 && out.length === 0 && noCredential.length === 0) {
      // Several stores in the scan, all read, but at most one holds customers (the others are empty).
      const holder = stores.find((s) => read.has(s.targetId));
      out.push({
        targetId: SCAN_WIDE,
        subject: ALL_STORES,
        outcome: 'n/a',
        messageId: 'singleStore',
        data: { store: holder ? `${holder.subject} (${holder.targetId})` : '(none)' },
        evidence: { stores: stores.map((s) => s.targetId), withCustomers: [...read.keys()] },
      });
    }
    return [...out, ...noCredential];
  },
});
