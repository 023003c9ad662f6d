import { DEFAULT_CONSENT_OPTED_IN, DEFAULT_CONSENT_OPTED_OUT, type ConsentOptions } from '../config/target-base.js';
import { parseTimestamp } from './timestamp.js';

/**
 * Marketing consent of identity-store profiles, configured once per target (`profiles.consent`)
 * and applied to each user as it streams past. Where the value lives is the connector's business
 * (it reads the value at `attribute` and, optionally, at `updatedAt`); what the value means is
 * decided here, the same way for every connector: a value in `optedIn` is consent, one in
 * `optedOut` is none, anything else stays unknown rather than guessed. Only counts are kept, never
 * a value, so that the scan can say how well the mapping fitted the data.
 */
export interface ProfileConsent {
  marketing: boolean;
  updatedAt?: string;
}

export interface ConsentTally {
  /** Records whose value is in optedIn or optedOut. */
  stated: number;
  /** Records with a value in neither list (consent left unknown). */
  unrecognised: number;
  /** Records without a value (absent, null, empty). */
  absent: number;
  /** Stated records whose timestamp is not a date (the timestamp is dropped, the consent kept). */
  invalidDates: number;
}

export class ConsentMapping {
  readonly attribute: string;
  readonly updatedAt: string | undefined;
  readonly tally: ConsentTally = { stated: 0, unrecognised: 0, absent: 0, invalidDates: 0 };
  readonly #optedIn: ReadonlySet<string>;
  readonly #optedOut: ReadonlySet<string>;

  constructor(options: ConsentOptions) {
    this.attribute = options.attribute;
    this.updatedAt = options.updatedAt;
    this.#optedIn = new Set((options.optedIn ?? DEFAULT_CONSENT_OPTED_IN).map(normalizeConsentValue));
    this.#optedOut = new Set((options.optedOut ?? DEFAULT_CONSENT_OPTED_OUT).map(normalizeConsentValue));
  }

  /**
   * The consent a record states, from the raw value at `attribute` and, when configured, the raw
   * value at `updatedAt` (strings, booleans, numbers, or a list whose first value counts).
   */
  consentOf(value: unknown, updatedAtValue?: unknown): ProfileConsent | undefined {
    const text = scalarText(value);
    if (text === undefined) {
      this.tally.absent++;
      return undefined;
    }
    const key = normalizeConsentValue(text);
    const marketing = this.#optedIn.has(key) ? true : this.#optedOut.has(key) ? false : undefined;
    if (marketing === undefined) {
      this.tally.unrecognised++;
      return undefined;
    }
    this.tally.stated++;
    const consent: ProfileConsent = { marketing };
    const at = scalarText(updatedAtValue);
    if (at !== undefined) {
      const iso = parseTimestamp(at);
      if (iso === undefined) this.tally.invalidDates++;
      else consent.updatedAt = iso;
    }
    return consent;
  }

  /** What the operator should know about the mapping (for the dataset's coverage), or undefined. */
  notes(): string | undefined {
    const { stated, unrecognised, absent, invalidDates } = this.tally;
    const notes: string[] = [];
    if (stated === 0 && unrecognised === 0 && absent > 0) {
      notes.push(`profiles.consent: no record read has a value at "${this.attribute}" — check the name, and that the scanner's credential may read it`);
    } else if (unrecognised > 0) {
      notes.push(`profiles.consent: ${unrecognised} record(s) hold a value at "${this.attribute}" that is in neither optedIn nor optedOut (consent left unknown)`);
    }
    if (invalidDates > 0) notes.push(`profiles.consent: ${invalidDates} timestamp(s) at "${this.updatedAt ?? ''}" are not dates and were dropped`);
    return notes.length ? notes.join('. ') : undefined;
  }
}

/** Compile `profiles.consent` once per target; undefined when the operator configured none. */
export function compileConsent(options: ConsentOptions): ConsentMapping;
export function compileConsent(options: ConsentOptions | undefined): ConsentMapping | undefined;
export function compileConsent(options: ConsentOptions | undefined): ConsentMapping | undefined {
  return options ? new ConsentMapping(options) : undefined;
}

export function normalizeConsentValue(value: string): string {
  return value.trim().toLowerCase();
}

/** A non-empty trimmed text: strings as they are, booleans and finite numbers as their text, a list by its first such value. */
function scalarText(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) {
      const text = scalarText(item);
      if (text !== undefined) return text;
    }
    return undefined;
  }
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
