import { describe, expect, it } from 'vitest';
import { forEachCandidatePair, keyHash, type BlockingRule, type KeyEmitter } from '../../src/identity/blocking.js';
import type { FeatureTable } from '../../src/identity/features.js';
import { buildFeatures } from '../../src/identity/features.js';
import { ProfileStore } from '../../src/identity/profile-store.js';

/** A store whose profiles carry only a family name: the test rules below key on it. */
function storeOf(families: string[]): ProfileStore {
  const store = new ProfileStore('t');
  families.forEach((family, i) => store.add({ localId: String(i), emails: [], phones: [], names: { family }, links: [], status: 'active', filledAttributes: 1 }));
  return store;
}

function pairsOf(families: string[], rules: BlockingRule[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  forEachCandidatePair(buildFeatures([storeOf(families)]), (a, b) => out.push([a, b]), rules);
  return out.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

/**
 * Two keys (x, x) whose 32-bit hashes collide, found by a birthday search (about 2^16 tries).
 * Keys of one component cannot collide: a hash round is a bijection of its word.
 */
function collidingKeys(): [number, number] {
  const seen = new Map<number, number>();
  for (let x = 1; ; x++) {
    const h = keyHash(x, x);
    const earlier = seen.get(h);
    if (earlier !== undefined) return [earlier, x];
    seen.set(h, x);
  }
}

const COLLIDING = collidingKeys();
/** Family names 'x' and 'y' stand for the two colliding key values. */
const KEY_OF: Record<string, number> = { x: COLLIDING[0], y: COLLIDING[1], other: 7 };

function familyKey(t: FeatureTable, g: number): number | undefined {
  return KEY_OF[t.words[t.family[g] as number] ?? ''];
}

describe('blocking: keys whose 32-bit hashes collide are still told apart', () => {
  it('the two keys do collide', () => {
    expect(COLLIDING[0]).not.toBe(COLLIDING[1]);
    expect(keyHash(COLLIDING[0], COLLIDING[0])).toBe(keyHash(COLLIDING[1], COLLIDING[1]));
  });

  it('with the keys in the first slots: split by the second hash, no pair across the two keys', () => {
    const rule: BlockingRule = { id: 'family', maxBlock: 10, keys: (t, g, emit: KeyEmitter) => { const k = familyKey(t, g); if (k !== undefined) emit(k, k); } };
    expect(pairsOf(['x', 'y', 'x', 'y', 'other'], [rule])).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });

  it('with the keys beyond the remembered slots: split by the key tuples', () => {
    // Two filler keys first, so the colliding key is the third of each profile.
    const rule: BlockingRule = {
      id: 'family',
      maxBlock: 10,
      keys: (t, g, emit) => {
        const k = familyKey(t, g);
        if (k === undefined) return;
        emit(1, g);
        emit(2, g);
        emit(k, k);
      },
    };
    expect(pairsOf(['x', 'y', 'x', 'y'], [rule])).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });

  it('a block over maxBlock is skipped and reported, the collision does not inflate it', () => {
    const rule: BlockingRule = { id: 'family', maxBlock: 2, keys: (t, g, emit) => { const k = familyKey(t, g); if (k !== undefined) emit(k, k); } };
    const stats = forEachCandidatePair(buildFeatures([storeOf(['x', 'x', 'y', 'y', 'y'])]), () => undefined, [rule]);
    expect(stats[0]).toMatchObject({ blocks: 1, pairs: 1, oversized: 1, largestSkipped: 3 });
  });
});
