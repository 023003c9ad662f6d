import { defineRule, notObserved } from '../../src/rules-engine/define.js';
import { authorizationServers, identityStores, type IdentityStoreEntry } from '../../src/inventory.js';
import { activeIdentityProviders, capped, graphOverlaps, issuerHost, serverBelongsToStore } from '../../src/rules-engine/clients.js';
import { SCAN_WIDE } from '../../src/rules-engine/subjects.js';

/**
 * One independent issuer: the issuers that hand out the identities of one population. All issuers
 * of one identity store (an Okta org with several authorization servers, a Keycloak realm) are one
 * group; an authorization server whose store was not read is its own group, keyed by its issuer.
 */
interface IssuerGroup {
  label: string;
  issuers: Set<string>;
  targets: Set<string>;
  store?: IdentityStoreEntry;
}

/**
 * "Brokering": an enabled identity provider in one store whose provider, alias or display name
 * names the host of one of the other group's issuers (the normalised facts carry no upstream URL).
 * `undefined` when the store's identity providers were not read.
 */
function brokers(from: IssuerGroup, to: IssuerGroup): boolean | undefined {
  const idps = from.store?.store.identityProviders;
  if (!idps) return false;
  if (idps.state === 'unknown') return undefined;
  const hosts = [...to.issuers].map(issuerHost).filter((h): h is string => h !== undefined);
  return activeIdentityProviders(idps.value).some((idp) =>
    [idp.provider, idp.alias, idp.displayName ?? ''].some((text) => hosts.some((host) => text.toLowerCase().includes(host))),
  );
}

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
      countNoPopulation: '{{count}} independent issuers scanned ({{issuers}}); whether they serve the same customers is not observed: {{reason}}.',
      oneIdentityStore: 'One independent issuer: {{issuers}} all issue the identities of {{store}}.',
      siloed: '{{count}} independent issuers ({{issuers}}) serve the same customers without brokering: {{pairs}}. Those customers have a separate identity at each issuer.',
      separatePopulations: '{{count}} independent issuers ({{issuers}}); the identity graph shows no customers shared between them except where one brokers the other{{brokered}}.',
    },
    rationale:
      'Identity is scoped to iss + sub: separate issuers mean separate identities for the same customer unless one brokers the other; several independent issuers serving one customer population are evidence of siloed identity.',
    remediation:
      'Put one customer-facing issuer in front of the others (brokering the legacy ones as upstream identity providers, e.g. a Keycloak identity provider or an Auth0 enterprise connection pointing at the other issuer), or federate them, so each customer has one identity.',
    references: [{ spec: 'OpenID Connect Core 1.0', section: '5.7' }],
  },
  check(inventory, graph) {
    const servers = authorizationServers(inventory);
    const stores = identityStores(inventory).filter((s) => s.store.issuers !== undefined);
    const unread = stores.find((s) => s.store.issuers?.state === 'unknown');
    if (unread?.store.issuers?.state === 'unknown') {
      const reason = unread.store.issuers.reason;
      return [notObserved(SCAN_WIDE, 'issuers', { ...reason, detail: `the issuers of ${unread.subject} (${unread.targetId}) were not read: ${reason.detail}` })];
    }
    const groups: IssuerGroup[] = stores.map((store) => ({
      label: store.subject,
      issuers: new Set(store.store.issuers?.state === 'observed' ? store.store.issuers.value : []),
      targets: new Set([store.targetId]),
      store,
    }));
    for (const server of servers) {
      const issuer = server.as.issuer.advertised ?? server.as.configuredIssuer;
      const group =
        groups.find((g) => g.store !== undefined && serverBelongsToStore(server, g.store) === true) ??
        groups.find((g) => g.store === undefined && g.issuers.has(issuer));
      if (group) {
        group.issuers.add(issuer);
        group.targets.add(server.targetId);
      } else {
        groups.push({ label: issuer, issuers: new Set([issuer]), targets: new Set([server.targetId]) });
      }
    }
    const populated = groups.filter((g) => g.issuers.size > 0);
    if (populated.length === 0) {
      // Targets were scanned but none is an authorization server or reports issuers: the count was not observed.
      if (inventory.snapshots.length === 0) return [];
      return [notObserved(SCAN_WIDE, 'issuers', { kind: 'not-observed', detail: 'no authorization server was scanned, so the customer-facing issuers were not observed' })];
    }
    const describe = (g: IssuerGroup) => (g.store ? `${g.label} (${[...g.issuers].sort().join(', ')})` : g.label);
    const sorted = [...populated].sort((a, b) => a.label.localeCompare(b.label));
    const issuers = [...new Set(sorted.flatMap((g) => [...g.issuers]))].sort();
    const evidence: Record<string, unknown> = {
      issuers,
      targets: [...new Set(sorted.flatMap((g) => [...g.targets]))].sort(),
      groups: sorted.map((g) => ({ label: g.label, issuers: [...g.issuers].sort(), targets: [...g.targets].sort(), store: g.store !== undefined })),
      graphBuilt: graph.built,
    };
    const base = { targetId: SCAN_WIDE, subject: 'issuers', evidence };
    const [only] = sorted;
    if (sorted.length === 1 && only) {
      if (!only.store) return [{ ...base, outcome: 'info', messageId: 'count', data: { count: issuers.length, issuers: issuers.join(', ') } }];
      return [{ ...base, outcome: 'info', messageId: 'oneIdentityStore', data: { issuers: issuers.join(', '), store: `${only.label} (${[...only.targets].sort().join(', ')})` } }];
    }
    const data = { count: sorted.length, issuers: sorted.map(describe).join(', ') };
    const overlaps = graphOverlaps(graph);
    if (!overlaps) {
      const reason = graph.built ? 'the identity graph carries no overlap data between stores' : `the identity graph was not built (${graph.reason ?? 'no profiles were read'})`;
      return [{ ...base, outcome: 'info', messageId: 'countNoPopulation', data: { ...data, reason } }];
    }
    // Pairs of independent groups that share customers, and whether either brokers the other.
    const groupOf = (targetId: string) => sorted.find((g) => g.targets.has(targetId));
    const siloed: string[] = [];
    const brokered: string[] = [];
    const undetermined: string[] = [];
    for (const o of overlaps) {
      const a = groupOf(o.targetA);
      const b = groupOf(o.targetB);
      if (!a || !b || a === b || o.shared <= 0) continue;
      const pair = `${a.label} and ${b.label} share ${o.shared} customer(s)`;
      const ab = brokers(a, b);
      const ba = brokers(b, a);
      if (ab === true || ba === true) brokered.push(`${a.label} / ${b.label}`);
      else if (ab === undefined || ba === undefined) undetermined.push(pair);
      else siloed.push(pair);
    }
    evidence.siloedPairs = capped(siloed);
    evidence.brokeredPairs = capped(brokered);
    evidence.pairsWithUnreadBrokering = capped(undetermined);
    if (siloed.length) return [{ ...base, outcome: 'warn', messageId: 'siloed', data: { ...data, pairs: siloed.join('; ') } }];
    if (undetermined.length) {
      return [{ ...base, outcome: 'info', messageId: 'countNoPopulation', data: { ...data, reason: `customers are shared (${undetermined.join('; ')}), but the identity providers that would broker them were not read` } }];
    }
    return [{ ...base, outcome: 'info', messageId: 'separatePopulations', data: { ...data, brokered: brokered.length ? ` (brokered: ${brokered.join(', ')})` : '' } }];
  },
});
