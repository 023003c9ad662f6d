import type { ProfileInput } from '../../src/identity/profile-store.js';
import type { ExplicitLink } from '../../src/model/profile.js';
import { isObject } from './json.js';
import type { RecordPlan } from './raw.js';

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

