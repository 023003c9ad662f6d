import type { Inventory } from '../inventory.js';
import type {
  ClusterSummary,
  CompletenessStats,
  ConsentStats,
  DriftStats,
  DuplicateStats,
  EmailCollision,
  FreshnessStats,
  GraphTarget,
  IdentityGraph,
  LinkRate,
  SocialDuplicateStats,
  StoreEdge,
} from '../model/identity.js';
import { emptyIdentityGraph } from '../model/identity.js';
import type { SystemSnapshot } from '../model/snapshot.js';
import { maskEmail, type Pseudonymizer } from '../privacy/pseudonym.js';
import { emailsOf, sharedId } from './features.js';
import type { ProfileStore } from './profile-store.js';
import { clusterReasons, reasonsPerCluster, resolveIdentities, type Resolution, type ResolveOptions } from './resolve.js';

/**
 * The identity graph: resolution results turned into what the rules and the report need — per
 * system, per pair of systems and per CRM — as counts, shares and pseudonyms. Everything is
 * computed with sorted typed arrays over the global profile index, never a map per person.
 */
export interface GraphOptions extends ResolveOptions {
  /** Where each target lives (host names join configuration facts to targets). */
  targets: Array<{ id: string; type: string; location: string }>;
  pseudonymizer: Pseudonymizer;
  /** Clusters listed in the report (largest first). */
  maxClusters?: number;
  /** Show raw emails in cluster members (operator's explicit choice). */
  reveal?: boolean;
}

const INDEX = 2 ** 21;

interface Context {
  resolution: Resolution;
  snapshots: SystemSnapshot[];
  stores: ProfileStore[];
  kinds: Array<'identity-store' | 'crm'>;
  /** Root of every global index. */
  roots: Int32Array;
  /** identitySummary, once computed. */
  identity?: Uint8Array;
}

export function buildIdentityGraph(inventory: Inventory, options: GraphOptions): { graph: IdentityGraph; resolution?: Resolution } {
  const snapshots = inventory.snapshots.filter((s): s is SystemSnapshot & { profiles: ProfileStore } => !!s.profiles && s.profiles.size > 0 && s.kind !== 'authorization-server');
  const profilesPerTarget = inventory.snapshots.filter((s) => s.profiles).map((s) => ({ targetId: s.targetId, profiles: s.profiles?.size ?? 0 }));
  if (snapshots.length === 0) return { graph: emptyIdentityGraph('no identity store or CRM profiles were read') };
  const stores = snapshots.map((s) => s.profiles);
  const resolution = resolveIdentities(stores, options);
  const roots = new Int32Array(resolution.features.size);
  for (let g = 0; g < roots.length; g++) roots[g] = resolution.clusters.find(g);
  const ctx: Context = { resolution, snapshots, stores, kinds: snapshots.map((s) => (s.kind === 'crm' ? 'crm' : 'identity-store')), roots };
  const groups = rootTargetGroups(ctx);
  const targets = graphTargets(ctx, groups);
  const graph: IdentityGraph = {
    built: true,
    profilesPerTarget,
    targets,
    people: new Set(roots).size,
    duplicates: duplicates(ctx, groups),
    socialDuplicates: socialDuplicates(ctx, groups),
    overlaps: overlaps(ctx, groups, targets, inventory, options.targets),
    linkRates: linkRates(ctx),
    lifecycleDrift: lifecycleDrift(ctx),
    consent: consent(ctx),
    freshness: freshness(ctx),
    emailCollisions: emailCollisions(ctx),
    completeness: completeness(ctx, Date.parse(inventory.scannedAt)),
    ...clusterList(ctx, options),
    resolution: {
      candidatePairs: resolution.candidatePairs,
      acceptedPairs: resolution.accepted,
      explicitLinks: resolution.links.edges.length,
      vetoed: resolution.vetoed,
      chainingPrevented: resolution.clusters.prevented,
      threshold: options.threshold ?? 0.95,
      model: {
        lambda: resolution.model.lambda,
        emIterations: resolution.model.em.iterations,
        emConverged: resolution.model.em.converged,
        fallback: resolution.model.em.fallback,
        ...(resolution.model.em.reason ? { reason: resolution.model.em.reason } : {}),
      },
      blocking: resolution.blocking.map((b) => ({ rule: b.rule, pairs: b.pairs, blocks: b.blocks, oversized: b.oversized, largestSkipped: b.largestSkipped })),
      pseudonymKey: options.pseudonymizer.source,
    },
  };
  return { graph, resolution };
}

