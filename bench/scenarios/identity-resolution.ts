import { compare, decode, NAME } from '../../src/identity/comparison.js';
import { logOdds, probability } from '../../src/identity/fellegi-sunter.js';
import { buildIdentityGraph } from '../../src/identity/graph.js';
import { resolveIdentities, type Resolution } from '../../src/identity/resolve.js';
import { buildInventory } from '../../src/inventory.js';
import { emptyCoverage, type SystemSnapshot } from '../../src/model/snapshot.js';
import { Pseudonymizer } from '../../src/privacy/pseudonym.js';
import type { ProfileStore } from '../../src/identity/profile-store.js';
import { loadStore } from '../../src/synthetic/profiles.js';
import { Rng } from '../../src/synthetic/prng.js';
import type { WorldSpec } from '../../src/synthetic/world.js';
import { MiB, retainedBytes, round } from '../support/memory.js';
import type { Metrics, Scenario, ScenarioOptions } from './types.js';

/**
 * Identity resolution against the synthetic generator's ground truth. Two worlds: a quality world
 * (pairwise and cluster precision / recall / F1, blocking recall against the truth and against an
 * exhaustive comparison of a random sample) and the scale world of the issue (1M identity-store
 * profiles + 1M CRM contacts: wall time, peak memory, candidate pairs).
 */
function world(people: number, storeShare: number): WorldSpec {
  return {
    seed: 20261123,
    people,
    stores: [
      { id: 'accounts', kind: 'identity-store', coverage: storeShare, duplicateRate: 0.03, socialLogin: true, disabledRate: 0.03 },
      {
        id: 'crm',
        kind: 'crm',
        coverage: storeShare,
        duplicateRate: 0.02,
        idStyle: 'salesforce',
        links: { toStore: 'accounts', kind: 'crm-key', via: 'IdP_Subject__c', rate: 0.6 },
        leads: Math.floor(people * 0.05),
      },
    ],
  };
}

interface Loaded {
  stores: ProfileStore[];
  /** Person number per profile (global index): the ground truth, compact so that it does not weigh on the measured memory. */
  truth: Int32Array;
  loadSeconds: number;
}

function load(spec: WorldSpec): Loaded {
  const started = performance.now();
  const stores: ProfileStore[] = [];
  const parts: Int32Array[] = [];
  spec.stores.forEach((s, i) => {
    const { store, truth } = loadStore(spec, s.id);
    stores.push(store);
    // Person number per profile, store by store, so that no array of two million id strings is held.
    parts.push(Int32Array.from(truth, (person) => personNumber(person, i)));
  });
  const truth = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    truth.set(part, offset);
    offset += part.length;
  }
  return { stores, truth, loadSeconds: (performance.now() - started) / 1000 };
}

/** The generator's person ids as numbers: `p00000123` is 123; each CRM-only lead (`lead-<store>-<n>`) a distinct negative number. */
function personNumber(id: string, store: number): number {
  if (id.startsWith('p')) return Number(id.slice(1));
  return -(1 + store * 100_000_000 + Number(id.slice(id.lastIndexOf('-') + 1)));
}

/** Pairs within groups: n(n-1)/2 summed. */
function pairsIn(sizes: Iterable<number>): number {
  let total = 0;
  for (const n of sizes) total += (n * (n - 1)) / 2;
  return total;
}

