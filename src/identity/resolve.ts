import { BLOCKING_RULES, forEachCandidatePair, type BlockingRule, type BlockingStats } from './blocking.js';
import { Clusters } from './cluster.js';
import { compare, decode, EMAIL, NAME, reasonsOf, CODE_COUNT } from './comparison.js';
import { buildFeatures, type FeatureOptions, type FeatureTable } from './features.js';
import { estimateModel, estimateU, logOdds, probability, tfAdjustment, type MatchModel } from './fellegi-sunter.js';
import { resolveExplicitLinks, type ExplicitEdge, type LinkResolution } from './links.js';
import type { ProfileStore } from './profile-store.js';
import { Rng } from '../synthetic/prng.js';

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

export interface AcceptedPair {
  a: number;
  b: number;
  code: number;
  probability: number;
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
  /** Match reasons per cluster root: reason → count of edges. */
  reasons: Map<number, Map<string, number>>;
  /** The same, counting only edges between two records of one system (why a system holds duplicates). */
  withinStoreReasons: Map<number, Map<string, number>>;
  /** Accepted pairs, for quality measurement (ground truth) and within-store analysis. */
  pairs: AcceptedPair[];
  /** Wall time of each phase in seconds (features, u sample, blocking and comparison, model, scoring, clustering): for benchmarks. */
  phaseSeconds: Record<'features' | 'uSample' | 'blocking' | 'model' | 'scoring' | 'clustering', number>;
}

class PairBuffer {
  a = new Uint32Array(1 << 16);
  b = new Uint32Array(1 << 16);
  code = new Uint16Array(1 << 16);
  tf = new Float32Array(1 << 16);
  length = 0;
  push(a: number, b: number, code: number, tf: number): void {
    if (this.length === this.a.length) this.#grow();
    this.a[this.length] = a;
    this.b[this.length] = b;
    this.code[this.length] = code;
    this.tf[this.length] = tf;
    this.length++;
  }
  #grow(): void {
    const size = this.a.length * 2;
    const grow = <T extends Uint32Array | Uint16Array | Float32Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.a = grow(this.a, (n) => new Uint32Array(n));
    this.b = grow(this.b, (n) => new Uint32Array(n));
    this.code = grow(this.code, (n) => new Uint16Array(n));
    this.tf = grow(this.tf, (n) => new Float32Array(n));
  }
}

function frequencies(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
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
    randomCodes.push(compare(features, a, b).code);
  }
  const u = estimateU(randomCodes);
  const uSampleSeconds = lap();

  // Term frequencies of names (emails: the size of the email block is the frequency).
  const familyFreq = frequencies(features.family);
  const givenFreq = frequencies(features.given);
  const emailFreq = new Map<string, number>();
  for (const joined of features.emails) for (const e of joined ? joined.split('\n') : []) emailFreq.set(e, (emailFreq.get(e) ?? 0) + 1);
  const phoneFreq = new Map<string, number>();
  for (const joined of features.phones) for (const p of joined ? joined.split('\n') : []) phoneFreq.set(p, (phoneFreq.get(p) ?? 0) + 1);

  const pairs = new PairBuffer();
  const rules = options.rules ?? BLOCKING_RULES;
  const histogram = new Float64Array(CODE_COUNT);
  const blocking = forEachCandidatePair(
    features,
    (a, b) => {
      const { code, email } = compare(features, a, b);
      const levels = decode(code);
      let tf = 0;
      if (email !== undefined && (levels[0] === EMAIL.exact || levels[0] === EMAIL.shared)) tf += identifierTf(emailFreq.get(email) ?? 1);
      if (levels[1] === 1) tf += identifierTf(sharedPhoneFrequency(features, phoneFreq, a, b) ?? 1);
      // A rare name is evidence, but never enough alone: its bonus is bounded.
      if (levels[2] === NAME.exact) tf += tfAdjustment(u[2]?.[1] ?? 1e-3, (givenFreq.get(features.given[a] ?? '') ?? 1) / n, NAME_TF_CAP);
      if (levels[3] === NAME.exact) tf += tfAdjustment(u[3]?.[1] ?? 1e-3, (familyFreq.get(features.family[a] ?? '') ?? 1) / n, NAME_TF_CAP);
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
  const accepted: AcceptedPair[] = [];
  let vetoed = 0;
  // 288 possible codes: their log-odds once, not once per pair.
  const oddsOf = Float64Array.from({ length: CODE_COUNT }, (_, c) => logOdds(model, c));
  for (let i = 0; i < pairs.length; i++) {
    const code = pairs.code[i] as number;
    const p = probability((oddsOf[code] as number) + (pairs.tf[i] as number));
    if (p < threshold) continue;
    if (decode(code)[2] === NAME.different) {
      vetoed++;
      continue;
    }
    accepted.push({ a: pairs.a[i] as number, b: pairs.b[i] as number, code, probability: p });
  }
  accepted.sort((x, y) => y.probability - x.probability || x.a - y.a || x.b - y.b);

  const scoringSeconds = lap();
  const links = resolveExplicitLinks(features);
  const clusters = new Clusters(n, (g) => features.given[g] ?? '');
  const reasons = new Map<number, Map<string, number>>();
  const withinStoreReasons = new Map<number, Map<string, number>>();
  const edgeReasons: Array<[number, number, string[]]> = [];
  for (const edge of links.edges) {
    clusters.union(edge.a, edge.b, true);
    edgeReasons.push([edge.a, edge.b, [explicitReason(edge)]]);
  }
  for (const pair of accepted) {
    if (clusters.union(pair.a, pair.b)) edgeReasons.push([pair.a, pair.b, reasonsOf(pair.code)]);
  }
  const count = (into: Map<number, Map<string, number>>, root: number, list: string[]) => {
    const counts = into.get(root) ?? new Map<string, number>();
    for (const r of list) counts.set(r, (counts.get(r) ?? 0) + 1);
    into.set(root, counts);
  };
  for (const [a, b, list] of edgeReasons) {
    const root = clusters.find(a);
    count(reasons, root, list);
    if (features.storeOf[a] === features.storeOf[b]) count(withinStoreReasons, root, list);
  }
  const phaseSeconds = { features: featureSeconds, uSample: uSampleSeconds, blocking: blockingSeconds, model: modelSeconds, scoring: scoringSeconds, clustering: lap() };
  return { features, model, blocking, candidatePairs: pairs.length, accepted: accepted.length, vetoed, links, clusters, reasons, withinStoreReasons, pairs: accepted, phaseSeconds };
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

function sharedPhoneFrequency(t: FeatureTable, freq: Map<string, number>, a: number, b: number): number | undefined {
  const pb = (t.phones[b] ?? '').split('\n');
  const shared = (t.phones[a] ?? '').split('\n').find((p) => p && pb.includes(p));
  return shared ? freq.get(shared) : undefined;
}

function explicitReason(edge: ExplicitEdge): string {
  return `explicit:${edge.kind}:${edge.via}`;
}
