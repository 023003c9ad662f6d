import { authorizationServers, identityStores, type IdentityStoreEntry, type Inventory } from '../../src/inventory.js';
import type { IdentityGraph } from '../../src/model/identity.js';
import type { UnknownReason } from '../../src/model/observation.js';
import { nameSome, noCredential, serversWithoutStore } from '../../src/rules-engine/authenticators.js';
import { capped, isLoopbackHost, issuerHost, serverBelongsToStore } from '../../src/rules-engine/clients.js';
import { defineRule, notObserved } from '../../src/rules-engine/define.js';
import { SCAN_WIDE } from '../../src/rules-engine/subjects.js';

/** The subject of the scan-wide finding. */
const SUBJECT = 'customer-facing apps';

/**
 * The app host of a redirect URI: the host of an http(s) URI. Loopback redirects (native apps on
 * 127.0.0.1 / [::1] / localhost), custom schemes (com.example.app:/cb), wildcard hosts and
 * relative URIs (Keycloak resolves them against the store's own host) say nothing about which app it is.
 */
function appHost(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (!host || host.includes('*') || isLoopbackHost(host)) return undefined;
  return host;
}

/** Hosts of the issuers a store operates; undefined when they are not known. */
function hostsOf(inventory: Inventory, entry: IdentityStoreEntry): string[] | undefined {
  const hosts = new Set<string>();
  const issuers = entry.store.issuers;
  if (issuers?.state === 'observed') for (const i of issuers.value) hosts.add(issuerHost(i) ?? '');
  for (const server of authorizationServers(inventory)) {
    if (serverBelongsToStore(server, entry) === true) hosts.add(issuerHost(server.as.configuredIssuer) ?? '');
  }
  hosts.delete('');
  return hosts.size ? [...hosts] : undefined;
}

/**
 * Whether `from` brokers the store at `toHosts`: an enabled identity provider whose upstream issuer
 * (or alias, provider or display name) names one of its hosts. false when `from` has no enabled
 * provider; undefined when that cannot be read.
 */
function brokers(from: IdentityStoreEntry, toHosts: string[] | undefined): boolean | undefined {
  const idps = from.store.identityProviders;
  if (!idps) return false;
  if (idps.state === 'unknown') return undefined;
  const enabled = idps.value.filter((i) => i.enabled);
  if (enabled.length === 0) return false;
  if (!toHosts) return undefined;
  return enabled.some((idp) => {
    const upstream = idp.upstreamIssuer ? issuerHost(idp.upstreamIssuer) : undefined;
    if (upstream && toHosts.includes(upstream)) return true;
    return [idp.alias, idp.provider, idp.displayName ?? ''].some((text) => toHosts.some((host) => text.toLowerCase().includes(host)));
  });
}

/**
 * Whether two stores are federated: a `federation` edge between them in the identity graph, or one
 * brokering the other in the facts. false when both sides were read and neither brokers the other
 * (or the graph compared the two and found no federation edge); undefined when neither can tell.
 */
function federated(inventory: Inventory, graph: IdentityGraph, a: IdentityStoreEntry, b: IdentityStoreEntry): boolean | undefined {
  const overlap = graph.built ? graph.overlaps?.find((o) => (o.targetA === a.targetId && o.targetB === b.targetId) || (o.targetA === b.targetId && o.targetB === a.targetId)) : undefined;
  if (overlap?.edges?.some((e) => e.kind === 'federation')) return true;
  const ab = brokers(a, hostsOf(inventory, b));
  const ba = brokers(b, hostsOf(inventory, a));
  if (ab === true || ba === true) return true;
  if (ab === false && ba === false) return false;
  // The graph derives federation edges from the targets' configured locations, which the facts lack.
  if (overlap) return false;
  return undefined;
}

interface HostGroup {
  host: string;
  /** Store target id → client ids registering this host. */
  stores: Map<string, string[]>;
  federated?: boolean | null;
}

