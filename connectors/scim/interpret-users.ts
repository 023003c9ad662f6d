import type { ConsentMapping } from '../../src/connector-kit/consent.js';
import type { ProfileInput } from '../../src/identity/profile-store.js';
import type { ExplicitLink, ProfileEmail, ProfileName } from '../../src/model/profile.js';
import type { UserStatsFacts } from '../../src/model/store-facts.js';
import { count, isObject, member, objectMember, SCHEMA, stringList, text, type JsonObject } from './scim-json.js';

/**
 * SCIM Users (RFC 7643 §4.1) to our Profile, and the list-response envelope (RFC 7644 §3.4.2,
 * RFC 9865 §2) they come in. Pure; a raw record never leaves this module.
 */

/**
 * The attributes requested for each user (RFC 7644 §3.4.2.5 `attributes`): the identifying ones
 * the identity analysis needs, nothing else (catalog §14.4, data minimisation). No passwords,
 * addresses, photos, groups, entitlements or enterprise fields.
 */
export const USER_ATTRIBUTES = 'id,userName,name,emails,phoneNumbers,active,externalId,meta.created,meta.lastModified';

/**
 * USER_ATTRIBUTES plus the attributes profiles.consent names (RFC 7644 §3.4.2.5 takes fully
 * qualified extension attributes as they are).
 */
export function userAttributes(consent?: ConsentMapping): string {
  const names = USER_ATTRIBUTES.split(',');
  for (const path of [consent?.attribute, consent?.updatedAt]) {
    if (path !== undefined && !names.some((n) => n.toLowerCase() === path.toLowerCase())) names.push(path);
  }
  return names.join(',');
}

/** A parsed attribute path: the schema URN of an extension attribute (none for the core schema), the attribute and its sub-attribute. */
export interface ScimPath {
  schema?: string;
  attribute: string;
  sub?: string;
}

/** RFC 7644 §3.10: `urn:...:User:attr.sub` is the URN, ":" and the attribute; without a URN, a core attribute. */
export function parseScimPath(path: string): ScimPath {
  const colon = /^urn:/i.test(path) ? path.lastIndexOf(':') : -1;
  const schema = colon >= 0 ? path.slice(0, colon) : undefined;
  const [attribute = '', sub] = path.slice(colon + 1).split('.');
  const out: ScimPath = { attribute };
  // Core attributes may be written fully qualified too; in a resource they are top-level members.
  if (schema !== undefined && schema.toLowerCase() !== SCHEMA.user.toLowerCase()) out.schema = schema;
  if (sub !== undefined) out.sub = sub;
  return out;
}

/**
 * The value at a path: extension attributes live in an object named by their schema URN
 * (RFC 7643 §3.3); a sub-attribute of a multi-valued attribute gives the list of its values.
 */
export function valueAtPath(resource: JsonObject, path: ScimPath): unknown {
  const container = path.schema === undefined ? resource : objectMember(resource, path.schema);
  if (!container) return undefined;
  const value = member(container, path.attribute);
  if (path.sub === undefined) return value;
  const sub = path.sub;
  if (Array.isArray(value)) return value.filter(isObject).map((item) => member(item, sub));
  return isObject(value) ? member(value, sub) : undefined;
}

/** The field name under which an externalId link is recorded. */
export const EXTERNAL_ID_VIA = 'scim:externalId';

export interface ListPage {
  resources: unknown[];
  totalResults?: number;
  startIndex?: number;
  itemsPerPage?: number;
  /** RFC 9865 §2: present on every page but the last. */
  nextCursor?: string;
}

/** The ListResponse envelope of one page, or what is wrong with it. */
export function listPage(json: JsonObject): ListPage | { problem: string } {
  const schemas = stringList(member(json, 'schemas'));
  if (schemas.length > 0 && !schemas.includes(SCHEMA.listResponse)) {
    return { problem: `the answer is not a ListResponse (schemas: ${schemas.slice(0, 3).join(', ')})` };
  }
  const resources = member(json, 'Resources');
  if (resources !== undefined && !Array.isArray(resources)) return { problem: '"Resources" is not an array' };
  const page: ListPage = { resources: resources ?? [] };
  const totalResults = count(member(json, 'totalResults'));
  const startIndex = count(member(json, 'startIndex'));
  const itemsPerPage = count(member(json, 'itemsPerPage'));
  const nextCursor = text(member(json, 'nextCursor'));
  if (totalResults !== undefined) page.totalResults = totalResults;
  if (startIndex !== undefined) page.startIndex = startIndex;
  if (itemsPerPage !== undefined) page.itemsPerPage = itemsPerPage;
  if (nextCursor !== undefined) page.nextCursor = nextCursor;
  return page;
}

/** The id of a listed resource, for paging checks (never printed). */
export function resourceId(resource: unknown): string | undefined {
  return isObject(resource) ? text(member(resource, 'id')) : undefined;
}