function targetOf(ctx: Context, g: number): number {
  return ctx.resolution.features.storeOf[g] as number;
}

function localOf(ctx: Context, g: number): number {
  return ctx.resolution.features.localOf[g] as number;
}

/** Every profile sorted by (root, target): runs are "this person's records in this system". */
interface Groups {
  /** Sorted packed (root * T + target) * INDEX + g. */
  entries: Float64Array;
  targetCount: number;
}

function rootTargetGroups(ctx: Context): Groups {
  const t = ctx.stores.length;
  const entries = new Float64Array(ctx.roots.length);
  for (let g = 0; g < ctx.roots.length; g++) entries[g] = ((ctx.roots[g] as number) * t + targetOf(ctx, g)) * INDEX + g;
  return { entries: entries.sort(), targetCount: t };
}

/** Visit each (root, target) run: its members (global indices). */
function forEachRootTarget(groups: Groups, visit: (root: number, target: number, members: number[]) => void): void {
  const { entries, targetCount } = groups;
  let i = 0;
  while (i < entries.length) {
    const key = Math.floor((entries[i] as number) / INDEX);
    const members: number[] = [];
    while (i < entries.length && Math.floor((entries[i] as number) / INDEX) === key) members.push((entries[i++] as number) % INDEX);
    visit(Math.floor(key / targetCount), key % targetCount, members);
  }
}

/** Visit each root with the targets it spans. */
function forEachRoot(groups: Groups, visit: (root: number, targets: number[]) => void): void {
  let current = -1;
  let targets: number[] = [];
  forEachRootTarget(groups, (root, target) => {
    if (root !== current) {
      if (current >= 0) visit(current, targets);
      current = root;
      targets = [];
    }
    targets.push(target);
  });
  if (current >= 0) visit(current, targets);
}

function graphTargets(ctx: Context, groups: Groups): GraphTarget[] {
  const people = new Array<number>(ctx.stores.length).fill(0);
  forEachRootTarget(groups, (_root, target) => {
    people[target] = (people[target] ?? 0) + 1;
  });
  const withoutIdentifiers = new Array<number>(ctx.stores.length).fill(0);
  const f = ctx.resolution.features;
  for (let g = 0; g < f.size; g++) {
    const t = targetOf(ctx, g);
    if (f.emailStart[g] === f.emailStart[g + 1] && f.phoneStart[g] === f.phoneStart[g + 1] && !f.given[g] && !f.family[g]) withoutIdentifiers[t] = (withoutIdentifiers[t] ?? 0) + 1;
  }
  return ctx.snapshots.map((s, i) => ({
    targetId: s.targetId,
    kind: ctx.kinds[i] ?? 'identity-store',
    profiles: ctx.stores[i]?.size ?? 0,
    people: people[i] ?? 0,
    withoutIdentifiers: withoutIdentifiers[i] ?? 0,
  }));
}

function sizeBucket(size: number): string {
  return size === 2 ? '2' : size === 3 ? '3' : size < 10 ? '4-9' : '10+';
}

function duplicates(ctx: Context, groups: Groups): DuplicateStats[] {
  const stats = ctx.snapshots.map((s, i) => {
    const sizes: Record<string, number> = {};
    const roots: number[] = [];
    return { targetId: s.targetId, clusters: 0, profilesInClusters: 0, share: 0, sizes, roots, profiles: ctx.stores[i]?.size ?? 0 };
  });
  forEachRootTarget(groups, (root, target, members) => {
    if (members.length < 2) return;
    const s = stats[target];
    if (!s) return;
    s.clusters++;
    s.profilesInClusters += members.length;
    const bucket = sizeBucket(members.length);
    s.sizes[bucket] = (s.sizes[bucket] ?? 0) + 1;
    s.roots.push(root);
  });
  return stats.map(({ roots, profiles, ...s }) => ({ ...s, share: profiles ? round(s.profilesInClusters / profiles) : 0, topReasons: clusterReasons(ctx.resolution, new Set(roots), { withinStore: true }) }));
}

