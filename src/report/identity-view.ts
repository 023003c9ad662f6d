/**
 * The identity section as both page renderers show it: every list of the identity graph in one
 * canonical order (whatever order the report holds it in), pairs of systems normalised and
 * classified (silo, joined, disjoint), and the few totals the section leads with. Pure and
 * locale-free like the rest of src/report: the same report gives the same view.
 */
import type { ClusterSummary, CompletenessStats, ConsentStats, DriftStats, DuplicateStats, EmailCollision, FreshnessStats, LinkRate, ResolutionStats, SocialDuplicateStats, StoreEdge } from '../model/identity.js';
import type { IdentitySection } from '../model/report.js';
import { compareStrings } from './shared.js';

/** Duplicate cluster sizes in the order the engine buckets them; unknown buckets sort after. */
export const SIZE_ORDER: readonly string[] = ['2', '3', '4-9', '10+'];
/** Account-age buckets of the completeness curve, youngest first. */
export const AGE_ORDER: readonly string[] = ['<1y', '1-2y', '2-5y', '5y+', 'unknown'];
/** What joins two systems, strongest coupling first. */
export const EDGE_ORDER: readonly StoreEdge['kind'][] = ['federation', 'directory-federation', 'provisioning', 'external-id', 'crm-key'];

export const EDGE_LABELS: Record<string, string> = {
  federation: 'federation',
  'directory-federation': 'directory federation',
  provisioning: 'provisioning',
  'external-id': 'external id',
  'crm-key': 'CRM key',
};

export const KIND_LABELS: Record<string, string> = { 'identity-store': 'identity store', crm: 'CRM' };

export const MARKDOWN_CLUSTER_LIMIT = 20;
export const HTML_CLUSTER_LIMIT = 200;

export interface SystemRow {
  targetId: string;
  kind?: string;
  profiles: number;
  people?: number;
  withoutIdentifiers?: number;
}

export type PairState = 'silo' | 'joined' | 'disjoint';

export interface PairView {
  /** The lower target id first (code-unit order). */
  a: string;
  b: string;
  shared: number;
  /** Share of the smaller system's people; undefined when neither the report nor the counts give it. */
  share?: number;
  edges: StoreEdge[];
  /** silo: shares people and nothing joins the two; joined: shares people and an edge joins them. */
  state: PairState;
}

export interface IdentityTotals {
  systems: number;
  profiles: number;
  /**
   * Distinct people across all systems: the graph's count when the report carries it. Older reports
   * give people per system and per pair only, so for three or more systems the count is bounded: at least the sum of the systems minus the sum
   * of the pairs (Bonferroni), at most the sum minus a maximum spanning tree of the pairs (Hunter).
   * With one or two systems both bounds are the exact count.
   */
  people?: { low: number; high: number };
  duplicateProfiles: number;
  /** Profiles in a within-system duplicate cluster over all profiles of those systems. */
  duplicateShare?: number;
  overlapping: number;
  silos: number;
  joined: number;
}

export interface IdentityView {
  built: boolean;
  reason?: string;
  systems: SystemRow[];
  duplicates: DuplicateStats[];
  social: SocialDuplicateStats[];
  pairs: PairView[];
  linkRates: LinkRate[];
  drift: DriftStats[];
  consent: ConsentStats[];
  freshness: FreshnessStats[];
  collisions: EmailCollision[];
  completeness: CompletenessStats[];
  clusters: ClusterSummary[];
  /** Multi-member clusters in all (the listed ones may be fewer). */
  clusterCount: number;
  resolution?: ResolutionStats;
  totals: IdentityTotals;
}

/** A finite count, or 0: renderers never print NaN or negative counts. */
export function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function share(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : undefined;
}

function byOrder(order: readonly string[]): (a: string, b: string) => number {
  const rank = (v: string) => (order.includes(v) ? order.indexOf(v) : order.length);
  return (a, b) => rank(a) - rank(b) || compareStrings(a, b);
}

