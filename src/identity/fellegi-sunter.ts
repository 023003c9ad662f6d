import { CODE_COUNT, FIELD_COUNT, FIELDS, decode } from './comparison.js';

/**
 * The Fellegi–Sunter match model. For each field level: m = P(level | same person), u = P(level |
 * different people); the evidence of a pair is Σ log2(m/u) plus the prior odds. u is estimated from
 * random pairs (almost all non-matches), m by expectation–maximisation on the histogram of the
 * candidate pairs' comparison codes with u held fixed, with guard rails: probabilities clamped, a
 * level's m never below its u for "exact", and a fall-back to documented priors when EM diverges.
 */
export interface MatchModel {
  /** Prior probability that a candidate pair is a match. */
  lambda: number;
  m: number[][];
  u: number[][];
  /** log2(m/u) per field and level; 0 for "missing". */
  weights: number[][];
  em: { iterations: number; converged: boolean; fallback: boolean; reason?: string };
}

/** Priors for m (index = level), used to start EM and when EM fails its checks. */
export const M_PRIORS: number[][] = [
  [0, 0.8, 0.02, 0.04, 0.04, 0.1],
  [0, 0.85, 0.15],
  [0, 0.85, 0.1, 0.05],
  [0, 0.9, 0.07, 0.03],
];

const FLOOR = 1e-6;
const CEIL = 1 - 1e-6;

function clamp(p: number): number {
  return Math.min(CEIL, Math.max(FLOOR, p));
}

/** Normalise the non-missing levels of a field to sum to 1 (level 0 is missing). */
function normalise(levels: number[]): number[] {
  const total = levels.slice(1).reduce((a, b) => a + b, 0);
  return levels.map((v, i) => (i === 0 ? 0 : clamp(total > 0 ? v / total : 1 / (levels.length - 1))));
}

/** u from the comparison codes of random pairs, Laplace-smoothed. */
export function estimateU(randomCodes: Iterable<number>): number[][] {
  const counts = FIELDS.map((f) => new Array<number>(f.levels.length).fill(0.5));
  for (const code of randomCodes) {
    decode(code).forEach((level, f) => {
      const c = counts[f];
      if (c && level !== 0) c[level] = (c[level] ?? 0) + 1;
    });
  }
  return counts.map(normalise);
}

function weightsOf(m: number[][], u: number[][]): number[][] {
  return m.map((levels, f) => levels.map((mv, l) => (l === 0 ? 0 : Math.log2(clamp(mv) / clamp(u[f]?.[l] ?? FLOOR)))));
}

/** EM over the histogram of candidate-pair codes; u stays fixed. */
export function estimateModel(histogram: Float64Array, u: number[][], options: { maxIterations?: number; tolerance?: number } = {}): MatchModel {
  if (histogram.length !== CODE_COUNT) throw new Error('histogram size does not match the comparison codes');
  const levelsOf = Array.from({ length: CODE_COUNT }, (_, c) => decode(c));
  let m = M_PRIORS.map((levels) => normalise([...levels]));
  let lambda = 0.3;
  const maxIterations = options.maxIterations ?? 60;
  const tolerance = options.tolerance ?? 1e-6;
  let iterations = 0;
  let converged = false;
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return fallback(u, 'no candidate pairs');
  for (; iterations < maxIterations; iterations++) {
    const mCounts = FIELDS.map((f) => new Array<number>(f.levels.length).fill(1e-3));
    let matches = 0;
    for (let c = 0; c < CODE_COUNT; c++) {
      const n = histogram[c] ?? 0;
      if (n === 0) continue;
      const levels = levelsOf[c] as number[];
      let pm = lambda;
      let pu = 1 - lambda;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const l = levels[f] ?? 0;
        if (l === 0) continue;
        pm *= m[f]?.[l] ?? FLOOR;
        pu *= u[f]?.[l] ?? FLOOR;
      }
      const posterior = pm / (pm + pu);
      matches += n * posterior;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const l = levels[f] ?? 0;
        const counts = mCounts[f];
        if (l !== 0 && counts) counts[l] = (counts[l] ?? 0) + n * posterior;
      }
    }
    const nextM = mCounts.map(normalise);
    const nextLambda = clamp(matches / total);
    const delta = Math.max(Math.abs(nextLambda - lambda), ...nextM.flatMap((levels, f) => levels.map((v, l) => Math.abs(v - (m[f]?.[l] ?? 0)))));
    m = nextM;
    lambda = nextLambda;
    if (delta < tolerance) {
      converged = true;
      iterations++;
      break;
    }
  }
  // Guard rails: an exact agreement must be more likely among matches than among non-matches.
  const broken = m.findIndex((levels, f) => (levels[1] ?? 0) <= (u[f]?.[1] ?? 1));
  if (broken >= 0) return fallback(u, `EM gave m(${FIELDS[broken]?.name}:exact) ≤ u`);
  if (lambda < 1e-4 || lambda > 0.9999) return fallback(u, `EM prior degenerated to ${lambda.toExponential(2)}`);
  return { lambda, m, u, weights: weightsOf(m, u), em: { iterations, converged, fallback: false } };
}

function fallback(u: number[][], reason: string): MatchModel {
  const m = M_PRIORS.map((levels) => normalise([...levels]));
  return { lambda: 0.3, m, u, weights: weightsOf(m, u), em: { iterations: 0, converged: false, fallback: true, reason } };
}

/** log2 odds of a code under the model (without term-frequency adjustments). */
export function logOdds(model: MatchModel, code: number): number {
  let odds = Math.log2(model.lambda / (1 - model.lambda));
  decode(code).forEach((level, f) => {
    odds += model.weights[f]?.[level] ?? 0;
  });
  return odds;
}

export function probability(log2Odds: number): number {
  return 1 / (1 + 2 ** -log2Odds);
}

/**
 * Term-frequency adjustment for an exact agreement on a value: common values ("Smith", a shared
 * mailbox) are weaker evidence than rare ones. Replaces the average u of "exact" by the value's own
 * frequency; bounded so that one field cannot dominate.
 */
export function tfAdjustment(uExact: number, valueFrequency: number): number {
  const adj = Math.log2(clamp(uExact) / clamp(valueFrequency));
  return Math.max(-8, Math.min(8, adj));
}
