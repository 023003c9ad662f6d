import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * Phone numbers to E.164 with libphonenumber's full metadata. National formats need a region:
 * the configured default (the country most customers are in). Invalid numbers yield nothing:
 * a wrong match is worse than no match.
 */
export class PhoneNormalizer {
  readonly #region: CountryCode | undefined;
  /** Customers appear in several systems with the same spelling: parse each spelling once. */
  readonly #cache = new Map<string, string | null>();
  readonly #maxCache: number;

  constructor(defaultRegion?: string, maxCache = 200_000) {
    this.#region = defaultRegion ? (defaultRegion.toUpperCase() as CountryCode) : undefined;
    this.#maxCache = maxCache;
  }

  e164(raw: string): string | undefined {
    const key = raw.trim();
    if (!key) return undefined;
    const cached = this.#cache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const value = this.#parse(key);
    if (this.#cache.size >= this.#maxCache) this.#cache.clear();
    this.#cache.set(key, value ?? null);
    return value;
  }

  #parse(raw: string): string | undefined {
    // 00 is the international prefix in most of the world; libphonenumber wants "+".
    const text = raw.replace(/^\s*00(?=[1-9])/, '+');
    const parsed = parsePhoneNumberFromString(text, this.#region ? { defaultCountry: this.#region } : undefined);
    if (!parsed?.isValid()) return undefined;
    return parsed.number;
  }
}