export const compareSizes = byOrder(SIZE_ORDER);
export const compareAges = byOrder(AGE_ORDER);
const compareEdgeKinds = byOrder(EDGE_ORDER);

/** Most frequent first, then by name. */
export function sortReasons(reasons: readonly { reason: string; count: number }[] | undefined): Array<{ reason: string; count: number }> {
  return [...(reasons ?? [])].sort((a, b) => count(b.count) - count(a.count) || compareStrings(a.reason, b.reason));
}

/** Size histogram entries in bucket order. */
export function sortedSizes(sizes: Record<string, number> | undefined): Array<[string, number]> {
  return Object.entries(sizes ?? {}).sort(([a], [b]) => compareSizes(a, b));
}

function sortEdges(edges: readonly StoreEdge[] | undefined): StoreEdge[] {
  return [...(edges ?? [])].sort(
    (x, y) => compareEdgeKinds(x.kind, y.kind) || compareStrings(x.from, y.from) || compareStrings(x.detail, y.detail),
  );
}

function systems(id: IdentitySection): SystemRow[] {
  const rows = new Map<string, SystemRow>();
  for (const p of id.profilesPerTarget ?? []) rows.set(p.targetId, { targetId: p.targetId, profiles: count(p.profiles) });
  for (const t of id.targets ?? []) {
    rows.set(t.targetId, {
      targetId: t.targetId,
      kind: t.kind,
      profiles: count(t.profiles),
      people: count(t.people),
      withoutIdentifiers: count(t.withoutIdentifiers),
    });
  }
  return [...rows.values()].sort((a, b) => compareStrings(a.targetId, b.targetId));
}

function pairs(id: IdentitySection, people: Map<string, number>): PairView[] {
  const byKey = new Map<string, PairView>();
  for (const o of id.overlaps ?? []) {
    const [a, b] = compareStrings(o.targetA, o.targetB) <= 0 ? [o.targetA, o.targetB] : [o.targetB, o.targetA];
    if (a === b) continue;
    const shared = count(o.shared);
    const smaller = Math.min(people.get(a) ?? Number.NaN, people.get(b) ?? Number.NaN);
    const given = share(o.shareOfSmaller);
    const edges = sortEdges(o.edges);
    const pair: PairView = {
      a,
      b,
      shared,
      edges,
      state: shared === 0 ? 'disjoint' : edges.length === 0 ? 'silo' : 'joined',
    };
    const s = given ?? (Number.isFinite(smaller) && smaller > 0 ? Math.min(1, shared / smaller) : undefined);
    if (s !== undefined) pair.share = s;
    // Two entries for one pair (a report should never hold them): keep the larger, deterministically.
    const key = `${a}\u0000${b}`;
    const existing = byKey.get(key);
    if (!existing || existing.shared < pair.shared || (existing.shared === pair.shared && existing.edges.length < pair.edges.length)) byKey.set(key, pair);
  }
  return [...byKey.values()].sort((x, y) => compareStrings(x.a, y.a) || compareStrings(x.b, y.b));
}

