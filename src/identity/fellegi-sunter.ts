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

/** u of a strong identifier may lie far below FLOOR (see strongIdentifierU): only its own floor bounds it. */
function clampU(p: number): number {
  return Math.min(CEIL, Math.max(Number.EPSILON, p));
}

function weightsOf(m: number[][], u: number[][]): number[][] {
  return m.map((levels, f) => levels.map((mv, l) => (l === 0 ? 0 : Math.log2(clamp(mv) / clampU(u[f]?.[l] ?? FLOOR)))));
}

/**
 * One EM session over the histogram of the pairs one blocking rule produced. The fields that rule
 * blocked on agree by construction, so they carry no information about m here: they are left out
 * of the E-step and not updated (Splink's method: each session estimates the other fields).
 */
export function emSession(
  histogram: Float64Array,
  u: number[][],
  fixedFields: readonly number[],
  options: { maxIterations?: number; tolerance?: number; start?: number[][] } = {},
): { m: number[][]; lambda: number; iterations: number; converged: boolean; pairs: number } {
  if (histogram.length !== CODE_COUNT) throw new Error('histogram size does not match the comparison codes');
  const levelsOf = Array.from({ length: CODE_COUNT }, (_, c) => decode(c));
  let m = (options.start ?? M_PRIORS).map((levels) => normalise([...levels]));
  let lambda = 0.5;
  const maxIterations = options.maxIterations ?? 60;
  const tolerance = options.tolerance ?? 1e-6;
  const total = histogram.reduce((a, b) => a + b, 0);
  let iterations = 0;
  let converged = false;
  if (total === 0) return { m, lambda, iterations, converged, pairs: 0 };
  const active = (f: number) => !fixedFields.includes(f);
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
        if (l === 0 || !active(f)) continue;
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
    const nextM = mCounts.map((levels, f) => (active(f) ? normalise(levels) : (m[f] as number[])));
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
  return { m, lambda, iterations, converged, pairs: total };
}

/**
 * The model from two sessions: pairs that agree on email estimate m for phone and names; pairs
 * that agree on phone estimate m for email and names (names averaged, weighted by pairs). The prior λ is then
 * the mean posterior over all candidate pairs. Guard rails fall back to the priors.
 */
/**
 * u of an exact agreement on a strong identifier cannot be measured on random pairs (it is far
 * below 1 / sample size). Non-matching records that share an email or a phone do show up among the
 * candidate pairs, though: they disagree on the given name (households, colleagues). Twice that
 * count (not every such pair differs in its given name) over all pairs estimates u.
 */
export function strongIdentifierU(u: number[][], histogram: Float64Array, totalPairs: number): number[][] {
  const conflicts = { emailExact: 0, emailShared: 0, phone: 0, emailSharedAll: 0 };
  histogram.forEach((count, code) => {
    const [email, phone, given] = decode(code);
    if (email === 2) conflicts.emailSharedAll += count;
    if (given !== 3) return;
    if (email === 1) conflicts.emailExact += count;
    if (email === 2) conflicts.emailShared += count;
    if (phone === 1) conflicts.phone += count;
  });
  const floor = 1 / Math.max(1, totalPairs);
  const out = u.map((levels) => [...levels]);
  const set = (f: number, l: number, value: number) => {
    const levels = out[f];
    if (levels) levels[l] = clampU(Math.max(floor, value));
  };
  set(0, 1, (2 * conflicts.emailExact) / totalPairs);
  // A role or household mailbox is shared by different people far more often.
  set(0, 2, Math.max((2 * conflicts.emailShared) / totalPairs, (0.5 * conflicts.emailSharedAll) / totalPairs));
  set(1, 1, (2 * conflicts.phone) / totalPairs);
  return out;
}

export function estimateModel(histogram: Float64Array, randomU: number[][], totalPairs: number): MatchModel {
  const u = strongIdentifierU(randomU, histogram, totalPairs);
  // Sessions select the candidate pairs that agree on the field, whichever blocking rule found them.
  const agreeing = (field: number, levels: number[]) =>
    histogram.map((count, code) => (levels.includes(decode(code)[field] ?? -1) ? count : 0));
  const emailSession = emSession(agreeing(0, [1, 2]), u, [0]);
  const phoneSession = emSession(agreeing(1, [1]), u, [1]);
  if (emailSession.pairs === 0 && phoneSession.pairs === 0) return fallback(u, 'no pairs agree on an email or a phone to estimate from', globalPrior(histogram, totalPairs));
  const priors = M_PRIORS.map((levels) => normalise([...levels]));
  const weigh = (a: number[] | undefined, wa: number, b: number[] | undefined, wb: number, prior: number[]) =>
    a && b && wa + wb > 0 ? a.map((v, l) => (v * wa + (b[l] ?? 0) * wb) / (wa + wb)) : prior;
  const m: number[][] = [
    phoneSession.pairs > 0 ? (phoneSession.m[0] as number[]) : (priors[0] as number[]),
    emailSession.pairs > 0 ? (emailSession.m[1] as number[]) : (priors[1] as number[]),
    weigh(emailSession.m[2], emailSession.pairs, phoneSession.m[2], phoneSession.pairs, priors[2] as number[]),
    weigh(emailSession.m[3], emailSession.pairs, phoneSession.m[3], phoneSession.pairs, priors[3] as number[]),
  ];
  // Guard rails: an exact agreement must be more likely among matches than among non-matches.
  const broken = m.findIndex((levels, f) => (levels[1] ?? 0) <= (u[f]?.[1] ?? 1));
  if (broken >= 0) return fallback(u, `EM gave m(${FIELDS[broken]?.name}:exact) ≤ u`, globalPrior(histogram, totalPairs));
  const lambda = globalPrior(histogram, totalPairs);
  const iterations = emailSession.iterations + phoneSession.iterations;
  return { lambda, m, u, weights: weightsOf(m, u), em: { iterations, converged: emailSession.converged && phoneSession.converged, fallback: false } };
}


function fallback(u: number[][], reason: string, lambda = 1e-6): MatchModel {
  const m = M_PRIORS.map((levels) => normalise([...levels]));
  return { lambda, m, u, weights: weightsOf(m, u), em: { iterations: 0, converged: false, fallback: true, reason } };
}

/** Share of the strong-identifier matches that the deterministic count is assumed to capture. */
const STRONG_RULE_RECALL = 0.9;

/**
 * The prior is the probability that two RANDOM records match (not two blocked ones): blocking
 * selects pairs by the same evidence the weights then count, so a prior fitted on candidate pairs
 * would count it twice. Estimated as Splink does, from pairs that agree on a strong identifier
 * (an email or a phone) with an assumed recall, over all n(n-1)/2 pairs.
 */
export function globalPrior(histogram: Float64Array, totalPairs: number): number {
  let strong = 0;
  histogram.forEach((count, code) => {
    const [email, phone] = decode(code);
    if (email === 1 || phone === 1) strong += count;
  });
  if (totalPairs <= 0) return 1e-6;
  return clamp(Math.max(1, strong) / STRONG_RULE_RECALL / totalPairs);
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
export function tfAdjustment(uExact: number, valueFrequency: number, maxBonus = 8): number {
  const adj = Math.log2(clamp(uExact) / clamp(valueFrequency));
  return Math.max(-8, Math.min(maxBonus, adj));
}
