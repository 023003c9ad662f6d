import { createHash } from 'node:crypto';
import type { ProfileInput } from '../../src/identity/profile-store.js';
import type { ExplicitLink } from '../../src/model/profile.js';
import { isObject } from './json.js';
import type { LinkStatsCounts, RecordPlan } from './raw.js';

/**
 * Pure: one Contact or Lead record — from a REST query page (JSON types) or a Bulk API 2.0 CSV row
 * (strings, "" for null) — to our ProfileInput. Only the selected identity attributes are copied.
 * Contact fields: https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_contact.htm
 */
export type SalesforceRecord = Record<string, unknown>;

export function profileFromRecord(record: unknown, plan: RecordPlan): ProfileInput | undefined {
  if (!isObject(record)) return undefined;
  const id = text(record.Id);
  if (!id) return undefined;
  const email = text(record.Email);
  const phones = [...new Set([text(record.Phone), text(record.MobilePhone)].filter((p): p is string => !!p))];
  const given = text(record.FirstName);
  const family = text(record.LastName);
  const key = plan.linkField ? text(record[plan.linkField]) : undefined;
  const links: ExplicitLink[] = key && plan.linkField ? [{ kind: 'crm-key', via: plan.linkField, value: key }] : [];
  const profile: ProfileInput = {
    localId: id,
    // Salesforce does not verify a Contact's or Lead's email address: no verified flag.
    emails: email ? [{ address: email, primary: true }] : [],
    phones,
    names: { ...(given ? { given } : {}), ...(family ? { family } : {}) },
    links,
    // Only live records are queried (query, not queryAll): deleted ones are not read.
    status: 'active',
    lifecycle: plan.object === 'Lead' ? 'lead' : 'customer',
    filledAttributes: [email, text(record.Phone), text(record.MobilePhone), given, family, key].filter(Boolean).length,
  };
  const marketing = consentOf(record, plan);
  if (marketing !== undefined) profile.consent = { marketing };
  const created = isoDate(record.CreatedDate);
  const updated = isoDate(record.LastModifiedDate);
  if (created) profile.createdAt = created;
  if (updated) profile.updatedAt = updated;
  return profile;
}

/** Marketing consent from the first consent field that holds a value (opted out → false). */
function consentOf(record: SalesforceRecord, plan: RecordPlan): boolean | undefined {
  for (const c of plan.consent) {
    const value = flag(record[c.field]);
    if (value === undefined) continue;
    return c.meaning === 'opt-out' ? !value : value;
  }
  return undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** Salesforce writes `2024-01-19T10:00:00.000+0000`; ISO 8601 wants `+00:00`. */
export function isoDate(value: unknown): string | undefined {
  const raw = text(value);
  if (!raw) return undefined;
  const t = Date.parse(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** Keycloak (UUID), Auth0 (`provider|id`), Okta (`00u` + 17). */
const SUBJECT_SHAPES = [/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, /^[a-z0-9-]+\|[^|\s]+$/i, /^00u[A-Za-z0-9]{17}$/];

export function isEmailShaped(value: string): boolean {
  return EMAIL.test(value);
}

export function isSubjectShaped(value: string): boolean {
  return SUBJECT_SHAPES.some((re) => re.test(value));
}

/**
 * Counts about link values, never the values: a value is reduced to a 52-bit hash on arrival, and
 * shared values are counted in a Set of those hashes. The Set is bounded (MAX_TRACKED distinct
 * keys); past it, new keys are no longer tracked and `sharedValues` becomes a lower bound.
 */
export const MAX_TRACKED = 2_000_000;

export class LinkStatsCounter {
  #records = 0;
  #withKey = 0;
  #emailShaped = 0;
  #subjectShaped = 0;
  readonly #seen = new Set<number>();
  readonly #shared = new Set<number>();
  #saturated = false;

  add(profile: ProfileInput): void {
    this.#records += 1;
    const key = profile.links.find((l) => l.kind === 'crm-key')?.value;
    if (!key) return;
    this.#withKey += 1;
    if (isEmailShaped(key)) this.#emailShaped += 1;
    else if (isSubjectShaped(key)) this.#subjectShaped += 1;
    const h = hash52(key);
    if (this.#seen.has(h)) this.#shared.add(h);
    else if (this.#seen.size < MAX_TRACKED) this.#seen.add(h);
    else this.#saturated = true;
  }

  /** True when more distinct keys arrived than are tracked (sharedValues is a lower bound). */
  get saturated(): boolean {
    return this.#saturated;
  }

  counts(): LinkStatsCounts {
    return { records: this.#records, withKey: this.#withKey, emailShaped: this.#emailShaped, subjectShaped: this.#subjectShaped, sharedValues: this.#shared.size };
  }
}

function hash52(value: string): number {
  return parseInt(createHash('sha256').update(value).digest('hex').slice(0, 13), 16);
}
