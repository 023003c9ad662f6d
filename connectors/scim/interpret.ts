import { isJsonContentType } from '../../src/http/json.js';
import { observed, unknownObservation, type JsonDocument, type Observation } from '../../src/model/observation.js';
import type { IdentityStoreFacts, ProvisioningFacts, ScimCapabilities } from '../../src/model/store-facts.js';
import { userStats } from './interpret-users.js';
import type { RawDocument, RawProbe, ScimRawCollection } from './raw.js';
import { count, discoveryResources, isObject, member, objectMember, SCHEMA, stringList, supported, text, type JsonObject } from './scim-json.js';

/**
 * Pure: what collect.ts gathered, as normalised identity-store facts. No I/O, no clock, and no
 * vendor type beyond this line.
 */
export function interpretScim(raw: ScimRawCollection): IdentityStoreFacts {
  return {
    scope: { kind: 'scim-service', name: raw.scopeName },
    provisioning: provisioningObservation(raw),
    userStats: raw.users.state === 'read' ? observed(userStats(raw.users.tally, raw.users.reportedTotal)) : unknownObservation(raw.users.reason),
  };
}

/** The ServiceProviderConfig answer that counts: the credentialed retry if there was one. */
export function finalServiceProviderConfig(raw: ScimRawCollection): RawDocument {
  return raw.serviceProviderConfig.authenticated ?? raw.serviceProviderConfig.anonymous;
}

/**
 * Always observed: the ServiceProviderConfig answer is kept as a `JsonDocument` whatever it was (a
 * refusal, a 404, HTML, a transport failure), so a rule can tell "no permission" from "invalid"
 * from "could not be fetched"; the probe answer sits beside it.
 */
function provisioningObservation(raw: ScimRawCollection): Observation<ProvisioningFacts> {
  const document = jsonDocument(finalServiceProviderConfig(raw));
  return observed({ scim: scimCapabilities(document, parsed(raw.resourceTypes), parsed(raw.schemas)), scimAnonymousRead: probeObservation(raw.probe) });
}

function probeObservation(probe: RawProbe): Observation<{ status: number; totalResults?: number }> {
  if ('skipped' in probe) return unknownObservation(probe.skipped);
  if ('error' in probe) return unknownObservation({ kind: 'collection-error', detail: `anonymous /Users probe: ${probe.error.code}: ${probe.error.message}`, error: probe.error });
  return observed(probe.totalResults === undefined ? { status: probe.status } : { status: probe.status, totalResults: probe.totalResults });
}

/** "200 + JSON media type (application/scim+json per RFC 7644 §3.1, or application/json) + a JSON object". */
export function jsonDocument(doc: RawDocument): JsonDocument {
  const contentType = doc.headers['content-type'];
  const base: JsonDocument = {
    method: 'GET',
    url: doc.url,
    headers: doc.headers,
    valid: false,
    ...(doc.status !== undefined ? { status: doc.status } : {}),
    ...(contentType !== undefined ? { contentType } : {}),
  };
  // As for the OIDC documents: `error` only when there was no HTTP answer; a status is evidence.
  if (doc.status === undefined) return { ...base, ...(doc.error ? { error: doc.error } : {}), problem: 'error' };
  if (doc.status < 200 || doc.status >= 300) return { ...base, problem: 'http-status' };
  const json = parsed(doc);
  if (!isObject(json)) return { ...base, problem: json === undefined ? 'invalid-json' : 'not-object' };
  if (doc.status !== 200) return { ...base, json, problem: 'http-status' };
  if (!isJsonContentType(contentType)) return { ...base, json, problem: 'content-type' };
  return { ...base, json, valid: true };
}