export default defineRule({
  meta: {
    id: 'IDG-APP-FRAGMENTATION',
    title: 'Each customer-facing app signs in through one identity platform',
    severity: 'medium',
    area: 'identity-graph',
    process: 'authentication',
    tier: 'T2',
    messages: {
      fragmented:
        '{{count}} app host(s) are registered as clients in two or more identity stores that are not federated: {{apps}}. Customers of those apps get a separate identity, with separate credentials, in each store.',
      onePlatform: '{{hosts}} app host(s) across {{stores}} identity store(s) each sign in through one identity platform{{federatedNote}}.',
      partial:
        'No app host is registered in two unfederated stores among the {{stores}} store(s) whose clients were read ({{hosts}} app host(s)), but the clients of {{unread}} were not read.',
    },
    rationale:
      'An application that registers a client in two identity stores signs the same customer in with two identities (identity is scoped to the issuer, OIDC Core §5.7): two passwords, two MFA enrolments, two consent records. Fragmented login is how silos are born; one platform per app, with the other stores brokered behind it, keeps one identity per customer.',
    remediation:
      'Give each app one client in the customer identity platform and retire its registrations in the other stores; where the other store must keep authenticating (a legacy or partner directory), broker it behind the platform as an upstream identity provider (Keycloak identity provider, Auth0 enterprise connection, Okta IdP) so the app sees one issuer.',
    references: [
      { spec: 'OpenID Connect Core 1.0', section: '5.7' },
      { spec: 'RFC 6749', section: '3.1.2' },
    ],
  },
  check(inventory, graph) {
    const read: IdentityStoreEntry[] = [];
    const unread: Array<{ label: string; reason: UnknownReason }> = [];
    const groups = new Map<string, HostGroup>();
    let considered = 0;
    for (const entry of identityStores(inventory)) {
      const clients = entry.store.clients;
      if (!clients) continue; // this kind of store has no clients (directory, SCIM, export)
      if (clients.state === 'unknown') {
        unread.push({ label: `${entry.subject} (${entry.targetId})`, reason: clients.reason });
        continue;
      }
      read.push(entry);
      // Built-in vendor clients (account console, admin CLI) are the store's own apps on its own
      // host, not customer-facing apps: left out. Disabled clients cannot sign anyone in.
      for (const client of clients.value.filter((c) => c.enabled && c.builtIn !== true)) {
        considered++;
        for (const host of new Set(client.redirectUris.map(appHost).filter((h): h is string => h !== undefined))) {
          const group = groups.get(host) ?? { host, stores: new Map<string, string[]>() };
          group.stores.set(entry.targetId, [...(group.stores.get(entry.targetId) ?? []), client.id]);
          groups.set(host, group);
        }
      }
    }
    for (const server of serversWithoutStore(inventory)) {
      const finding = noCredential(server);
      if (finding.unknownReason) unread.push({ label: server.as.configuredIssuer, reason: finding.unknownReason });
    }
    if (read.length === 0) {
      if (unread.length === 0) return [];
      const [first] = unread;
      const detail = `app registrations cannot be compared: the clients were not read for ${nameSome(unread.map((u) => `${u.label} (${u.reason.detail})`))}`;
      return [notObserved(SCAN_WIDE, SUBJECT, { ...(first?.reason ?? { kind: 'not-observed' }), detail })];
    }
    const byTarget = new Map(read.map((e) => [e.targetId, e]));
    const multi = [...groups.values()].filter((g) => g.stores.size >= 2).sort((a, b) => a.host.localeCompare(b.host));
    const fragmented: HostGroup[] = [];
    const undetermined: HostGroup[] = [];
    const joined: HostGroup[] = [];
    for (const group of multi) {
      const targets = [...group.stores.keys()].sort();
      let verdict: boolean | undefined = true;
      for (let i = 0; i < targets.length && verdict !== false; i++) {
        for (let j = i + 1; j < targets.length; j++) {
          const a = byTarget.get(targets[i] as string);
          const b = byTarget.get(targets[j] as string);
          const f = a && b ? federated(inventory, graph, a, b) : undefined;
          if (f === false) {
            verdict = false;
            break;
          }
          if (f === undefined) verdict = undefined;
        }
      }
      group.federated = verdict ?? null;
      if (verdict === false) fragmented.push(group);
      else if (verdict === undefined) undetermined.push(group);
      else joined.push(group);
    }
    const describe = (g: HostGroup) => `${g.host} (${[...g.stores.keys()].sort().join(', ')})`;
    const evidence = {
      storesRead: read.map((e) => e.targetId),
      clientsConsidered: considered,
      appHosts: groups.size,
      multiStoreHosts: capped(multi).map((g) => ({
        host: g.host,
        stores: [...g.stores.keys()].sort(),
        clients: capped([...g.stores.entries()].sort((x, y) => x[0].localeCompare(y[0])).flatMap(([t, ids]) => ids.map((id) => `${t}:${id}`))),
        federated: g.federated ?? null,
      })),
      multiStoreHostCount: multi.length,
      notRead: unread.map((u) => u.label),
      graphBuilt: graph.built,
    };
    const base = { targetId: SCAN_WIDE, subject: SUBJECT, evidence };
    if (fragmented.length) return [{ ...base, outcome: 'warn', messageId: 'fragmented', data: { count: fragmented.length, apps: nameSome(fragmented.map(describe)) } }];
    if (undetermined.length) {
      return [
        {
          ...notObserved(SCAN_WIDE, SUBJECT, {
            kind: 'not-observed',
            detail: `${nameSome(undetermined.map(describe))} are registered in several stores, but whether those stores are federated is not observed (identity providers or issuers not read, and no identity-graph overlap data)`,
          }),
          evidence,
        },
      ];
    }
    if (unread.length) return [{ ...base, outcome: 'info', messageId: 'partial', data: { stores: read.length, hosts: groups.size, unread: nameSome(unread.map((u) => u.label)) } }];
    const federatedNote = joined.length ? `; ${joined.length} host(s) registered in several stores go through federated stores (${nameSome(joined.map(describe))})` : '';
    return [{ ...base, outcome: 'info', messageId: 'onePlatform', data: { hosts: groups.size, stores: read.length, federatedNote } }];
  },
});
