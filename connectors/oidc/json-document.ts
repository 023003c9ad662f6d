import { isJsonContentType } from '../../src/http/json.js';
import type { JsonDocument } from '../../src/model/observation.js';
import type { RawExchange } from './raw.js';

/** Response headers the rules read (security, CORS, caching); everything else is dropped. */
const KEPT_HEADERS = [
  'content-type',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'strict-transport-security',
  'content-security-policy',
  'x-frame-options',
  'x-content-type-options',
  'cache-control',
  'expires',
  'pragma',
  'vary',
  'location',
  'www-authenticate',
  'referrer-policy',
];

export function keptHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * Judge a fetched document against "200 + application/json + JSON object" (OIDC Discovery §4.2).
 * Offline documents have no status or content type: only the JSON shape is judged.
 */
export function toJsonDocument(exchange: RawExchange, offline: boolean): JsonDocument {
  const headers = keptHeaders(exchange.headers);
  const contentType = headers['content-type'];
  const base: JsonDocument = {
    method: exchange.method,
    url: exchange.url,
    headers,
    valid: false,
    ...(exchange.status !== undefined ? { status: exchange.status } : {}),
    ...(contentType !== undefined ? { contentType } : {}),
    ...(exchange.offOriginRedirect ? { location: exchange.offOriginRedirect } : {}),
  };
  if (exchange.error) return { ...base, error: exchange.error, problem: 'error' };

  let parsed: unknown;
  let parseFailed = false;
  if (exchange.body !== undefined) {
    try {
      parsed = JSON.parse(exchange.body);
    } catch {
      parseFailed = true;
    }
  }
  const json = isPlainObject(parsed) ? parsed : undefined;
  const withJson = json ? { ...base, json } : base;

  if (!offline && exchange.status !== 200) return { ...withJson, problem: 'http-status' };
  if (exchange.body === undefined || parseFailed) return { ...withJson, problem: 'invalid-json' };
  if (!json) return { ...withJson, problem: 'not-object' };
  if (!offline && !isJsonContentType(contentType)) return { ...withJson, problem: 'content-type' };
  return { ...withJson, valid: true };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
