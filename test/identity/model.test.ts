/**
 * The Fellegi–Sunter model at scale, on a histogram of comparison codes shaped like the candidate
 * pairs of a 50 000-customer world (89 000 profiles, 4·10⁹ record pairs): an exact, unshared email
 * must stay decisive however large the population, because its u shrinks with the population just
 * as the prior does.
 */
import { describe, expect, it } from 'vitest';
import { CODE_COUNT, encode } from '../../src/identity/comparison.js';
import { estimateModel, estimateU, globalPrior, logOdds, probability, strongIdentifierU } from '../../src/identity/fellegi-sunter.js';

const PROFILES = 89_000;
const TOTAL_PAIRS = (PROFILES * (PROFILES - 1)) / 2;

/** [email, phone, given, family] levels → count. */
function histogramOf(entries: Array<[number[], number]>): Float64Array {
  const h = new Float64Array(CODE_COUNT);
  for (const [levels, count] of entries) h[encode(levels)] = (h[encode(levels)] ?? 0) + count;
  return h;
}

const CANDIDATES = histogramOf([
  [[1, 1, 1, 1], 30_000], // the same person: email, phone and names agree
  [[1, 0, 1, 1], 12_000], // ... without a phone on one side
  [[1, 0, 0, 0], 800], // ... without names on one side
  [[5, 1, 1, 1], 600], // another email, the same phone
  [[4, 0, 1, 1], 200], // an email typo
  [[2, 0, 1, 1], 300], // a household mailbox, the same person
  [[2, 0, 3, 1], 200], // a household mailbox, the partner
  [[1, 0, 3, 1], 15], // an unrecognised shared mailbox: different given names
  [[5, 0, 1, 1], 20_000], // namesakes (and missed matches) with different emails
  [[5, 0, 3, 3], 150_000], // blocked on an email stem, nothing else agrees
  [[5, 2, 3, 3], 60_000],
]);

const RANDOM_U = estimateU(
  [
    ...Array<number>(120_000).fill(encode([5, 0, 3, 3])),
    ...Array<number>(75_000).fill(encode([5, 2, 3, 3])),
    ...Array<number>(1_500).fill(encode([5, 0, 1, 3])),
    ...Array<number>(1_300).fill(encode([5, 0, 3, 1])),
    ...Array<number>(400).fill(encode([5, 0, 2, 3])),
    ...Array<number>(20).fill(encode([5, 0, 1, 1])),
  ],
);

describe('Fellegi–Sunter model for a large population', () => {
  it('u of an exact email is estimated from name-conflicting pairs over all pairs, far below the 1e-6 probability floor', () => {
    const u = strongIdentifierU(RANDOM_U, CANDIDATES, TOTAL_PAIRS);
    // 2 × 15 conflicting pairs over 3.96·10⁹ pairs.
    expect(u[0]?.[1]).toBeCloseTo((2 * 15) / TOTAL_PAIRS, 15);
    expect(u[0]?.[1]).toBeLessThan(1e-8);
    // No conflict at all: the floor is one pair in all pairs, not a fixed probability.
    const none = strongIdentifierU(RANDOM_U, histogramOf([[[1, 1, 1, 1], 10]]), TOTAL_PAIRS);
    expect(none[1]?.[1]).toBeCloseTo(1 / TOTAL_PAIRS, 15);
  });

  it('an exact, unshared email alone (names and phone missing) is accepted at the default threshold', () => {
    const model = estimateModel(CANDIDATES, RANDOM_U, TOTAL_PAIRS);
    expect(model.em.fallback).toBe(false);
    // The prior is about the strong pairs over all pairs: ~1.2e-5, −16 bits.
    expect(model.lambda).toBeCloseTo(globalPrior(CANDIDATES, TOTAL_PAIRS), 12);
    expect(Math.log2(model.lambda)).toBeLessThan(-15);
    expect(probability(logOdds(model, encode([1, 0, 0, 0])))).toBeGreaterThanOrEqual(0.95);
    expect(probability(logOdds(model, encode([1, 1, 1, 1])))).toBeGreaterThan(0.999_999);
  });

  it('what stays weak stays weak: the same names alone, or the same names and another email, are not a match', () => {
    const model = estimateModel(CANDIDATES, RANDOM_U, TOTAL_PAIRS);
    expect(probability(logOdds(model, encode([0, 0, 1, 1])))).toBeLessThan(0.95);
    expect(probability(logOdds(model, encode([5, 0, 1, 1])))).toBeLessThan(0.5);
    // An exact email with conflicting given names (a shared mailbox) is scored, then vetoed by resolve.
    expect(probability(logOdds(model, encode([5, 1, 3, 3])))).toBeLessThan(0.5);
  });
});
