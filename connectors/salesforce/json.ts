/** Small readers for untyped Salesforce JSON: no vendor type crosses interpret.ts, and no `any`. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown, key: string): string | undefined {
  const v = isObject(value) ? value[key] : undefined;
  return typeof v === 'string' ? v : undefined;
}

export function num(value: unknown, key: string): number | undefined {
  const v = isObject(value) ? value[key] : undefined;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function bool(value: unknown, key: string): boolean | undefined {
  const v = isObject(value) ? value[key] : undefined;
  return typeof v === 'boolean' ? v : undefined;
}

export function list(value: unknown, key: string): unknown[] {
  const v = isObject(value) ? value[key] : undefined;
  return Array.isArray(v) ? v : [];
}
