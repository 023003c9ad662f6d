import { BLOCKING_RULES, forEachCandidatePair, type BlockingRule, type BlockingStats } from './blocking.js';
import { Clusters } from './cluster.js';
import { compare, decode, EMAIL, NAME, reasonsOf, CODE_COUNT } from './comparison.js';
import { buildFeatures, countIds, givenOf, sharedId, type FeatureOptions, type FeatureTable } from './features.js';
import { estimateModel, estimateU, logOdds, probability, tfAdjustment, type MatchModel } from './fellegi-sunter.js';
import { resolveExplicitLinks, type ExplicitEdge, type LinkResolution } from './links.js';
import type { ProfileStore } from './profile-store.js';
import { Rng } from '../synthetic/prng.js';
import { float64List, uint32List } from './growable.js';

/**
 * Record linkage over every profile of every store: normalise, block, compare, estimate the
 * Fellegi–Sunter model (EM), score with term-frequency adjustment, and cluster the accepted pairs
 * and the explicit links with a guarded union–find. Pure computation on in-memory data.
 */
export interface ResolveOptions extends FeatureOptions {
  /** Posterior match probability a pair needs to be accepted. */
  threshold?: number;
  /** Random pairs used to estimate u. */
  randomPairs?: number;
  seed?: number;
  rules?: BlockingRule[];
  /** Observe every candidate pair (benchmarks measure blocking recall with it). */
  onCandidate?: (a: number, b: number) => void;
}

/**
 * The edges that joined clusters, in the order they were applied (explicit links, then accepted
 * pairs strongest first), as typed arrays: reasons per cluster are counted from them on demand.
 */
export interface ClusterEdges {
  length: number;
  a: Uint32Array;
  b: Uint32Array;
  /** Index into `reasonLists`: a comparison code, or CODE_COUNT + an explicit link's reason. */
  reason: Uint16Array;
  /** The reasons an edge's `reason` stands for, e.g. ['email:exact', 'family:exact']. */
  reasonLists: string[][];
}

export interface Resolution {
  features: FeatureTable;
  model: MatchModel;
  blocking: BlockingStats[];
  candidatePairs: number;
  accepted: number;
  /** Pairs refused because given names conflict (shared mailboxes). */
  vetoed: number;
  links: LinkResolution;
  clusters: Clusters;
  edges: ClusterEdges;
  /** Wall time of each phase in seconds (features, u sample, blocking and comparison, model, scoring, clustering): for benchmarks. */
  phaseSeconds: Record<'features' | 'uSample' | 'blocking' | 'model' | 'scoring' | 'clustering', number>;
}

/**
 * Candidate pairs with their comparison code and term-frequency adjustment, as typed columns in
 * fixed chunks of 64k pairs: never a doubling copy (large typed arrays make V8 collect the whole
 * heap), 14 bytes a pair.
 */
const CHUNK_BITS = 16;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;

