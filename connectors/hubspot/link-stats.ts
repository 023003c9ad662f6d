import { createHash } from 'node:crypto';
import type { CrmLinkStats } from '../../src/model/crm-facts.js';

/**
 * Counts about the identity-key values read (CRM-STABLE-KEY, CRM-LINK-RATE), never the values:
 * each value is reduced to a 48-bit hash number as it streams by, and the two sets hold numbers
 * only (about 20 bytes per distinct key in V8), so a million contacts cost tens of megabytes and
 * nothing readable. A 48-bit collision among a million keys has a probability of about 0.2 %; it
 * could only over-count `sharedValues` by one.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Auth0 user ids: `<provider>|<id>` (auth0|…, google-oauth2|…, samlp|connection|…). */
const AUTH0 = /^[a-z0-9][a-z0-9_-]*\|\S+$/i;
/** Okta user ids: 20 characters starting with 00u. */
const OKTA = /^00u[a-z0-9]{17}$/i;

export function isEmailShaped(value: string): boolean {
  return EMAIL.test(value);
}

export function isSubjectShaped(value: string): boolean {
  return UUID.test(value) || AUTH0.test(value) || OKTA.test(value);
}

export class LinkStatsAccumulator {
  #records = 0;
  #withKey = 0;
  #emailShaped = 0;
  #subjectShaped = 0;
  readonly #seen = new Set<number>();
  readonly #shared = new Set<number>();

  /** One contact read; `value` is its link property value (undefined when empty). */
  add(value: string | undefined): void {
    this.#records += 1;
    const key = value?.trim();
    if (!key) return;
    this.#withKey += 1;
    if (isEmailShaped(key)) this.#emailShaped += 1;
    else if (isSubjectShaped(key)) this.#subjectShaped += 1;
    const hash = hash48(key);
    if (this.#seen.has(hash)) this.#shared.add(hash);
    else this.#seen.add(hash);
  }

  get withKey(): number {
    return this.#withKey;
  }

  stats(): CrmLinkStats {
    return {
      records: this.#records,
      withKey: this.#withKey,
      emailShaped: this.#emailShaped,
      subjectShaped: this.#subjectShaped,
      sharedValues: this.#shared.size,
    };
  }
}

function hash48(value: string): number {
  return createHash('sha256').update(value).digest().readUIntBE(0, 6);
}
