/**
 * Shared plumbing of the identity-resolution suites: hand-built profiles, stores that mix a
 * generated background population with hand-built records, the partition a resolution makes, and
 * pairwise precision/recall against a ground truth.
 */
import type { ExplicitLink } from '../../src/model/profile.js';
import { ProfileStore, type ProfileInput } from '../../src/identity/profile-store.js';
import type { Resolution } from '../../src/identity/resolve.js';
import { toProfileInput } from '../../src/synthetic/profiles.js';
import { storeRecords, type WorldSpec } from '../../src/synthetic/world.js';

export interface HandProfile {
  emails?: string[];
  phones?: string[];
  given?: string;
  family?: string;
  full?: string;
  links?: ExplicitLink[];
  status?: ProfileInput['status'];
}

/** A profile written by hand: only what the case needs. */
export function profile(localId: string, p: HandProfile = {}): ProfileInput {
  const names: ProfileInput['names'] = {};
  if (p.given !== undefined) names.given = p.given;
  if (p.family !== undefined) names.family = p.family;
  if (p.full !== undefined) names.full = p.full;
  return {
    localId,
    emails: (p.emails ?? []).map((address, i) => ({ address, primary: i === 0 })),
    phones: p.phones ?? [],
    names,
    links: p.links ?? [],
    status: p.status ?? 'active',
    filledAttributes: (p.emails?.length ?? 0) + (p.phones?.length ?? 0) + Object.keys(names).length,
  };
}

/**
 * Stores keyed by target id, in the given order: a generated background (the world's records of a
 * store with the same id, when there is one) followed by the hand-built records of that store.
 * Returns the label (`target:localId`) → person id of the background records as ground truth.
 */
export function buildStores(
  hand: Record<string, ProfileInput[]>,
  background?: WorldSpec,
): { stores: ProfileStore[]; truth: Map<string, string> } {
  const ids = [...new Set([...(background?.stores.map((s) => s.id) ?? []), ...Object.keys(hand)])];
  const truth = new Map<string, string>();
  const stores = ids.map((id) => {
    const store = new ProfileStore(id);
    if (background?.stores.some((s) => s.id === id)) {
      for (const r of storeRecords(background, id)) {
        store.add(toProfileInput(r));
        truth.set(`${id}:${r.localId}`, r.personId);
      }
    }
    for (const p of hand[id] ?? []) store.add(p);
    return store;
  });
  return { stores, truth };
}

/** `target:localId` of a global profile index. */
export function labelOf(resolution: Resolution, g: number): string {
  const f = resolution.features;
  const store = f.stores[f.storeOf[g] as number];
  return `${store?.targetId ?? '?'}:${store?.localId(f.localOf[g] as number) ?? '?'}`;
}

/** The clusters as sorted lists of labels (singletons included), sorted: comparable with toEqual. */
export function partition(resolution: Resolution, keep: (label: string) => boolean = () => true): string[][] {
  const byRoot = new Map<number, string[]>();
  for (let g = 0; g < resolution.features.size; g++) {
    const label = labelOf(resolution, g);
    if (!keep(label)) continue;
    const root = resolution.clusters.find(g);
    const list = byRoot.get(root) ?? [];
    list.push(label);
    byRoot.set(root, list);
  }
  return normalisePartition([...byRoot.values()]);
}

export function normalisePartition(groups: string[][]): string[][] {
  return groups.map((g) => [...g].sort()).sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

/** Every label that shares a cluster with `label` (itself included). */
export function clusterOf(resolution: Resolution, label: string): string[] {
  for (let g = 0; g < resolution.features.size; g++) {
    if (labelOf(resolution, g) !== label) continue;
    const root = resolution.clusters.find(g);
    const out: string[] = [];
    for (let h = 0; h < resolution.features.size; h++) if (resolution.clusters.find(h) === root) out.push(labelOf(resolution, h));
    return out.sort();
  }
  throw new Error(`no record ${label}`);
}

export interface PairwiseQuality {
  precision: number;
  recall: number;
  truePairs: number;
  falsePairs: number;
  missedPairs: number;
}

/**
 * Pairwise precision and recall of a clustering against the truth: a pair of records is predicted
 * when both are in one cluster, actual when both belong to one person.
 */
export function pairwiseQuality(clusterOfRecord: ArrayLike<number>, personOfRecord: readonly string[]): PairwiseQuality {
  const c2 = (n: number) => (n * (n - 1)) / 2;
  const predicted = new Map<number, number>();
  const actual = new Map<string, number>();
  const both = new Map<string, number>();
  for (let i = 0; i < personOfRecord.length; i++) {
    const cluster = clusterOfRecord[i] as number;
    const person = personOfRecord[i] as string;
    predicted.set(cluster, (predicted.get(cluster) ?? 0) + 1);
    actual.set(person, (actual.get(person) ?? 0) + 1);
    const key = `${cluster}|${person}`;
    both.set(key, (both.get(key) ?? 0) + 1);
  }
  let tp = 0;
  let pred = 0;
  let act = 0;
  for (const n of both.values()) tp += c2(n);
  for (const n of predicted.values()) pred += c2(n);
  for (const n of actual.values()) act += c2(n);
  return { precision: pred ? tp / pred : 1, recall: act ? tp / act : 1, truePairs: tp, falsePairs: pred - tp, missedPairs: act - tp };
}