function peopleBounds(rows: readonly SystemRow[], pairList: readonly PairView[]): { low: number; high: number } | undefined {
  const counted = rows.filter((r) => r.people !== undefined);
  if (counted.length === 0 || counted.length !== rows.length) return undefined;
  const ids = counted.map((r) => r.targetId);
  const s1 = counted.reduce((sum, r) => sum + (r.people ?? 0), 0);
  const inScope = pairList.filter((p) => ids.includes(p.a) && ids.includes(p.b));
  const s2 = inScope.reduce((sum, p) => sum + p.shared, 0);
  const largest = Math.max(...counted.map((r) => r.people ?? 0));
  // Maximum spanning tree of the pair counts (Kruskal over a union-find of the systems).
  const parent = new Map(ids.map((i) => [i, i]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    return r;
  };
  let tree = 0;
  for (const p of [...inScope].sort((x, y) => y.shared - x.shared || compareStrings(x.a, y.a) || compareStrings(x.b, y.b))) {
    const ra = find(p.a);
    const rb = find(p.b);
    if (ra === rb) continue;
    parent.set(ra, rb);
    tree += p.shared;
  }
  const high = Math.max(largest, s1 - tree);
  const low = Math.min(high, Math.max(largest, s1 - s2));
  return { low, high };
}

export function identityView(id: IdentitySection): IdentityView {
  const systemRows = systems(id);
  const people = new Map(systemRows.filter((r) => r.people !== undefined).map((r) => [r.targetId, r.people ?? 0]));
  const pairList = pairs(id, people);
  const duplicates = [...(id.duplicates ?? [])]
    .map((d) => ({ ...d, sizes: Object.fromEntries(sortedSizes(d.sizes)), topReasons: sortReasons(d.topReasons) }))
    .sort((a, b) => compareStrings(a.targetId, b.targetId));
  const profilesOf = new Map(systemRows.map((r) => [r.targetId, r.profiles]));
  const duplicateProfiles = duplicates.reduce((sum, d) => sum + count(d.profilesInClusters), 0);
  const duplicateBase = duplicates.reduce((sum, d) => sum + (profilesOf.get(d.targetId) ?? 0), 0);
  const byCrm = <T extends { crmTargetId: string }>(list: readonly T[] | undefined): T[] =>
    [...(list ?? [])].sort((a, b) => compareStrings(a.crmTargetId, b.crmTargetId));
  const clusters = [...(id.clusters ?? [])]
    .map((c) => ({
      ...c,
      members: [...(c.members ?? [])].sort(
        (x, y) => compareStrings(x.targetId, y.targetId) || compareStrings(x.pseudonym, y.pseudonym) || compareStrings(x.example ?? '', y.example ?? ''),
      ),
      reasons: sortReasons(c.reasons),
    }))
    .sort((a, b) => count(b.size) - count(a.size) || compareStrings(a.fingerprint, b.fingerprint));
  const totals: IdentityTotals = {
    systems: systemRows.length,
    profiles: systemRows.reduce((sum, r) => sum + r.profiles, 0),
    duplicateProfiles,
    overlapping: pairList.filter((p) => p.state !== 'disjoint').length,
    silos: pairList.filter((p) => p.state === 'silo').length,
    joined: pairList.filter((p) => p.state === 'joined').length,
  };
  // The graph's own count is exact; reports from before it carried one get the bounds.
  const bounds = id.people !== undefined ? { low: id.people, high: id.people } : peopleBounds(systemRows, pairList);
  if (bounds) totals.people = bounds;
  if (duplicateBase > 0) totals.duplicateShare = Math.min(1, duplicateProfiles / duplicateBase);
  const view: IdentityView = {
    built: id.built === true,
    systems: systemRows,
    duplicates,
    social: [...(id.socialDuplicates ?? [])].sort((a, b) => compareStrings(a.targetId, b.targetId)),
    pairs: pairList,
    linkRates: byCrm(id.linkRates),
    drift: byCrm(id.lifecycleDrift),
    consent: byCrm(id.consent),
    freshness: byCrm(id.freshness),
    collisions: [...(id.emailCollisions ?? [])].sort(
      (a, b) => compareStrings(a.verifiedIn, b.verifiedIn) || compareStrings(a.unverifiedIn, b.unverifiedIn) || count(b.count) - count(a.count),
    ),
    completeness: [...(id.completeness ?? [])]
      .map((c) => ({ ...c, buckets: [...(c.buckets ?? [])].sort((x, y) => compareAges(x.age, y.age) || count(y.profiles) - count(x.profiles)) }))
      .sort((a, b) => compareStrings(a.targetId, b.targetId)),
    clusters,
    clusterCount: Math.max(count(id.clusterCount), clusters.length),
    totals,
  };
  if (id.reason !== undefined) view.reason = id.reason;
  if (id.resolution) {
    view.resolution = {
      ...id.resolution,
      blocking: [...(id.resolution.blocking ?? [])].sort((a, b) => count(b.pairs) - count(a.pairs) || compareStrings(a.rule, b.rule)),
    };
  }
  return view;
}

/** The section's one-sentence answer: are the systems that share customers joined? */
export function connectionVerdict(totals: IdentityTotals): { state: 'siloed' | 'connected' | 'separate' | 'single'; title: string; text: string } {
  if (totals.systems < 2) {
    return { state: 'single', title: 'One system', text: 'Only one system holds profiles: there is nothing to join yet.' };
  }
  if (totals.overlapping === 0) {
    return { state: 'separate', title: 'No shared customers', text: 'No two systems hold the same person: nothing needs joining.' };
  }
  if (totals.silos > 0) {
    return {
      state: 'siloed',
      title: 'Siloed',
      text: `${totals.silos} of ${totals.overlapping} ${totals.overlapping === 1 ? 'pair' : 'pairs'} of systems that share customers ${
        totals.silos === 1 ? 'has' : 'have'
      } nothing joining them: no federation, provisioning or stored key. A change to a customer in one never reaches the other.`,
    };
  }
  return {
    state: 'connected',
    title: 'Connected',
    text: `Every pair of systems that shares customers (${totals.overlapping}) is joined by federation, provisioning or a stored key.`,
  };
}

/** `1,234,567`: grouped by hand, never by locale. Non-integers keep two decimals. */
export function formatCount(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 1e21) return String(value);
  const [whole = '0', fraction = '00'] = (Math.round(abs * 100) / 100).toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const decimals = fraction === '00' ? '' : `.${fraction.replace(/0+$/, '')}`;
  return `${value < 0 && `${grouped}${decimals}` !== '0' ? '-' : ''}${grouped}${decimals}`;
}

