import { booleanAt, numberAt, objectAt, objectsAt, objectsOf, present, stringAt } from './json-read.js';
import type { BindingRecord, DailyStatsRecord, LogProbeRecord, LogStreamRecord, SigningKeyRecord } from './records.js';

/**
 * Log streams, the log API, daily stats, Action bindings and signing keys. Only names, types,
 * states and counts are kept: a log stream's `sink` holds the SIEM's credentials, a log entry
 * describes a person, a signing key carries its certificate — none of them leaves this module.
 */

/** `GET /api/v2/log-streams`: `[{ id, name, type, status, sink, filters }]`. */
export function logStreamRecords(document: unknown): LogStreamRecord[] {
  return (objectsOf(document) ?? []).map((s) => ({
    name: present(stringAt(s, 'name')) ?? present(stringAt(s, 'id')) ?? '(unnamed)',
    type: present(stringAt(s, 'type')) ?? 'unknown',
    status: present(stringAt(s, 'status')) ?? 'unknown',
    filters: (objectsAt(s, 'filters') ?? []).map((f) => stringAt(f, 'name') ?? '').filter((n) => n !== ''),
  }));
}

/** `GET /api/v2/logs?per_page=1`: an array of at most one event; only its presence is kept. */
export function logProbeRecord(document: unknown): LogProbeRecord {
  return { events: Array.isArray(document) ? document.length : 0 };
}

/** `GET /api/v2/stats/daily`: `[{ date, logins, signups, leaked_passwords, ... }]`, summed. */
export function dailyStatsRecord(document: unknown): DailyStatsRecord {
  const days = objectsOf(document) ?? [];
  const sum = (key: string) => days.reduce((total, day) => total + (numberAt(day, key) ?? 0), 0);
  return { days: days.length, logins: sum('logins'), signups: sum('signups'), leakedPasswords: sum('leaked_passwords') };
}

/** One binding of `GET /api/v2/actions/triggers/{trigger}/bindings`: `{ display_name, action: { name } }`; the name only. */
export function bindingRecord(binding: unknown): BindingRecord {
  return { name: present(stringAt(binding, 'display_name')) ?? present(stringAt(objectAt(binding, 'action'), 'name')) ?? '(unnamed action)' };
}

/** A page of bindings: `{ bindings: [...] }`. */
export function bindingRecords(page: unknown): BindingRecord[] {
  return (objectsAt(page, 'bindings') ?? []).map(bindingRecord);
}

/** `GET /api/v2/keys/signing`: kid and state only; `cert` and `pkcs7` are dropped here. */
export function signingKeyRecords(document: unknown): SigningKeyRecord[] {
  return (objectsOf(document) ?? []).flatMap((k) => {
    const kid = present(stringAt(k, 'kid'));
    if (!kid) return [];
    const record: SigningKeyRecord = { kid, status: keyStatus(k) };
    const since = present(stringAt(k, 'current_since'));
    if (since && record.status === 'current') record.since = since;
    return [record];
  });
}

function keyStatus(key: Record<string, unknown>): SigningKeyRecord['status'] {
  if (booleanAt(key, 'revoked') === true) return 'disabled';
  if (booleanAt(key, 'current') === true) return 'current';
  if (booleanAt(key, 'next') === true) return 'next';
  if (booleanAt(key, 'previous') === true) return 'previous';
  return 'unknown';
}
