import { jaroWinkler } from '@skyra/jaro-winkler';
import { sharedId, type FeatureTable } from './features.js';

/**
 * The comparison vector of a pair: one level per field. Level 0 is always "missing on either
 * side" (no evidence either way). The vector is packed into one small integer so that the EM
 * estimation can run on a histogram of codes instead of on millions of pairs.
 */
export const FIELDS = [
  { name: 'email', levels: ['missing', 'exact', 'shared-mailbox', 'same-local-part', 'similar', 'different'] },
  { name: 'phone', levels: ['missing', 'exact', 'different'] },
  { name: 'given', levels: ['missing', 'exact', 'similar', 'different'] },
  { name: 'family', levels: ['missing', 'exact', 'similar', 'different'] },
] as const;

export type FieldName = (typeof FIELDS)[number]['name'];
export const FIELD_COUNT = FIELDS.length;
const RADIX = FIELDS.map((f) => f.levels.length);
export const CODE_COUNT = RADIX.reduce((a, b) => a * b, 1);

export const EMAIL = { missing: 0, exact: 1, shared: 2, sameLocal: 3, similar: 4, different: 5 } as const;
export const PHONE = { missing: 0, exact: 1, different: 2 } as const;
export const NAME = { missing: 0, exact: 1, similar: 2, different: 3 } as const;

export function encode(levels: readonly number[]): number {
  let code = 0;
  for (let f = 0; f < FIELD_COUNT; f++) code = code * (RADIX[f] ?? 1) + (levels[f] ?? 0);
  return code;
}

function decodeSlow(code: number): number[] {
  const levels = new Array<number>(FIELD_COUNT).fill(0);
  for (let f = FIELD_COUNT - 1; f >= 0; f--) {
    const radix = RADIX[f] ?? 1;
    levels[f] = code % radix;
    code = Math.floor(code / radix);
  }
  return levels;
}

/** Every code decoded once: decode() runs for each candidate pair, so it must not allocate. */
const DECODED: ReadonlyArray<readonly number[]> = Array.from({ length: CODE_COUNT }, (_, c) => Object.freeze(decodeSlow(c)));

export function decode(code: number): readonly number[] {
  return DECODED[code] ?? decodeSlow(code);
}

/** Lower is better: exact, shared mailbox, same local part, similar, different (missing never competes). */
const EMAIL_RANK = [9, 0, 1, 2, 3, 4];

/** Level of email id x (the i-th of profile a) against email id y (the j-th of b). */
function emailLevel(t: FeatureTable, a: number, b: number, x: number, i: number, y: number, j: number): number {
  if (x === y) return ((t.roleEmails[a] ?? 0) >> i) & 1 || ((t.roleEmails[b] ?? 0) >> j) & 1 ? EMAIL.shared : EMAIL.exact;
  const ex = t.emailValues[x] as string;
  const ey = t.emailValues[y] as string;
  const ax = ex.indexOf('@');
  const ay = ey.indexOf('@');
  if (ax === ay && sameRange(ex, 0, ey, 0, ax)) return EMAIL.sameLocal;
  // A typo needs the same domain: most pairs differ there, and no string is built to find out.
  if (ex.length - ax !== ey.length - ay || !sameRange(ex, ax, ey, ay, ex.length - ax)) return EMAIL.different;
  return typoOf(ex, ey) ? EMAIL.similar : EMAIL.different;
}

/** x[from, from+length) equals y[yFrom, yFrom+length), compared in place. */
function sameRange(x: string, from: number, y: string, yFrom: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (x.charCodeAt(from + k) !== y.charCodeAt(yFrom + k)) return false;
  return true;
}

function compareEmail(t: FeatureTable, a: number, b: number): number {
  const fromA = t.emailStart[a] as number;
  const endA = t.emailStart[a + 1] as number;
  const fromB = t.emailStart[b] as number;
  const endB = t.emailStart[b + 1] as number;
  if (fromA === endA || fromB === endB) return EMAIL.missing;
  let best: number = EMAIL.different;
  for (let i = fromA; i < endA; i++) {
    for (let j = fromB; j < endB; j++) {
      const level = emailLevel(t, a, b, t.emailIds[i] as number, i - fromA, t.emailIds[j] as number, j - fromB);
      if (level === EMAIL.exact) return level;
      if ((EMAIL_RANK[level] ?? 9) < (EMAIL_RANK[best] ?? 9)) best = level;
    }
  }
  return best;
}

function comparePhone(t: FeatureTable, a: number, b: number): number {
  if (t.phoneStart[a] === t.phoneStart[a + 1] || t.phoneStart[b] === t.phoneStart[b + 1]) return PHONE.missing;
  return sharedId(t.phoneStart, t.phoneIds, a, b) ? PHONE.exact : PHONE.different;
}

/**
 * One typing slip in the local part of two addresses at the same domain: a substitution, an
 * insertion or deletion, or two adjacent letters swapped — but never in a digit, because
 * john.smith1 and john.smith2 are usually two people, and never in short local parts.
 */
export function typoOf(x: string, y: string): boolean {
  const ax = x.indexOf('@');
  const ay = y.indexOf('@');
  if (x.slice(ax) !== y.slice(ay)) return false;
  const a = x.slice(0, ax);
  const b = y.slice(0, ay);
  if (Math.min(a.length, b.length) < 6 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  const da = a.slice(i, a.length - j);
  const db = b.slice(i, b.length - j);
  if (/\d/.test(da + db)) return false;
  if (da.length <= 1 && db.length <= 1) return true;
  return da.length === 2 && db.length === 2 && da[0] === db[1] && da[1] === db[0];
}

/** Given names: exact after folding and nickname mapping; an initial against a name; Jaro-Winkler. */
export function compareGiven(x: string, y: string): number {
  if (!x || !y) return NAME.missing;
  if (x === y) return NAME.exact;
  if ((x.length === 1 && y.startsWith(x)) || (y.length === 1 && x.startsWith(y))) return NAME.similar;
  return jaroWinkler(x, y) >= 0.88 ? NAME.similar : NAME.different;
}

export function compareFamily(x: string, y: string): number {
  if (!x || !y) return NAME.missing;
  if (x === y || ((x.includes(' ') || y.includes(' ')) && x.replace(/ /g, '') === y.replace(/ /g, ''))) return NAME.exact;
  return jaroWinkler(x, y) >= 0.9 ? NAME.similar : NAME.different;
}

/** The comparison code of profiles a and b (see encode). */
export function compare(t: FeatureTable, a: number, b: number): number {
  const email = compareEmail(t, a, b);
  const phone = comparePhone(t, a, b);
  const ga = t.given[a] as number;
  const gb = t.given[b] as number;
  const given = ga === gb ? (ga ? NAME.exact : NAME.missing) : compareGiven(t.words[ga] ?? '', t.words[gb] ?? '');
  const fa = t.family[a] as number;
  const fb = t.family[b] as number;
  const family = fa === fb ? (fa ? NAME.exact : NAME.missing) : compareFamily(t.words[fa] ?? '', t.words[fb] ?? '');
  // encode([email, phone, given, family]) without the array.
  return ((email * (RADIX[1] ?? 1) + phone) * (RADIX[2] ?? 1) + given) * (RADIX[3] ?? 1) + family;
}

/** Human-readable reasons of a comparison, e.g. ['email:exact', 'family:exact']. */
export function reasonsOf(code: number): string[] {
  return decode(code)
    .map((level, f) => {
      const field = FIELDS[f];
      return field && level !== 0 && level !== field.levels.length - 1 ? `${field.name}:${field.levels[level] ?? level}` : '';
    })
    .filter(Boolean);
}
