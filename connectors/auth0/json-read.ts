/**
 * Defensive readers for vendor JSON: the Management API's answers are `unknown` until a reader
 * has checked each member's type, so a changed or hostile document can only make a value absent,
 * never crash the mapping or smuggle a wrong type into our facts.
 */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(source: unknown, key: string): JsonObject | undefined {
  if (!isObject(source)) return undefined;
  const value = source[key];
  return isObject(value) ? value : undefined;
}

export function stringAt(source: unknown, key: string): string | undefined {
  if (!isObject(source)) return undefined;
  const value = source[key];
  return typeof value === 'string' ? value : undefined;
}

export function numberAt(source: unknown, key: string): number | undefined {
  if (!isObject(source)) return undefined;
  const value = source[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function booleanAt(source: unknown, key: string): boolean | undefined {
  if (!isObject(source)) return undefined;
  const value = source[key];
  return typeof value === 'boolean' ? value : undefined;
}

/** The strings of an array member (other entries dropped); undefined when the member is no array. */
export function stringsAt(source: unknown, key: string): string[] | undefined {
  if (!isObject(source)) return undefined;
  const value = source[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/** The objects of an array member; undefined when the member is no array. */
export function objectsAt(source: unknown, key: string): JsonObject[] | undefined {
  if (!isObject(source)) return undefined;
  const value = source[key];
  return Array.isArray(value) ? value.filter(isObject) : undefined;
}

/** The objects of a top-level array document. */
export function objectsOf(document: unknown): JsonObject[] | undefined {
  return Array.isArray(document) ? document.filter(isObject) : undefined;
}

/** A non-empty trimmed string, or undefined. */
export function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Page-based listings answer `{ total, <items> }` with `include_totals=true` (or a bare array without). */
export function listingTotal(page: unknown): number | undefined {
  return numberAt(page, 'total');
}

export function listingItems(page: unknown, key: string): unknown[] | undefined {
  if (Array.isArray(page)) return page as unknown[];
  if (!isObject(page)) return undefined;
  const items = page[key];
  return Array.isArray(items) ? items : undefined;
}