function quality(resolution: Resolution, truth: Int32Array): Metrics {
  const n = truth.length;
  const predicted = new Map<number, number[]>();
  for (let g = 0; g < n; g++) {
    const root = resolution.clusters.find(g);
    const list = predicted.get(root);
    if (list) list.push(g);
    else predicted.set(root, [g]);
  }
  const actual = new Map<number, number[]>();
  truth.forEach((person, g) => {
    const list = actual.get(person);
    if (list) list.push(g);
    else actual.set(person, [g]);
  });
  let truePositives = 0;
  for (const members of predicted.values()) {
    const byPerson = new Map<number, number>();
    for (const g of members) byPerson.set(truth[g] ?? -1, (byPerson.get(truth[g] ?? -1) ?? 0) + 1);
    truePositives += pairsIn(byPerson.values());
  }
  const predictedPairs = pairsIn([...predicted.values()].map((m) => m.length));
  const truePairs = pairsIn([...actual.values()].map((m) => m.length));
  const precision = predictedPairs ? truePositives / predictedPairs : 1;
  const recall = truePairs ? truePositives / truePairs : 1;
  // Cluster level: a predicted multi-record cluster is correct when it is exactly one true person's records.
  const key = (members: number[]) => [...members].sort((a, b) => a - b).join(',');
  const trueMulti = new Set([...actual.values()].filter((m) => m.length > 1).map(key));
  const predictedMulti = [...predicted.values()].filter((m) => m.length > 1);
  const exact = predictedMulti.filter((m) => trueMulti.has(key(m))).length;
  const clusterPrecision = predictedMulti.length ? exact / predictedMulti.length : 1;
  const clusterRecall = trueMulti.size ? exact / trueMulti.size : 1;
  return {
    'pairwise precision': round(precision, 4),
    'pairwise recall': round(recall, 4),
    'pairwise F1': round((2 * precision * recall) / (precision + recall), 4),
    'cluster precision': round(clusterPrecision, 4),
    'cluster recall': round(clusterRecall, 4),
    'cluster F1': round((2 * clusterPrecision * clusterRecall) / (clusterPrecision + clusterRecall), 4),
    'true pairs': truePairs,
    'predicted pairs': predictedPairs,
  };
}

/** True matching pairs that blocking produced as candidates. */
function blockingRecall(candidates: Set<number>, truth: Int32Array): number {
  const byPerson = new Map<number, number[]>();
  truth.forEach((person, g) => {
    const list = byPerson.get(person);
    if (list) list.push(g);
    else byPerson.set(person, [g]);
  });
  let found = 0;
  let total = 0;
  const n = truth.length;
  for (const members of byPerson.values()) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        total++;
        const a = Math.min(members[i] as number, members[j] as number);
        const b = Math.max(members[i] as number, members[j] as number);
        if (candidates.has(a * n + b)) found++;
      }
    }
  }
  return total ? found / total : 1;
}

/**
 * An exhaustive comparison of a random sample: every pair scored with the fitted model; how many
 * of the pairs the model would accept did blocking propose?
 */
function exhaustiveSample(resolution: Resolution, candidates: Set<number>, sample: number, threshold: number): Metrics {
  const f = resolution.features;
  const rng = new Rng(7, 'exhaustive');
  const picked = new Set<number>();
  while (picked.size < Math.min(sample, f.size)) picked.add(rng.int(0, f.size - 1));
  const ids = [...picked].sort((a, b) => a - b);
  let accepted = 0;
  let blocked = 0;
  const started = performance.now();
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i] as number;
      const b = ids[j] as number;
      const code = compare(f, a, b);
      if (decode(code)[2] === NAME.different) continue;
      if (probability(logOdds(resolution.model, code)) < threshold) continue;
      accepted++;
      if (candidates.has(a * f.size + b)) blocked++;
    }
  }
  return {
    'exhaustive sample profiles': ids.length,
    'exhaustive pairs compared': (ids.length * (ids.length - 1)) / 2,
    'exhaustive accepted pairs': accepted,
    'blocking recall vs exhaustive': accepted ? round(blocked / accepted, 4) : 1,
    'exhaustive seconds': round((performance.now() - started) / 1000, 1),
  };
}

export const identityQuality: Scenario = {
  name: 'identity-quality',
  description: 'Identity resolution on 100k synthetic people (an identity store and a CRM, variants, duplicates, households, leads): precision, recall, F1 against the ground truth; blocking recall',
  expectedSeconds: { full: 120, quick: 15 },
  run(options: ScenarioOptions): Promise<Metrics> {
    return Promise.resolve(measureQuality(options));
  },
};

