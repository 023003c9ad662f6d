import { doubleMetaphone } from 'double-metaphone';
import { NICKNAMES } from './nicknames.js';

/**
 * Name folding for comparison: Unicode compatibility form, diacritics and special letters folded
 * (Łukasz → lukasz, Müller → muller, Søren → soren), punctuation dropped, particles kept in the
 * token list (de Vries, van der Berg), and common nicknames mapped to a canonical given name.
 */
const SPECIAL: Array<[RegExp, string]> = [
  [/ł/g, 'l'],
  [/ø/g, 'o'],
  [/æ/g, 'ae'],
  [/œ/g, 'oe'],
  [/ß/g, 'ss'],
  [/đ/g, 'd'],
  [/þ/g, 'th'],
  [/ı/g, 'i'],
];

/**
 * A bounded memo: customers share given and family names (a few thousand given names cover most
 * of a population), so each spelling is folded and encoded once; the map is cleared when full.
 */
class Memo {
  readonly #map = new Map<string, string>();
  constructor(readonly max: number) {}
  get(key: string, compute: (key: string) => string): string {
    const hit = this.#map.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    if (this.#map.size >= this.max) this.#map.clear();
    this.#map.set(key, value);
    return value;
  }
}

const FOLDED = new Memo(200_000);
const SOUNDS = new Memo(200_000);

export function foldName(raw: string | undefined): string {
  if (!raw) return '';
  return FOLDED.get(raw, foldUncached);
}

function foldUncached(raw: string): string {
  let text = raw.normalize('NFKC').toLowerCase();
  for (const [pattern, replacement] of SPECIAL) text = text.replace(pattern, replacement);
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Nickname → canonical given name (Bob → robert), folded. */
const CANONICAL_GIVEN = new Map<string, string>();
for (const [given, nicks] of Object.entries(NICKNAMES)) {
  const canonical = foldName(given);
  for (const nick of nicks) {
    const folded = foldName(nick);
    if (folded !== canonical && !CANONICAL_GIVEN.has(folded)) CANONICAL_GIVEN.set(folded, canonical);
  }
}

export function canonicalGiven(folded: string): string {
  const first = folded.split(' ')[0] ?? '';
  return CANONICAL_GIVEN.get(first) ?? first;
}

function primarySound(word: string): string {
  return doubleMetaphone(word)[0] ?? '';
}

export interface NormalizedName {
  /** Folded given name mapped through nicknames (first token only). */
  given: string;
  /** Folded family name, all tokens (particles included). */
  family: string;
  /** Double Metaphone primary codes of given and family, for phonetic blocking. */
  givenSound: string;
  familySound: string;
}

/**
 * From given/family, or from a full name when the parts are missing. "Smith, John" is read as
 * family-first; otherwise the last token is the family name (with lower-case particles joining it).
 */
export function normalizeName(given: string | undefined, family: string | undefined, full: string | undefined): NormalizedName {
  let g = foldName(given);
  let f = foldName(family);
  if ((!g || !f) && full) {
    const comma = full.indexOf(',');
    if (comma > 0) {
      f ||= foldName(full.slice(0, comma));
      g ||= foldName(full.slice(comma + 1));
    } else {
      const tokens = foldName(full).split(' ').filter(Boolean);
      if (tokens.length >= 2) {
        let split = tokens.length - 1;
        while (split > 1 && ['de', 'van', 'der', 'den', 'von', 'da', 'di', 'le', 'la', 'del', 'o'].includes(tokens[split - 1] ?? '')) split--;
        g ||= tokens.slice(0, split).join(' ');
        f ||= tokens.slice(split).join(' ');
      } else if (tokens.length === 1) f ||= tokens[0] ?? '';
    }
  }
  const canonical = g ? canonicalGiven(g) : '';
  return {
    given: canonical,
    family: f,
    givenSound: canonical ? SOUNDS.get(canonical, primarySound) : '',
    familySound: f ? SOUNDS.get(f.replace(/ /g, ''), primarySound) : '',
  };
}