function parsed(doc: RawDocument | undefined): unknown {
  if (doc?.body === undefined) return undefined;
  try {
    return JSON.parse(doc.body.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * RFC 7643 §5 ServiceProviderConfig, plus the names from /ResourceTypes (§6) and /Schemas (§7)
 * and the RFC 9865 §4 `pagination` member. Absent members are "not supported", as §5 makes
 * `patch`, `bulk`, `filter`, `changePassword`, `sort` and `etag` REQUIRED.
 */
export function scimCapabilities(document: JsonDocument, resourceTypesJson: unknown, schemasJson: unknown): ScimCapabilities {
  const spc: JsonObject = document.json ?? {};
  const bulk = objectMember(spc, 'bulk');
  const filter = objectMember(spc, 'filter');
  const resourceTypes = discoveryResources(resourceTypesJson);
  const schemas = discoveryResources(schemasJson)
    .map((s) => text(member(s, 'id')))
    .filter((id): id is string => id !== undefined);
  const extensions = resourceTypes.flatMap((rt) => {
    const list = member(rt, 'schemaExtensions');
    return Array.isArray(list) ? list.filter(isObject).map((e) => text(member(e, 'schema'))) : [];
  });
  const caps: ScimCapabilities = {
    document,
    validSchema: stringList(member(spc, 'schemas')).includes(SCHEMA.serviceProviderConfig),
    patch: supported(spc, 'patch'),
    bulk: withNumbers({ supported: supported(spc, 'bulk') }, { maxOperations: count(bulk && member(bulk, 'maxOperations')), maxPayloadSize: count(bulk && member(bulk, 'maxPayloadSize')) }),
    filter: withNumbers({ supported: supported(spc, 'filter') }, { maxResults: positive(filter && member(filter, 'maxResults')) }),
    changePassword: supported(spc, 'changePassword'),
    sort: supported(spc, 'sort'),
    etag: supported(spc, 'etag'),
    authenticationSchemes: authenticationSchemes(spc),
    resourceTypes: resourceTypes.map((rt) => text(member(rt, 'name')) ?? text(member(rt, 'id'))).filter((n): n is string => n !== undefined),
    schemas,
    enterpriseUser: schemas.includes(SCHEMA.enterpriseUser) || extensions.includes(SCHEMA.enterpriseUser),
  };
  const pagination = objectMember(spc, 'pagination');
  if (pagination) caps.cursorPaging = member(pagination, 'cursor') === true;
  return caps;
}

function withNumbers<T extends object>(base: T, numbers: Record<string, number | undefined>): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(numbers)) if (value !== undefined) out[key] = value;
  return out as T;
}

function positive(value: unknown): number | undefined {
  const n = count(value);
  return n !== undefined && n > 0 ? n : undefined;
}

/** `authenticationSchemes[].type` (RFC 7643 §5: oauth, oauth2, oauthbearertoken, httpbasic, httpdigest). */
function authenticationSchemes(spc: JsonObject): string[] {
  const list = member(spc, 'authenticationSchemes');
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((s) => text(member(s, 'type'))).filter((t): t is string => t !== undefined);
}

export interface PagingPlan {
  method: 'index' | 'cursor';
  /** The `count` sent with every page. */
  count: number;
}

/**
 * How to page through /Users: cursors when the provider advertises them (RFC 9865 §4; index paging
 * costs O(n²) on many servers at scale), else startIndex/count (RFC 7644 §3.4.2.4). The page size is
 * what the operator asked for, bounded by `filter.maxResults` and `pagination.maxPageSize`.
 */
export function pagingPlan(spc: unknown, requested: number): PagingPlan {
  const doc = isObject(spc) ? spc : undefined;
  const filter = objectMember(doc, 'filter');
  const pagination = objectMember(doc, 'pagination');
  const bounds = [requested, positive(filter && member(filter, 'maxResults')), positive(pagination && member(pagination, 'maxPageSize'))];
  const size = Math.max(1, Math.min(...bounds.filter((n): n is number => n !== undefined)));
  return { method: pagination && member(pagination, 'cursor') === true ? 'cursor' : 'index', count: size };
}

/** A document's JSON object, if it has one (collect.ts plans paging from the ServiceProviderConfig). */
export function parsedDocument(doc: RawDocument | undefined): JsonObject | undefined {
  const json = parsed(doc);
  return isObject(json) ? json : undefined;
}

/** Whether /ResourceTypes lists a Group type; undefined when it could not be read. */
export function hasGroupResource(resourceTypes: RawDocument | undefined): boolean | undefined {
  const json = parsed(resourceTypes);
  if (json === undefined) return undefined;
  return discoveryResources(json).some((rt) => {
    const endpoint = text(member(rt, 'endpoint'));
    return text(member(rt, 'name')) === 'Group' || endpoint?.replace(/^\//, '').toLowerCase() === 'groups';
  });
}