class PairBuffer {
  readonly #a: Uint32Array[] = [];
  readonly #b: Uint32Array[] = [];
  readonly #code: Uint16Array[] = [];
  readonly #tf: Float32Array[] = [];
  length = 0;
  push(a: number, b: number, code: number, tf: number): void {
    const offset = this.length & CHUNK_MASK;
    if (offset === 0) {
      this.#a.push(new Uint32Array(1 << CHUNK_BITS));
      this.#b.push(new Uint32Array(1 << CHUNK_BITS));
      this.#code.push(new Uint16Array(1 << CHUNK_BITS));
      this.#tf.push(new Float32Array(1 << CHUNK_BITS));
    }
    const c = this.length >>> CHUNK_BITS;
    (this.#a[c] as Uint32Array)[offset] = a;
    (this.#b[c] as Uint32Array)[offset] = b;
    (this.#code[c] as Uint16Array)[offset] = code;
    (this.#tf[c] as Float32Array)[offset] = tf;
    this.length++;
  }
  a(i: number): number {
    return (this.#a[i >>> CHUNK_BITS] as Uint32Array)[i & CHUNK_MASK] as number;
  }
  b(i: number): number {
    return (this.#b[i >>> CHUNK_BITS] as Uint32Array)[i & CHUNK_MASK] as number;
  }
  code(i: number): number {
    return (this.#code[i >>> CHUNK_BITS] as Uint16Array)[i & CHUNK_MASK] as number;
  }
  tf(i: number): number {
    return (this.#tf[i >>> CHUNK_BITS] as Float32Array)[i & CHUNK_MASK] as number;
  }
}

export function resolveIdentities(stores: ProfileStore[], options: ResolveOptions = {}): Resolution {
  let mark = performance.now();
  const lap = (): number => {
    const now = performance.now();
    const seconds = (now - mark) / 1000;
    mark = now;
    return seconds;
  };
  const features = buildFeatures(stores, options);
  const featureSeconds = lap();
  const n = features.size;
  const threshold = options.threshold ?? 0.95;

  // u from random pairs: almost all of them are different people.
  const rng = new Rng(options.seed ?? 1, 'u-sample');
  const samples = Math.min(options.randomPairs ?? 200_000, n > 1 ? n * (n - 1) / 2 : 0);
  const randomCodes: number[] = [];
  for (let i = 0; i < samples; i++) {
    const a = rng.int(0, n - 1);
    let b = rng.int(0, n - 1);
    if (a === b) b = (b + 1) % n;
    randomCodes.push(compare(features, a, b));
  }
  const u = estimateU(randomCodes);
  const uSampleSeconds = lap();

  // Term frequencies: how many profiles hold each email, number and name.
  const emailCount = countIds(features.emailIds, features.emailValues.length);
  const phoneCount = countIds(features.phoneIds, features.phoneValues.length);
  const givenCount = countIds(features.given, features.words.length);
  const familyCount = countIds(features.family, features.words.length);

  const pairs = new PairBuffer();
  const rules = options.rules ?? BLOCKING_RULES;
  const histogram = new Float64Array(CODE_COUNT);
  const blocking = forEachCandidatePair(
    features,
    (a, b) => {
      const code = compare(features, a, b);
      const levels = decode(code);
      let tf = 0;
      if (levels[0] === EMAIL.exact || levels[0] === EMAIL.shared) tf += identifierTf(emailCount[sharedId(features.emailStart, features.emailIds, a, b)] ?? 1);
      if (levels[1] === 1) tf += identifierTf(phoneCount[sharedId(features.phoneStart, features.phoneIds, a, b)] ?? 1);
      // A rare name is evidence, but never enough alone: its bonus is bounded.
      if (levels[2] === NAME.exact) tf += tfAdjustment(u[2]?.[1] ?? 1e-3, (givenCount[features.given[a] as number] ?? 1) / n, NAME_TF_CAP);
      if (levels[3] === NAME.exact) tf += tfAdjustment(u[3]?.[1] ?? 1e-3, (familyCount[features.family[a] as number] ?? 1) / n, NAME_TF_CAP);
      histogram[code] = (histogram[code] ?? 0) + 1;
      pairs.push(a, b, code, tf);
      options.onCandidate?.(a, b);
    },
    rules,
  );
  const blockingSeconds = lap();
  const model = estimateModel(histogram, u, (n * (n - 1)) / 2);
  const modelSeconds = lap();

  // Score, veto conflicting given names, and keep the accepted pairs (strongest first).
  const accepted = uint32List();
  const strength = float64List();
  let vetoed = 0;
  // 288 possible codes: their log-odds once, not once per pair.
  const oddsOf = Float64Array.from({ length: CODE_COUNT }, (_, c) => logOdds(model, c));
  for (let i = 0; i < pairs.length; i++) {
    const code = pairs.code(i);
    const p = probability((oddsOf[code] as number) + pairs.tf(i));
    if (p < threshold) continue;
    if (decode(code)[2] === NAME.different) {
      vetoed++;
      continue;
    }
    accepted.push(i);
    strength.push(p);
  }
  const acceptedPairs = accepted.done();
  const probabilities = strength.done();
  const order = Uint32Array.from({ length: acceptedPairs.length }, (_, k) => k).sort((x, y) => {
    const i = acceptedPairs[x] as number;
    const j = acceptedPairs[y] as number;
    return (probabilities[y] as number) - (probabilities[x] as number) || pairs.a(i) - pairs.a(j) || pairs.b(i) - pairs.b(j);
  });

  const scoringSeconds = lap();
  const links = resolveExplicitLinks(features);
  const clusters = new Clusters(n, (g) => givenOf(features, g));
  const edges = new EdgeList(links.edges.length + order.length);
  const explicitReasons = new Map<string, number>();
  for (const edge of links.edges) {
    clusters.union(edge.a, edge.b, true);
    const reason = explicitReason(edge);
    let id = explicitReasons.get(reason);
    if (id === undefined) explicitReasons.set(reason, (id = CODE_COUNT + explicitReasons.size));
    edges.push(edge.a, edge.b, id);
  }
  for (const k of order) {
    const i = acceptedPairs[k] as number;
    const a = pairs.a(i);
    const b = pairs.b(i);
    if (clusters.union(a, b)) edges.push(a, b, pairs.code(i));
  }
  const reasonLists = [...Array.from({ length: CODE_COUNT }, (_, c) => reasonsOf(c)), ...[...explicitReasons.keys()].map((r) => [r])];
  const phaseSeconds = { features: featureSeconds, uSample: uSampleSeconds, blocking: blockingSeconds, model: modelSeconds, scoring: scoringSeconds, clustering: lap() };
  return { features, model, blocking, candidatePairs: pairs.length, accepted: order.length, vetoed, links, clusters, edges: { ...edges.arrays(), reasonLists }, phaseSeconds };
}

export interface ReasonCount {
  reason: string;
  count: number;
}

/** Counts of each reason over the edges of the given clusters (by root), most frequent first. */
export function clusterReasons(resolution: Resolution, roots: ReadonlySet<number>, options: { withinStore?: boolean; limit?: number } = {}): ReasonCount[] {
  const byCode = new Float64Array(resolution.edges.reasonLists.length);
  forEachClusterEdge(resolution, roots, options.withinStore ?? false, (_root, reason) => {
    byCode[reason] = (byCode[reason] ?? 0) + 1;
  });
  return topReasons(resolution.edges.reasonLists, byCode, options.limit ?? 5);
}

/** The reasons of each given cluster, in one pass over the edges. */
export function reasonsPerCluster(resolution: Resolution, roots: ReadonlySet<number>, limit: number): Map<number, ReasonCount[]> {
  const byRoot = new Map<number, Float64Array>();
  const codes = resolution.edges.reasonLists.length;
  forEachClusterEdge(resolution, roots, false, (root, reason) => {
    let counts = byRoot.get(root);
    if (!counts) byRoot.set(root, (counts = new Float64Array(codes)));
    counts[reason] = (counts[reason] ?? 0) + 1;
  });
  return new Map([...byRoot].map(([root, counts]) => [root, topReasons(resolution.edges.reasonLists, counts, limit)]));
}

function forEachClusterEdge(resolution: Resolution, roots: ReadonlySet<number>, withinStore: boolean, onEdge: (root: number, reason: number) => void): void {
  const { edges, clusters, features } = resolution;
  for (let e = 0; e < edges.length; e++) {
    const a = edges.a[e] as number;
    if (withinStore && features.storeOf[a] !== features.storeOf[edges.b[e] as number]) continue;
    const root = clusters.find(a);
    if (roots.has(root)) onEdge(root, edges.reason[e] as number);
  }
}

function topReasons(lists: string[][], byCode: Float64Array, limit: number): ReasonCount[] {
  const counts = new Map<string, number>();
  byCode.forEach((n, code) => {
    if (n) for (const reason of lists[code] ?? []) counts.set(reason, (counts.get(reason) ?? 0) + n);
  });
  return [...counts]
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .slice(0, limit)
    .map(([reason, count]) => ({ reason, count }));
}

class EdgeList {
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  readonly reason: Uint16Array;
  length = 0;
  constructor(capacity: number) {
    this.a = new Uint32Array(capacity);
    this.b = new Uint32Array(capacity);
    this.reason = new Uint16Array(capacity);
  }
  push(a: number, b: number, reason: number): void {
    this.a[this.length] = a;
    this.b[this.length] = b;
    this.reason[this.length++] = reason;
  }
  arrays(): Omit<ClusterEdges, 'reasonLists'> {
    return { length: this.length, a: this.a.slice(0, this.length), b: this.b.slice(0, this.length), reason: this.reason.slice(0, this.length) };
  }
}

const NAME_TF_CAP = 3;

/** One customer has a record in a few systems; an email or phone on more records than that is shared. */
const COPIES_PER_PERSON = 3;

/**
 * Term frequency for an identifier: no adjustment for a value held by no more records than one
 * person plausibly has; beyond that, each extra holder weakens the evidence (a role mailbox).
 */
function identifierTf(count: number): number {
  const extra = count - COPIES_PER_PERSON;
  return extra > 0 ? -Math.min(8, Math.log2(1 + extra)) : 0;
}

function explicitReason(edge: ExplicitEdge): string {
  return `explicit:${edge.kind}:${edge.via}`;
}
