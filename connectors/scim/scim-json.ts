/**
 * Reading SCIM JSON defensively. RFC 7643 §2.1: attribute names are case-insensitive, so every
 * lookup tries the canonical spelling first and then any casing. Pure.
 */

export const SCHEMA = {
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
} as const;

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The member `name` of a SCIM object, whatever its casing. */
export function member(obj: JsonObject, name: string): unknown {
  if (Object.hasOwn(obj, name)) return obj[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) return obj[key];
  return undefined;
}

export function objectMember(obj: JsonObject | undefined, name: string): JsonObject | undefined {
  if (!obj) return undefined;
  const value = member(obj, name);
  return isObject(value) ? value : undefined;
}

/** A non-empty string (after trimming), else undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A non-negative integer; numeric strings are accepted (some providers quote numbers). */
export function count(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

/** `{ "supported": true }`; anything else (absent, "true", 1) is not support. */
export function supported(obj: JsonObject | undefined, name: string): boolean {
  return member(objectMember(obj, name) ?? {}, 'supported') === true;
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * The resources of a discovery answer: RFC 7644 §4 answers /ResourceTypes and /Schemas with a
 * ListResponse; older providers answer a bare JSON array.
 */
export function discoveryResources(json: unknown): JsonObject[] {
  const list = Array.isArray(json) ? json : isObject(json) ? member(json, 'Resources') : undefined;
  return Array.isArray(list) ? list.filter(isObject) : [];
}

/** RFC 7644 §3.12 error message: `status` (a string per the RFC; numbers tolerated), `scimType`, `detail`. */
export interface ScimErrorBody {
  status?: string;
  scimType?: string;
  detail?: string;
}

export function scimErrorBody(json: unknown): ScimErrorBody | undefined {
  if (!isObject(json)) return undefined;
  const schemas = stringList(member(json, 'schemas'));
  const scimType = text(member(json, 'scimType'));
  const detail = text(member(json, 'detail'));
  if (!schemas.includes(SCHEMA.error) && scimType === undefined && detail === undefined) return undefined;
  const status = member(json, 'status');
  const out: ScimErrorBody = {};
  if (typeof status === 'string' || typeof status === 'number') out.status = String(status);
  if (scimType !== undefined) out.scimType = scimType;
  if (detail !== undefined) out.detail = detail;
  return out;
}