function socialDuplicates(ctx: Context, groups: Groups): SocialDuplicateStats[] {
  const f = ctx.resolution.features;
  const out = ctx.snapshots.map((s) => ({ targetId: s.targetId, pairs: 0, federatedAccounts: 0, share: 0 }));
  ctx.stores.forEach((store, i) => {
    const o = out[i];
    if (!o) return;
    for (let l = 0; l < store.size; l++) if (store.originOf(l) === 'federated') o.federatedAccounts++;
  });
  forEachRootTarget(groups, (_root, target, members) => {
    if (members.length < 2) return;
    const store = ctx.stores[target];
    if (!store) return;
    const local = members.filter((g) => store.originOf(localOf(ctx, g)) === 'local');
    const federated = members.filter((g) => store.originOf(localOf(ctx, g)) === 'federated');
    for (const a of local) for (const b of federated) if (sharedId(f.emailStart, f.emailIds, a, b)) (out[target] as SocialDuplicateStats).pairs++;
  });
  return out.map((o) => ({ ...o, share: o.federatedAccounts ? round(o.pairs / o.federatedAccounts) : 0 }));
}

function hostOf(location: string): string | undefined {
  try {
    return new URL(location.split(' ')[0] ?? location).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

function overlaps(ctx: Context, groups: Groups, targets: GraphTarget[], inventory: Inventory, descriptions: GraphOptions['targets']): IdentityGraph['overlaps'] {
  const n = ctx.stores.length;
  const shared = new Map<string, number>();
  forEachRoot(groups, (_root, spanned) => {
    for (let i = 0; i < spanned.length; i++) for (let j = i + 1; j < spanned.length; j++) {
      const key = `${spanned[i] ?? 0},${spanned[j] ?? 0}`;
      shared.set(key, (shared.get(key) ?? 0) + 1);
    }
  });
  const edges = storeEdges(ctx, inventory, descriptions);
  const out: NonNullable<IdentityGraph['overlaps']> = [];
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const count = shared.get(`${a},${b}`) ?? 0;
      const ta = targets[a];
      const tb = targets[b];
      if (!ta || !tb) continue;
      const smaller = Math.min(ta.people, tb.people);
      const [first, second] = [ta.targetId, tb.targetId].sort();
      out.push({
        targetA: first as string,
        targetB: second as string,
        shared: count,
        shareOfSmaller: smaller ? round(count / smaller) : 0,
        edges: edges.get(`${first}|${second}`) ?? [],
      });
    }
  }
  return out.sort((x, y) => x.targetA.localeCompare(y.targetA) || x.targetB.localeCompare(y.targetB));
}

/** What joins two systems: stored keys between their records, and federation in their configuration. */
function storeEdges(ctx: Context, inventory: Inventory, descriptions: GraphOptions['targets']): Map<string, StoreEdge[]> {
  const edges = new Map<string, StoreEdge[]>();
  const add = (x: string, y: string, edge: StoreEdge) => {
    if (x === y) return;
    const key = [x, y].sort().join('|');
    const list = edges.get(key) ?? [];
    if (!list.some((e) => e.kind === edge.kind && e.from === edge.from && e.detail === edge.detail)) list.push(edge);
    edges.set(key, list);
  };
  const counts = new Map<string, number>();
  for (const edge of ctx.resolution.links.edges) {
    if (edge.kind === 'federated-identity') continue;
    const x = ctx.snapshots[targetOf(ctx, edge.a)]?.targetId ?? '';
    const y = ctx.snapshots[targetOf(ctx, edge.b)]?.targetId ?? '';
    const key = `${edge.kind}|${edge.via}|${[x, y].sort().join('|')}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key, count] of counts) {
    const [kind, via, x, y] = key.split('|') as [StoreEdge['kind'], string, string, string];
    add(x, y, { kind, from: 'records', detail: `${count} records hold the other system's key in ${via}` });
  }
  const hosts = descriptions.map((d) => ({ id: d.id, host: hostOf(d.location) })).filter((d) => d.host);
  for (const snapshot of inventory.snapshots) {
    const store = snapshot.facts.identityStore;
    if (!store) continue;
    const idps = store.identityProviders?.state === 'observed' ? store.identityProviders.value : [];
    for (const idp of idps) {
      if (!idp.enabled) continue;
      const upstream = idp.upstreamIssuer ? hostOf(idp.upstreamIssuer) : undefined;
      for (const other of hosts) {
        if (other.id === snapshot.targetId) continue;
        if (upstream === other.host || (other.host && idp.alias.toLowerCase().includes(other.host))) {
          add(snapshot.targetId, other.id, { kind: 'federation', from: snapshot.targetId, detail: `identity provider ${idp.alias} brokers ${other.id}` });
        }
      }
    }
    const provisioning = store.provisioning?.state === 'observed' ? store.provisioning.value : undefined;
    for (const fed of provisioning?.directoryFederation ?? []) {
      const host = hostOf(fed.connectionUrl);
      for (const other of hosts) {
        if (other.id !== snapshot.targetId && host && other.host === host && fed.enabled) {
          add(snapshot.targetId, other.id, { kind: 'directory-federation', from: snapshot.targetId, detail: `user federation ${fed.name} reads ${other.id}` });
        }
      }
    }
  }
  return edges;
}

