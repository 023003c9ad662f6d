/**
 * Tolerant accessors for Keycloak's JSON: a member of the wrong type reads as absent, never as a
 * crash. Keycloak sends component config values as string arrays (MultivaluedHashMap) and client /
 * IdP attributes as strings, with booleans and numbers spelled as text ("true", "300").
 */
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function obj(value: unknown): Json {
  return isObject(value) ? value : {};
}

export function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A config value that may be a string or a one-element string array. */
export function configValue(config: Json, key: string): string | undefined {
  const value = config[key];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/** A config value that may be a list: a string array, or one string separated by "##" (Keycloak's multivalued encoding). */
export function configList(config: Json, key: string): string[] {
  const value = config[key];
  const items = typeof value === 'string' ? [value] : strings(value);
  return items.flatMap((v) => v.split('##')).map((v) => v.trim()).filter((v) => v !== '');
}

/** "true" / "false" text (or a real boolean). */
export function configBool(config: Json, key: string): boolean | undefined {
  const value = config[key];
  if (typeof value === 'boolean') return value;
  const text = configValue(config, key)?.trim().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

/** A whole number written as text (or a number). */
export function configInt(config: Json, key: string): number | undefined {
  const value = config[key];
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const text = configValue(config, key)?.trim();
  return text !== undefined && /^-?\d+$/.test(text) ? Number(text) : undefined;
}
