import { describe, expect, it } from 'vitest';
import { forEachCandidatePair, hash32, type BlockingRule } from '../../src/identity/blocking.js';
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

// "k4uzx" and "kf2ad" share their FNV-1a 32-bit hash (found by a birthday search).
const COLLIDING = ['k4uzx', 'kf2ad'];

describe('blocking: keys whose 32-bit hashes collide are still told apart', () => {
  it('the two keys do collide', () => {
    expect(hash32(COLLIDING[0] as string)).toBe(hash32(COLLIDING[1] as string));
  });

  it('with the keys in the first slots: split by the second hash, no pair across the two keys', () => {
    const rule: BlockingRule = { id: 'family', maxBlock: 10, keys: (t, g) => (t.family[g] ? [t.family[g]] : []) };
    expect(pairsOf(['k4uzx', 'kf2ad', 'k4uzx', 'kf2ad', 'other'], [rule])).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });

  it('with the keys beyond the remembered slots: split by the key strings', () => {
    // Two filler keys first, so the colliding key is the third of each profile.
    const rule: BlockingRule = { id: 'family', maxBlock: 10, keys: (t, g) => (t.family[g] ? [`a${g}`, `b${g}`, t.family[g]] : []) };
    expect(pairsOf(['k4uzx', 'kf2ad', 'k4uzx', 'kf2ad'], [rule])).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });

  it('a block over maxBlock is skipped and reported, the collision does not inflate it', () => {
    const rule: BlockingRule = { id: 'family', maxBlock: 2, keys: (t, g) => (t.family[g] ? [t.family[g]] : []) };
    const stats = forEachCandidatePair(buildFeatures([storeOf(['k4uzx', 'k4uzx', 'kf2ad', 'kf2ad', 'kf2ad'])]), () => undefined, [rule]);
    expect(stats[0]).toMatchObject({ blocks: 1, pairs: 1, oversized: 1, largestSkipped: 3 });
  });
});