/** Per CRM: contacts linked to identities by a stored key, by matching only, or not at all. */
function linkRates(ctx: Context): LinkRate[] {
  const explicit = explicitContacts(ctx);
  const identity = identitySummary(ctx);
  let activeIdentities = 0;
  for (let r = 0; r < identity.length; r++) if ((identity[r] as number) & ACTIVE) activeIdentities++;
  const out: LinkRate[] = [];
  // Per root: the CRM (target + 1) that last counted it, so each person counts once per CRM.
  const seenBy = new Uint16Array(ctx.roots.length);
  ctx.stores.forEach((store, target) => {
    if (ctx.kinds[target] !== 'crm') return;
    const rate: LinkRate = { crmTargetId: ctx.snapshots[target]?.targetId ?? '', customerContacts: 0, linkedExplicit: 0, linkedMatchOnly: 0, unlinked: 0, identities: activeIdentities, identitiesInCrm: 0 };
    const offset = ctx.resolution.features.offsets[target] ?? 0;
    for (let l = 0; l < store.size; l++) {
      const g = offset + l;
      const root = ctx.roots[g] as number;
      if (seenBy[root] !== target + 1) {
        seenBy[root] = target + 1;
        if ((identity[root] as number) & ACTIVE) rate.identitiesInCrm++;
      }
      if (store.lifecycleOf(l) === 'lead') continue;
      rate.customerContacts++;
      if (explicit[g]) rate.linkedExplicit++;
      else if ((identity[root] as number) & IDENTITY) rate.linkedMatchOnly++;
      else rate.unlinked++;
    }
    out.push(rate);
  });
  return out;
}

/** CRM contacts whose stored key resolves to an identity-store record (flag per global index). */
function explicitContacts(ctx: Context): Uint8Array {
  const out = new Uint8Array(ctx.roots.length);
  for (const edge of ctx.resolution.links.edges) {
    const ka = ctx.kinds[targetOf(ctx, edge.a)];
    const kb = ctx.kinds[targetOf(ctx, edge.b)];
    if (ka === 'crm' && kb === 'identity-store') out[edge.a] = 1;
    if (kb === 'crm' && ka === 'identity-store') out[edge.b] = 1;
  }
  return out;
}

/** Bits of identitySummary: the person has an identity-store record, one not disabled, one opted in, one opted out. */
const IDENTITY = 1;
const ACTIVE = 2;
const OPTED_IN = 4;
const OPTED_OUT = 8;

/** What each person's (root's) identity-store records say, as bits: what CRM comparisons need, no member lists. */
function identitySummary(ctx: Context): Uint8Array {
  if (ctx.identity) return ctx.identity;
  const out = new Uint8Array(ctx.roots.length);
  for (let g = 0; g < ctx.roots.length; g++) {
    const target = targetOf(ctx, g);
    if (ctx.kinds[target] !== 'identity-store') continue;
    const store = ctx.stores[target];
    const l = localOf(ctx, g);
    const consent = store?.consentOf(l);
    const bits = IDENTITY | (store?.statusOf(l) !== 'disabled' ? ACTIVE : 0) | (consent === true ? OPTED_IN : consent === false ? OPTED_OUT : 0);
    const root = ctx.roots[g] as number;
    out[root] = (out[root] as number) | bits;
  }
  ctx.identity = out;
  return out;
}