function measureQuality(options: ScenarioOptions): Metrics {
  {
    const spec = world(options.size(100_000), 0.8);
    const loaded = load(spec);
    options.log(`${loaded.truth.length} profiles loaded in ${round(loaded.loadSeconds)} s`);
    const candidates = new Set<number>();
    const n = loaded.truth.length;
    const started = performance.now();
    const resolution = resolveIdentities(loaded.stores, { defaultRegion: 'GB', onCandidate: (a, b) => candidates.add(a * n + b) });
    const seconds = (performance.now() - started) / 1000;
    return {
      people: spec.people,
      profiles: n,
      'resolve seconds (incl. candidate set)': round(seconds, 1),
      'candidate pairs': resolution.candidatePairs,
      'candidate pairs per profile': round(resolution.candidatePairs / n, 2),
      'explicit links': resolution.links.edges.length,
      vetoed: resolution.vetoed,
      'chaining prevented': resolution.clusters.prevented,
      'EM fallback': resolution.model.em.fallback ? `yes (${resolution.model.em.reason ?? ''})` : 'no',
      ...quality(resolution, loaded.truth),
      'blocking recall vs truth': round(blockingRecall(candidates, loaded.truth), 4),
      ...exhaustiveSample(resolution, candidates, options.quick ? 1500 : 10_000, 0.95),
    };
  }
}

export const identityScale: Scenario = {
  name: 'identity-scale',
  description: 'Identity resolution and graph at scale: 1M identity-store profiles + 1M CRM contacts: wall time, peak memory, candidate pairs (goal ≤ 30 s and ≤ 2 GiB on 2 cores)',
  expectedSeconds: { full: 150, quick: 15 },
  run(options: ScenarioOptions): Promise<Metrics> {
    return Promise.resolve(measureScale(options));
  },
};

function measureScale(options: ScenarioOptions): Metrics {
  {
    // Coverage 1.0 so that each side holds about one million records.
    const spec = world(options.size(970_000), 1);
    const loaded = load(spec);
    const counts = loaded.stores.map((s) => s.size);
    options.log(`${counts.join(' + ')} profiles generated and loaded in ${round(loaded.loadSeconds)} s`);
    // The whole identity analysis of a scan: resolution, then the graph (duplicates, overlaps,
    // link rates, drift, consent, freshness, cluster fingerprints) over the stores' snapshots.
    const snapshots: SystemSnapshot[] = spec.stores.map((s, i) => ({ targetId: s.id, kind: s.kind, product: 'synthetic', facts: {}, profiles: loaded.stores[i] as ProfileStore, coverage: emptyCoverage(), errors: [] }));
    const inventory = buildInventory(snapshots, { scannedAt: '2026-11-23T00:00:00.000Z' });
    const before = retainedBytes();
    const started = performance.now();
    const { graph, resolution } = buildIdentityGraph(inventory, {
      targets: spec.stores.map((s) => ({ id: s.id, type: 'synthetic', location: `file://${s.id}` })),
      pseudonymizer: new Pseudonymizer('identity-scale-bench-key'),
      defaultRegion: 'GB',
    });
    const seconds = (performance.now() - started) / 1000;
    // The process's peak so far: generation, load and the analysis, not the quality measurement below.
    const peakThroughAnalysis = process.resourceUsage().maxRSS * 1024;
    if (!resolution) throw new Error('the identity graph was not built');
    const after = retainedBytes();
    const resolveSeconds = Object.values(resolution.phaseSeconds).reduce((a, b) => a + b, 0);
    return {
      'identity-store profiles': counts[0] ?? 0,
      'CRM contacts': counts[1] ?? 0,
      'load seconds (generation, not measured)': round(loaded.loadSeconds, 1),
      'identity analysis seconds (resolve + graph)': round(seconds, 1),
      'resolve seconds': round(resolveSeconds, 1),
      ...Object.fromEntries(Object.entries(resolution.phaseSeconds).map(([phase, s]) => [`  ${phase} seconds`, round(s, 1)])),
      'graph seconds (after resolve)': round(seconds - resolveSeconds, 1),
      'profiles per second': Math.round(loaded.truth.length / seconds),
      'candidate pairs': resolution.candidatePairs,
      'accepted pairs': resolution.accepted,
      'explicit links': resolution.links.edges.length,
      people: graph.people ?? 0,
      'peak RSS MiB through the analysis (maxRSS before the quality measurement)': round(peakThroughAnalysis / MiB),
      'retained MiB before resolve (profiles)': round(before / MiB),
      'retained MiB after the graph': round(after / MiB),
      ...quality(resolution, loaded.truth),
    };
  }
}