/**
 * A share as a percentage that never hides a small number: one decimal below 10 %, `<0.1 %` for a
 * tiny non-zero share, and `>99 %` rather than `100 %` unless it is all.
 */
export function formatShare(value: unknown): string {
  const s = share(value);
  if (s === undefined) return '—';
  if (s === 0) return '0 %';
  if (s === 1) return '100 %';
  const pct = s * 100;
  if (pct < 0.1) return '<0.1 %';
  if (pct < 10) return `${(Math.round(pct * 10) / 10).toFixed(1)} %`;
  const rounded = Math.round(pct);
  return rounded >= 100 ? '>99 %' : `${rounded} %`;
}

/** `part` of `whole` as a share, or undefined when there is no whole. */
export function ratio(part: number, whole: number): number | undefined {
  return whole > 0 ? Math.min(1, Math.max(0, part / whole)) : undefined;
}

/** Three significant digits for model parameters (λ can be 0.00065). */
export function formatNumber(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  return abs >= 1000 ? formatCount(Math.round(value)) : String(Number(value.toPrecision(3)));
}

/** A mean with two decimals (`3.40`), so a column of means lines up. */
export function formatMean(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(2) : '—';
}

export function peopleText(people: { low: number; high: number } | undefined): string {
  if (!people) return '—';
  return people.low === people.high ? formatCount(people.low) : `${formatCount(people.low)}–${formatCount(people.high)}`;
}

export function edgeLabel(kind: string): string {
  return EDGE_LABELS[kind] ?? kind;
}

/** Each distinct masked example of a cluster, in member order. */
export function clusterExamples(cluster: ClusterSummary): string[] {
  return [...new Set(cluster.members.map((m) => m.example).filter((e): e is string => typeof e === 'string' && e.length > 0))];
}

/** Systems a cluster spans, with how many of its profiles each holds. */
export function clusterSystems(cluster: ClusterSummary): Array<{ targetId: string; profiles: number }> {
  const counts = new Map<string, number>();
  for (const m of cluster.members) counts.set(m.targetId, (counts.get(m.targetId) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => compareStrings(a, b)).map(([targetId, profiles]) => ({ targetId, profiles }));
}
