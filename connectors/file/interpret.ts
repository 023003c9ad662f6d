import type { ProfileInput } from '../../src/identity/profile-store.js';
import type { ExplicitLink, ProfileEmail } from '../../src/model/profile.js';
import { normalizeValue, type CompiledMapping, type ValueSet } from './mapping.js';
import { parseFlag, parseTimestamp } from './values.js';

/**
 * Pure: one export record (seen through `read`, which returns the values at a column or path) to a
 * ProfileInput, or the reason the row is rejected. No I/O, no clock; no vendor type crosses here.
 */
export type Read<Ref> = (ref: Ref) => readonly string[];

export type RecordOutcome = { profile: ProfileInput } | { reject: string };

const TIME_FIELDS = ['createdAt', 'updatedAt', 'lastLoginAt', 'consent.updatedAt'] as const;
type TimeField = (typeof TIME_FIELDS)[number];

export function interpretRecord<Ref>(m: CompiledMapping<Ref>, read: Read<Ref>): RecordOutcome {
  const first = (ref: Ref | undefined): string => {
    if (ref === undefined) return '';
    for (const v of read(ref)) {
      const t = v.trim();
      if (t) return t;
    }
    return '';
  };

  const localId = first(m.id);
  if (!localId) return { reject: 'missing id' };

  const times: Partial<Record<TimeField, string>> = {};
  for (const key of TIME_FIELDS) {
    const raw = first(key === 'consent.updatedAt' ? m.consent?.updatedAt : m[key]);
    if (!raw) continue;
    const iso = parseTimestamp(raw);
    if (iso === undefined) return { reject: `invalid date (${key})` };
    times[key] = iso;
  }

  let filled = 0;
  const emails: ProfileEmail[] = [];
  const seenEmails = new Set<string>();
  m.emails.forEach((column, i) => {
    const address = first(column.ref);
    if (!address) return;
    filled++;
    const key = address.toLowerCase();
    if (seenEmails.has(key)) return;
    seenEmails.add(key);
    const email: ProfileEmail = { address };
    const verified = parseFlag(first(column.verified));
    if (verified !== undefined) email.verified = verified;
    if (i === 0) email.primary = true;
    emails.push(email);
  });

  const phones: string[] = [];
  for (const ref of m.phones) {
    const phone = first(ref);
    if (!phone) continue;
    filled++;
    if (!phones.includes(phone)) phones.push(phone);
  }

  const names: ProfileInput['names'] = {};
  const given = first(m.given);
  const family = first(m.family);
  const full = first(m.fullName);
  if (given) names.given = given;
  if (family) names.family = family;
  if (full) names.full = full;
  filled += [given, family, full].filter(Boolean).length;
  for (const ref of m.attributes) if (first(ref)) filled++;

  const profile: ProfileInput = {
    localId,
    emails,
    phones,
    names,
    links: links(m, read),
    status: status(m, first),
    filledAttributes: filled,
  };
  const origin = originOf(m, first);
  if (origin) profile.origin = origin;
  const lifecycle = lifecycleOf(m, first);
  if (lifecycle) profile.lifecycle = lifecycle;
  const marketing = consentOf(m, first);
  if (marketing !== undefined) {
    profile.consent = { marketing };
    if (times['consent.updatedAt']) profile.consent.updatedAt = times['consent.updatedAt'];
  }
  if (times.createdAt) profile.createdAt = times.createdAt;
  if (times.updatedAt) profile.updatedAt = times.updatedAt;
  if (times.lastLoginAt) profile.lastLoginAt = times.lastLoginAt;
  return { profile };
}

function has(set: ValueSet | undefined, value: string): boolean {
  return set !== undefined && set.has(normalizeValue(value));
}

function status<Ref>(m: CompiledMapping<Ref>, first: (ref: Ref | undefined) => string): ProfileInput['status'] {
  if (!m.status) return 'unknown';
  const value = first(m.status.ref);
  if (has(m.status.disabled, value)) return 'disabled';
  if (!m.status.active) return 'active';
  return has(m.status.active, value) ? 'active' : 'unknown';
}

function originOf<Ref>(m: CompiledMapping<Ref>, first: (ref: Ref | undefined) => string): ProfileInput['origin'] {
  if (!m.origin) return undefined;
  const value = first(m.origin.ref);
  if (value && has(m.origin.local, value)) return 'local';
  if (value && has(m.origin.federated, value)) return 'federated';
  return m.origin.otherwise;
}

function lifecycleOf<Ref>(m: CompiledMapping<Ref>, first: (ref: Ref | undefined) => string): ProfileInput['lifecycle'] {
  if (!m.lifecycle) return undefined;
  const value = first(m.lifecycle.ref);
  if (!value) return undefined;
  if (has(m.lifecycle.customer, value)) return 'customer';
  if (has(m.lifecycle.lead, value)) return 'lead';
  return 'other';
}

function consentOf<Ref>(m: CompiledMapping<Ref>, first: (ref: Ref | undefined) => string): boolean | undefined {
  if (!m.consent) return undefined;
  const value = first(m.consent.ref);
  if (!value) return undefined;
  if (has(m.consent.optedIn, value)) return true;
  if (!m.consent.optedOut) return false;
  return has(m.consent.optedOut, value) ? false : undefined;
}

/**
 * Links by position: `column` and `viaColumn` read with `[*]` pair element by element. A federated
 * identity whose provider is known but whose upstream subject is not exported still counts, with
 * value ''; other kinds need a value.
 */
function links<Ref>(m: CompiledMapping<Ref>, read: Read<Ref>): ExplicitLink[] {
  const out: ExplicitLink[] = [];
  for (const link of m.links) {
    const values = link.value !== undefined ? read(link.value).map((v) => v.trim()) : [];
    const vias = link.viaRef !== undefined ? read(link.viaRef).map((v) => v.trim()) : [];
    const count = link.via !== undefined ? values.length : Math.max(values.length, vias.length);
    for (let i = 0; i < count; i++) {
      const via = link.via ?? vias[i] ?? '';
      const value = values[i] ?? '';
      if (!via || link.skipVia.has(normalizeValue(via))) continue;
      if (!value && !(link.kind === 'federated-identity' && link.viaRef !== undefined)) continue;
      if (out.some((l) => l.kind === link.kind && l.via === via && l.value === value)) continue;
      out.push({ kind: link.kind, via, value });
    }
  }
  return out;
}
