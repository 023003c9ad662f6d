/** Small readers for untyped vendor JSON: no vendor type crosses interpret.ts, and no `any`. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a dotted path, or undefined. */
export function at(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

export function str(value: unknown, path: string): string | undefined {
  const v = at(value, path);
  return typeof v === 'string' ? v : undefined;
}

export function num(value: unknown, path: string): number | undefined {
  const v = at(value, path);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function bool(value: unknown, path: string): boolean | undefined {
  const v = at(value, path);
  return typeof v === 'boolean' ? v : undefined;
}

export function list(value: unknown, path: string): unknown[] {
  const v = at(value, path);
  return Array.isArray(v) ? v : [];
}

export function strings(value: unknown, path: string): string[] {
  return list(value, path).filter((v): v is string => typeof v === 'string');
}

export function objects(values: readonly unknown[]): JsonObject[] {
  return values.filter(isObject);
}

/**
 * Keys that carry credentials in Okta configuration objects (IdP client secrets, event-hook and
 * log-stream auth headers, Splunk tokens). They are dropped as soon as a response is read, so no
 * secret of the scanned org is held, let alone printed. `password` and `token` are also names of
 * settings objects (`settings.password`, `actions.token`): only their string values are secrets.
 */
const SECRET_STRING_KEYS = new Set(['client_secret', 'clientsecret', 'secret', 'sharedsecret', 'password', 'privatekey', 'private_key', 'token', 'apikey']);
const SECRET_CONTAINERS = new Set(['authscheme', 'headers']);

export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    const name = key.toLowerCase();
    if (SECRET_CONTAINERS.has(name) || (SECRET_STRING_KEYS.has(name) && typeof child === 'string')) continue;
    out[key] = withoutSecrets(child);
  }
  return out;
}