function lifecycleDrift(ctx: Context): DriftStats[] {
  const identity = identitySummary(ctx);
  const resolvedVia = new Set(ctx.resolution.links.edges.map((e) => e.via));
  const dangling = new Map<number, number>();
  for (const d of ctx.resolution.links.dangling) {
    // Only keys of a field that does point at a scanned store count as dangling.
    if (d.kind === 'crm-key' && resolvedVia.has(d.via)) dangling.set(targetOf(ctx, d.g), (dangling.get(targetOf(ctx, d.g)) ?? 0) + 1);
  }
  const out: DriftStats[] = [];
  ctx.stores.forEach((store, target) => {
    if (ctx.kinds[target] !== 'crm') return;
    const stats: DriftStats = { crmTargetId: ctx.snapshots[target]?.targetId ?? '', linkedPairs: 0, disabledButActive: 0, danglingKeys: dangling.get(target) ?? 0 };
    const offset = ctx.resolution.features.offsets[target] ?? 0;
    for (let l = 0; l < store.size; l++) {
      const bits = identity[ctx.roots[offset + l] as number] as number;
      if (!(bits & IDENTITY)) continue;
      stats.linkedPairs++;
      const allDisabled = !(bits & ACTIVE);
      const marketable = store.statusOf(l) !== 'disabled' && store.consentOf(l) !== false;
      if (allDisabled && marketable) stats.disabledButActive++;
    }
    out.push(stats);
  });
  return out;
}

function consent(ctx: Context): ConsentStats[] {
  const identity = identitySummary(ctx);
  const out: ConsentStats[] = [];
  ctx.stores.forEach((store, target) => {
    if (ctx.kinds[target] !== 'crm') return;
    const stats: ConsentStats = { crmTargetId: ctx.snapshots[target]?.targetId ?? '', linkedPairs: 0, bothKnown: 0, disagree: 0 };
    const offset = ctx.resolution.features.offsets[target] ?? 0;
    for (let l = 0; l < store.size; l++) {
      const bits = identity[ctx.roots[offset + l] as number] as number;
      if (!(bits & IDENTITY)) continue;
      stats.linkedPairs++;
      const contact = store.consentOf(l);
      if (contact === undefined || !(bits & (OPTED_IN | OPTED_OUT))) continue;
      stats.bothKnown++;
      if (bits & (contact ? OPTED_OUT : OPTED_IN)) stats.disagree++;
    }
    out.push(stats);
  });
  return out;
}

/**
 * Pairs joined by a stored key (CRM field holding an identity's id): compare what a sync would carry
 * — normalised emails, family name, marketing consent — where both sides state it. A disagreement
 * whose identity record changed after the contact is a change the CRM has not received; how long
 * ago (identity update minus contact update) says how far behind the sync is.
 */
function freshness(ctx: Context): FreshnessStats[] {
  const f = ctx.resolution.features;
  const byCrm = new Map<number, { stats: FreshnessStats; lags: number[] }>();
  ctx.stores.forEach((_store, target) => {
    if (ctx.kinds[target] === 'crm') byCrm.set(target, { stats: { crmTargetId: ctx.snapshots[target]?.targetId ?? '', pairs: 0, agree: 0, disagreeBy: { email: 0, family: 0, consent: 0 }, stale: 0 }, lags: [] });
  });
  for (const edge of ctx.resolution.links.edges) {
    if (edge.kind !== 'crm-key') continue;
    const [contact, identity] = ctx.kinds[targetOf(ctx, edge.a)] === 'crm' ? [edge.a, edge.b] : [edge.b, edge.a];
    const entry = byCrm.get(targetOf(ctx, contact));
    const crmStore = ctx.stores[targetOf(ctx, contact)];
    const idStore = ctx.stores[targetOf(ctx, identity)];
    if (!entry || !crmStore || !idStore || ctx.kinds[targetOf(ctx, identity)] !== 'identity-store') continue;
    const { stats, lags } = entry;
    stats.pairs++;
    const hasEmail = (g: number) => f.emailStart[g] !== f.emailStart[g + 1];
    const email = hasEmail(contact) && hasEmail(identity) && !sharedId(f.emailStart, f.emailIds, contact, identity);
    const family = !!f.family[contact] && !!f.family[identity] && f.family[contact] !== f.family[identity];
    const contactConsent = crmStore.consentOf(localOf(ctx, contact));
    const identityConsent = idStore.consentOf(localOf(ctx, identity));
    const consent = contactConsent !== undefined && identityConsent !== undefined && contactConsent !== identityConsent;
    if (email) stats.disagreeBy.email++;
    if (family) stats.disagreeBy.family++;
    if (consent) stats.disagreeBy.consent++;
    const agree = !email && !family && !consent;
    if (agree) stats.agree++;
    // A pair's wait: 0 when it agrees or the contact changed last; otherwise since the identity changed.
    const behind = idStore.updatedAtMs(localOf(ctx, identity)) - crmStore.updatedAtMs(localOf(ctx, contact));
    if (Number.isNaN(behind)) continue;
    if (!agree && behind > 0) stats.stale++;
    lags.push(!agree && behind > 0 ? behind / 1000 : 0);
  }
  return [...byCrm.values()].map(({ stats, lags }) => {
    if (lags.length === 0) return stats;
    lags.sort((x, y) => x - y);
    return { ...stats, p95LagSeconds: Math.round(lags[Math.min(lags.length - 1, Math.ceil(lags.length * 0.95) - 1)] as number) };
  });
}

