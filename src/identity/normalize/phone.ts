import { parseE164 } from './phone-parse.js';

/**
 * Phone numbers to E.164 with libphonenumber's full metadata. National formats need a region:
 * the configured default (the country most customers are in). Invalid numbers yield nothing:
 * a wrong match is worse than no match.
 */
export class PhoneNormalizer {
  readonly #region: string | undefined;
  /** Customers appear in several systems with the same spelling: parse each spelling once. */
  readonly #cache = new Map<string, string | null>();
  readonly #maxCache: number;

  constructor(defaultRegion?: string, maxCache = 200_000) {
    this.#region = defaultRegion ? defaultRegion.toUpperCase() : undefined;
    this.#maxCache = maxCache;
  }

  e164(raw: string): string | undefined {
    // Parse the spelling key, so that every spelling with one key gets one answer.
    const key = phoneSpellingKey(raw);
    if (!key) return undefined;
    const cached = this.#cache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const value = parseE164(key, this.#region);
    if (this.#cache.size >= this.#maxCache) this.#cache.clear();
    this.#cache.set(key, value ?? null);
    return value;
  }
}

/**
 * Spellings that libphonenumber reads as the same number share this key: spaces, hyphens and dots
 * are punctuation to it (its VALID_PUNCTUATION), so "0151 2345 6789" and "0151-23456789" parse
 * alike and need one parse. Brackets stay: "+44 (0)20" is read differently from "+44020".
 */
export function phoneSpellingKey(raw: string): string {
  return raw.replace(/[\s.\-\u2010-\u2015\u2212]+/g, '');
}