/**
 * One SCIM User as a profile; undefined when the record has no id (RFC 7643 §3.1 makes it
 * mandatory). SCIM has no "verified" flag on emails (RFC 7643 §4.1.2), so `verified` stays unknown;
 * it has no login time and no federated identities either.
 */
export function scimUserToProfile(resource: unknown, consent?: ScimConsent): ProfileInput | undefined {
  if (!isObject(resource)) return undefined;
  const localId = text(member(resource, 'id'));
  if (localId === undefined) return undefined;
  const emails = emailsOf(member(resource, 'emails'));
  const phones = valuesOf(member(resource, 'phoneNumbers'));
  const names = namesOf(objectMember(resource, 'name'));
  const externalId = text(member(resource, 'externalId'));
  const links: ExplicitLink[] = externalId === undefined ? [] : [{ kind: 'external-id', via: EXTERNAL_ID_VIA, value: externalId }];
  const active = member(resource, 'active');
  const meta = objectMember(resource, 'meta');
  const profile: ProfileInput = {
    localId,
    emails,
    phones,
    names,
    links,
    status: active === true ? 'active' : active === false ? 'disabled' : 'unknown',
    filledAttributes: filledAttributes(resource, names, emails.length, phones.length, externalId),
  };
  const createdAt = isoTime(meta && member(meta, 'created'));
  const updatedAt = isoTime(meta && member(meta, 'lastModified'));
  if (createdAt) profile.createdAt = createdAt;
  if (updatedAt) profile.updatedAt = updatedAt;
  if (consent) {
    const at = consent.updatedAt === undefined ? undefined : valueAtPath(resource, consent.updatedAt);
    const stated = consent.mapping.consentOf(valueAtPath(resource, consent.attribute), at);
    if (stated) profile.consent = stated;
  }
  return profile;
}

/** profiles.consent with its paths parsed once. */
export interface ScimConsent {
  mapping: ConsentMapping;
  attribute: ScimPath;
  updatedAt?: ScimPath;
}

export function scimConsent(mapping: ConsentMapping | undefined): ScimConsent | undefined {
  if (!mapping) return undefined;
  const out: ScimConsent = { mapping, attribute: parseScimPath(mapping.attribute) };
  if (mapping.updatedAt !== undefined) out.updatedAt = parseScimPath(mapping.updatedAt);
  return out;
}

/** Multi-valued attributes are objects with `value` (RFC 7643 §2.4); a few providers send bare strings. */
function multiValued(value: unknown): Array<{ value: string; entry?: JsonObject }> {
  if (!Array.isArray(value)) return [];
  const out: Array<{ value: string; entry?: JsonObject }> = [];
  for (const item of value) {
    if (typeof item === 'string') {
      if (item.trim() !== '') out.push({ value: item });
    } else if (isObject(item)) {
      const v = text(member(item, 'value'));
      if (v !== undefined) out.push({ value: v, entry: item });
    }
  }
  return out;
}

function emailsOf(value: unknown): ProfileEmail[] {
  return multiValued(value).map(({ value: address, entry }) => (entry && member(entry, 'primary') === true ? { address, primary: true } : { address }));
}

function valuesOf(value: unknown): string[] {
  return multiValued(value).map((v) => v.value);
}

function namesOf(name: JsonObject | undefined): ProfileName {
  const out: ProfileName = {};
  if (!name) return out;
  const given = text(member(name, 'givenName'));
  const family = text(member(name, 'familyName'));
  const full = text(member(name, 'formatted'));
  if (given !== undefined) out.given = given;
  if (family !== undefined) out.family = family;
  if (full !== undefined) out.full = full;
  return out;
}

/** Identity attributes that carry a value: userName, given, family and formatted name, emails, phones, externalId. */
function filledAttributes(resource: JsonObject, names: ProfileName, emails: number, phones: number, externalId: string | undefined): number {
  const flags = [
    text(member(resource, 'userName')) !== undefined,
    names.given !== undefined,
    names.family !== undefined,
    names.full !== undefined,
    emails > 0,
    phones > 0,
    externalId !== undefined,
  ];
  return flags.filter(Boolean).length;
}

/** RFC 7643 §2.3.5 dateTime values; anything unparseable is dropped rather than guessed. */
function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value);
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

/** Counts kept while pages stream in; no personal data. */
export interface UserTally {
  read: number;
  active: number;
  disabled: number;
  /** Records without an id (skipped: they cannot be referred to). */
  withoutId: number;
}

export function newTally(): UserTally {
  return { read: 0, active: 0, disabled: 0, withoutId: 0 };
}

export function countProfile(tally: UserTally, profile: ProfileInput): void {
  tally.read += 1;
  if (profile.status === 'active') tally.active += 1;
  else if (profile.status === 'disabled') tally.disabled += 1;
}

/** userStats: counts only. SCIM says nothing about email verification or federated identities. */
export function userStats(tally: UserTally, reportedTotal: number | undefined): UserStatsFacts {
  return { total: reportedTotal ?? tally.read, read: tally.read, enabled: tally.active, disabled: tally.disabled };
}