/** The same normalised email, verified in one identity store and explicitly unverified in another. */
function emailCollisions(ctx: Context): EmailCollision[] {
  const f = ctx.resolution.features;
  const packed: number[] = [];
  for (let g = 0; g < f.size; g++) {
    if (ctx.kinds[targetOf(ctx, g)] !== 'identity-store') continue;
    for (let k = f.emailStart[g] as number; k < (f.emailStart[g + 1] as number); k++) packed.push((f.emailIds[k] as number) * INDEX + g);
  }
  const entries = Float64Array.from(packed).sort();
  const counts = new Map<string, number>();
  let i = 0;
  while (i < entries.length) {
    const email = Math.floor((entries[i] as number) / INDEX);
    const members: number[] = [];
    while (i < entries.length && Math.floor((entries[i] as number) / INDEX) === email) members.push((entries[i++] as number) % INDEX);
    if (members.length < 2) continue;
    const verified = new Set(members.filter((g) => ((f.verified[g] ?? 0) & 1) === 1).map((g) => targetOf(ctx, g)));
    const unverified = new Set(members.filter((g) => ((f.verified[g] ?? 0) & 2) === 2).map((g) => targetOf(ctx, g)));
    for (const v of verified) for (const u of unverified) {
      if (v === u) continue;
      const key = `${ctx.snapshots[v]?.targetId ?? ''}|${ctx.snapshots[u]?.targetId ?? ''}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].map(([key, count]) => {
    const [verifiedIn, unverifiedIn] = key.split('|') as [string, string];
    return { verifiedIn, unverifiedIn, count };
  }).sort((a, b) => a.verifiedIn.localeCompare(b.verifiedIn) || a.unverifiedIn.localeCompare(b.unverifiedIn));
}

const YEAR = 365.25 * 86_400_000;
const AGE_BUCKETS: Array<[string, number]> = [['<1y', 1], ['1-2y', 2], ['2-5y', 5], ['5y+', Infinity]];

function completeness(ctx: Context, now: number): CompletenessStats[] {
  return ctx.stores.flatMap((store, target) => {
    if (ctx.kinds[target] !== 'identity-store') return [];
    const buckets = new Map<string, { profiles: number; filled: number }>();
    for (let l = 0; l < store.size; l++) {
      const created = store.createdAtMs(l);
      const age = Number.isNaN(created) ? 'unknown' : (AGE_BUCKETS.find(([, max]) => (now - created) / YEAR < max)?.[0] ?? '5y+');
      const b = buckets.get(age) ?? { profiles: 0, filled: 0 };
      b.profiles++;
      b.filled += store.filledOf(l);
      buckets.set(age, b);
    }
    const order = [...AGE_BUCKETS.map(([name]) => name), 'unknown'];
    return [{
      targetId: ctx.snapshots[target]?.targetId ?? '',
      buckets: order.filter((name) => buckets.has(name)).map((age) => {
        const b = buckets.get(age) as { profiles: number; filled: number };
        return { age, profiles: b.profiles, meanFilled: round(b.filled / b.profiles) };
      }),
    }];
  });
}

/**
 * The clusters of two or more records: all counted, the largest listed. The anchor of a cluster is
 * its lowest member key (`targetId:localId`), so that its fingerprint survives members joining;
 * among equal sizes the lowest anchors are listed, which keeps the list stable from scan to scan.
 * Anchors are found by comparing keys in place and only the listed clusters are sorted, spelt out
 * and pseudonymised: a million clusters cost no strings and no keyed hashes.
 */
function clusterList(ctx: Context, options: GraphOptions): { clusters: ClusterSummary[]; clusterCount: number } {
  const { clusters, features } = ctx.resolution;
  const limit = options.maxClusters ?? 200;
  const prefixes = ctx.snapshots.map((s) => `${s.targetId}:`);
  const prefixOf = (g: number) => prefixes[targetOf(ctx, g)] ?? '';
  const localIdOf = (g: number) => ctx.stores[targetOf(ctx, g)]?.localId(localOf(ctx, g)) ?? '';
  const keyCompare = (g: number, h: number) => compareJoined(prefixOf(g), localIdOf(g), prefixOf(h), localIdOf(h));
  const anchorOf = new Int32Array(ctx.roots.length).fill(-1);
  for (let g = 0; g < ctx.roots.length; g++) {
    const root = ctx.roots[g] as number;
    if (clusters.sizeOf(root) < 2) continue;
    const anchor = anchorOf[root] as number;
    if (anchor < 0 || keyCompare(g, anchor) < 0) anchorOf[root] = g;
  }
  const roots: number[] = [];
  for (let g = 0; g < anchorOf.length; g++) if ((anchorOf[g] as number) >= 0) roots.push(g);
  const order = (x: number, y: number) => clusters.sizeOf(y) - clusters.sizeOf(x) || keyCompare(anchorOf[x] as number, anchorOf[y] as number);
  const listed = smallest(roots, limit, order).sort(order);
  const membersOf = new Map<number, number[]>(listed.map((root) => [root, []]));
  for (let g = 0; g < ctx.roots.length; g++) membersOf.get(ctx.roots[g] as number)?.push(g);
  const reasons = reasonsPerCluster(ctx.resolution, new Set(listed), 8);
  const summaries = listed.map((root): ClusterSummary => {
    const anchor = anchorOf[root] as number;
    return {
      fingerprint: options.pseudonymizer.digest(`cluster:${prefixOf(anchor)}${localIdOf(anchor)}`),
      size: clusters.sizeOf(root),
      members: (membersOf.get(root) ?? [])
        .map((g) => {
          const targetId = ctx.snapshots[targetOf(ctx, g)]?.targetId ?? '';
          const email = emailsOf(features, g)[0];
          const member: ClusterSummary['members'][number] = { targetId, pseudonym: options.pseudonymizer.pseudonym(targetId, localIdOf(g)) };
          if (email) member.example = options.reveal ? email : maskEmail(email);
          return member;
        })
        .sort((a, b) => a.targetId.localeCompare(b.targetId) || a.pseudonym.localeCompare(b.pseudonym)),
      reasons: reasons.get(root) ?? [],
    };
  });
  return { clusters: summaries, clusterCount: roots.length };
}

/** a1 + a2 against b1 + b2 in UTF-16 code-unit order (as `<` on the joined strings), without joining them. */
function compareJoined(a1: string, a2: string, b1: string, b2: string): number {
  const la = a1.length + a2.length;
  const lb = b1.length + b2.length;
  const n = Math.min(la, lb);
  for (let i = 0; i < n; i++) {
    const ca = i < a1.length ? a1.charCodeAt(i) : a2.charCodeAt(i - a1.length);
    const cb = i < b1.length ? b1.charCodeAt(i) : b2.charCodeAt(i - b1.length);
    if (ca !== cb) return ca - cb;
  }
  return la - lb;
}

/** The `k` smallest items by `order` (unsorted), through a bounded max-heap: O(n log k), not a full sort. */
function smallest(items: number[], k: number, order: (x: number, y: number) => number): number[] {
  if (items.length <= k) return [...items];
  const heap: number[] = [];
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && order(heap[l] as number, heap[top] as number) > 0) top = l;
      if (r < heap.length && order(heap[r] as number, heap[top] as number) > 0) top = r;
      if (top === i) return;
      [heap[i], heap[top]] = [heap[top] as number, heap[i] as number];
      i = top;
    }
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (order(heap[i] as number, heap[parent] as number) <= 0) break;
        [heap[i], heap[parent]] = [heap[parent] as number, heap[i] as number];
        i = parent;
      }
    } else if (k > 0 && order(item, heap[0] as number) < 0) {
      heap[0] = item;
      down(0);
    }
  }
  return heap;
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
