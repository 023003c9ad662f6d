import { jaroWinkler } from '@skyra/jaro-winkler';
import { split, type FeatureTable } from './features.js';

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

export function decode(code: number): number[] {
  const levels = new Array<number>(FIELD_COUNT).fill(0);
  for (let f = FIELD_COUNT - 1; f >= 0; f--) {
    const radix = RADIX[f] ?? 1;
    levels[f] = code % radix;
    code = Math.floor(code / radix);
  }
  return levels;
}

/** What the email comparison found, and the matching value (for term-frequency adjustment). */
export interface PairComparison {
  code: number;
  /** The shared canonical email for exact/shared levels. */
  email?: string;
}

function compareEmail(t: FeatureTable, a: number, b: number): { level: number; value?: string } {
  const ea = split(t.emails[a]);
  const eb = split(t.emails[b]);
  if (!ea.length || !eb.length) return { level: EMAIL.missing };
  let best: { level: number; value?: string } = { level: EMAIL.different };
  const rank = (level: number) => [9, 0, 1, 2, 3, 4][level] ?? 9;
  ea.forEach((x, i) => {
    eb.forEach((y, j) => {
      let level: number;
      if (x === y) level = ((t.roleEmails[a] ?? 0) >> i) & 1 || ((t.roleEmails[b] ?? 0) >> j) & 1 ? EMAIL.shared : EMAIL.exact;
      else if (x.slice(0, x.indexOf('@')) === y.slice(0, y.indexOf('@'))) level = EMAIL.sameLocal;
      else level = typoOf(x, y) ? EMAIL.similar : EMAIL.different;
      if (rank(level) < rank(best.level)) best = level === EMAIL.exact || level === EMAIL.shared ? { level, value: x } : { level };
    });
  });
  return best;
}

function comparePhone(t: FeatureTable, a: number, b: number): number {
  const pa = split(t.phones[a]);
  const pb = split(t.phones[b]);
  if (!pa.length || !pb.length) return PHONE.missing;
  return pa.some((p) => pb.includes(p)) ? PHONE.exact : PHONE.different;
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
  if (x === y || x.replace(/ /g, '') === y.replace(/ /g, '')) return NAME.exact;
  return jaroWinkler(x, y) >= 0.9 ? NAME.similar : NAME.different;
}

export function compare(t: FeatureTable, a: number, b: number): PairComparison {
  const email = compareEmail(t, a, b);
  const code = encode([email.level, comparePhone(t, a, b), compareGiven(t.given[a] ?? '', t.given[b] ?? ''), compareFamily(t.family[a] ?? '', t.family[b] ?? '')]);
  return email.value !== undefined ? { code, email: email.value } : { code };
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
