import { createHash } from 'node:crypto';
import type { CrmLinkStats } from '../model/crm-facts.js';

/**
 * Counts about the identity-key values a CRM holds (CRM-STABLE-KEY, CRM-LINK-RATE), never the
 * values: each value is reduced to a 52-bit hash number as it streams by, and the sets hold
 * numbers only (about 20 bytes a distinct key in V8), so a million contacts cost tens of megabytes
 * and nothing readable. A 52-bit collision among a million keys has a probability of about 0.01 %;
 * it could only over-count `sharedValues` by one. The set of seen keys is bounded (MAX_TRACKED);
 * past it new keys are not tracked and `sharedValues` becomes a lower bound (`saturated`).
 */
export const MAX_TRACKED = 2_000_000;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Auth0 user ids: `<provider>|<id>` (auth0|…, google-oauth2|…, samlp|connection|…). */
const AUTH0 = /^[a-z0-9][a-z0-9_-]*\|\S+$/i;
/** Okta user ids: 20 characters starting with 00u. */
const OKTA = /^00u[a-z0-9]{17}$/i;

export function isEmailShaped(value: string): boolean {
  return EMAIL.test(value);
}

/** Shaped like a known IdP subject: Keycloak (UUID), Auth0 (`provider|id`), Okta (`00u` + 17). */
export function isSubjectShaped(value: string): boolean {
  return UUID.test(value) || AUTH0.test(value) || OKTA.test(value);
}

export class LinkStatsCounter {
  #records = 0;
  #withKey = 0;
  #emailShaped = 0;
  #subjectShaped = 0;
  readonly #seen = new Set<number>();
  readonly #shared = new Set<number>();
  #saturated = false;

  /** One contact read; `value` is its link field's value (undefined or blank when empty). */
  add(value: string | undefined): void {
    this.#records += 1;
    const key = value?.trim();
    if (!key) return;
    this.#withKey += 1;
    if (isEmailShaped(key)) this.#emailShaped += 1;
    else if (isSubjectShaped(key)) this.#subjectShaped += 1;
    const hash = hash52(key);
    if (this.#seen.has(hash)) this.#shared.add(hash);
    else if (this.#seen.size < MAX_TRACKED) this.#seen.add(hash);
    else this.#saturated = true;
  }

  get records(): number {
    return this.#records;
  }

  /** More distinct keys arrived than are tracked: `sharedValues` is a lower bound. */
  get saturated(): boolean {
    return this.#saturated;
  }

  stats(): CrmLinkStats {
    return { records: this.#records, withKey: this.#withKey, emailShaped: this.#emailShaped, subjectShaped: this.#subjectShaped, sharedValues: this.#shared.size };
  }
}

function hash52(value: string): number {
  return parseInt(createHash('sha256').update(value).digest('hex').slice(0, 13), 16);
}
