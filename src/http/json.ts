/**
 * Turning an HttpResponse into JSON, with the failure a connector should record when that is not
 * possible: a status that means "no document" (401, 403, 404, 429, 5xx, an off-origin redirect),
 * an HTML error page instead of JSON, a truncated or malformed document, or the wrong top-level
 * type. Messages name the endpoint (redacted) and say what was found instead.
 */
import type { ScanFailure } from '../model/errors.js';
import { printableUrl, scanFailure } from './failures.js';
import type { FailureContext, SecretRedactor } from './failures.js';
import type { HttpResponse } from './types.js';

export type JsonParseResult =
  | { ok: true; value: unknown }
  | {
      ok: false;
      /** `empty`: no body at all; `truncated`: the document stops early; `invalid`: a syntax error. */
      problem: 'empty' | 'truncated' | 'invalid';
      /** One line, without body content beyond a single offending token. */
      message: string;
      /** Byte offset of the problem, when known. */
      position?: number;
    };

const SNIPPET_LENGTH = 40;

/** `application/json`, `application/<anything>+json` (jwk-set, scim, problem, ...), and legacy `text/json`. */
export function isJsonContentType(contentType: string | undefined): boolean {
  const type = mediaType(contentType);
  return type === 'application/json' || type === 'text/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(type);
}

/** The media type without parameters, lower-cased ('' when absent). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Parse a body as JSON without throwing (for connectors that record problems as evidence). */
export function parseJsonBody(body: Buffer): JsonParseResult {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') return { ok: false, problem: 'empty', message: 'the body is empty' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return describeSyntaxError(error, text);
  }
}

/** V8's messages, reduced to what is safe to print and given a byte position. */
function describeSyntaxError(error: unknown, text: string): JsonParseResult {
  const raw = error instanceof Error ? error.message : String(error);
  const totalBytes = Buffer.byteLength(text);
  const charPosition = /at position (\d+)/.exec(raw)?.[1];
  const position = charPosition === undefined ? undefined : Buffer.byteLength(text.slice(0, Number(charPosition)));
  const truncated = /Unexpected end of JSON input|Unterminated string/.test(raw) || position === totalBytes;
  if (truncated) {
    return {
      ok: false,
      problem: 'truncated',
      message: `the JSON ends early at byte ${totalBytes} of ${totalBytes} (the document looks truncated)`,
      position: totalBytes,
    };
  }
  // Drop V8's quote of the input (`..., "<body>" is not valid JSON`): it is body content.
  const detail = raw.replace(/ in JSON at position.*$/s, '').replace(/, ".*$/s, '');
  return position === undefined
    ? { ok: false, problem: 'invalid', message: `invalid JSON: ${detail}` }
    : { ok: false, problem: 'invalid', message: `invalid JSON at byte ${position}: ${detail}`, position };
}

/**
 * The JSON document of a successful response; throws a ScanFailure explaining why there is none.
 * `what` names the document for the message, e.g. "discovery document".
 */
export function readJson(res: HttpResponse, what: string, secrets?: SecretRedactor): unknown {
  const ctx: FailureContext = { url: res.finalUrl, secrets };
  const statusProblem = statusFailure(res, what, ctx);
  if (statusProblem) throw statusProblem;
  const contentType = mediaType(res.headers['content-type']);
  const declaredJson = isJsonContentType(contentType);
  if (!declaredJson && looksLikeMarkup(res.body)) throw notJson(res, what, ctx, contentType);
  const parsed = parseJsonBody(res.body);
  if (parsed.ok) return parsed.value;
  if (!declaredJson) throw notJson(res, what, ctx, contentType);
  throw scanFailure(ctx, {
    code: 'INVALID_JSON',
    message: `${what}: ${parsed.message} from ${printableUrl(res.finalUrl, secrets)}`,
    status: res.status,
    retryable: parsed.problem === 'truncated',
    cause: parsed.problem,
  });
}

/** Like readJson, but the top level must be a JSON object (not an array, string or null). */
export function readJsonObject(res: HttpResponse, what: string, secrets?: SecretRedactor): Record<string, unknown> {
  const value = readJson(res, what, secrets);
  if (isJsonObject(value)) return value;
  throw scanFailure(
    { url: res.finalUrl, secrets },
    {
      code: 'UNEXPECTED_SHAPE',
      message: `${what}: expected a JSON object from ${printableUrl(res.finalUrl, secrets)} but got ${jsonTypeName(value)}`,
      status: res.status,
      retryable: false,
    },
  );
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** HTML, XML and other markup start with "<" (after optional whitespace or a BOM). */
function looksLikeMarkup(body: Buffer): boolean {
  return /^\uFEFF?\s*</.test(body.subarray(0, 512).toString('utf8'));
}

/** The first characters of a body, printable: control characters stripped, at most 40. */
export function bodySnippet(body: Buffer, length = SNIPPET_LENGTH): string {
  const text = body.subarray(0, length * 4).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  // eslint-disable-next-line no-control-regex
  return [...text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '')].slice(0, length).join('');
}

function notJson(res: HttpResponse, what: string, ctx: FailureContext, contentType: string): ScanFailure {
  // Markup (a login page, a proxy error) is quoted to help; anything else might be a data export
  // with personal data in it, so it is never quoted.
  const markup = looksLikeMarkup(res.body);
  const snippet = markup ? bodySnippet(res.body) : '';
  const got = contentType || 'a body without content type';
  const starts = snippet ? ` (starts with "${snippet}")` : res.body.length === 0 ? ' (empty body)' : ' (content not shown)';
  return scanFailure(ctx, {
    code: 'NOT_JSON',
    message: `${what}: expected JSON from ${printableUrl(res.finalUrl, ctx.secrets)} but got ${got}${starts}`,
    status: res.status,
    retryable: false,
    remediation: 'check the URL: an HTML page usually means a login page, a proxy error or a wrong path',
    ...(snippet ? { cause: snippet } : {}),
  });
}

/** The failure a non-2xx status stands for, or undefined for 2xx. */
export function statusFailure(res: HttpResponse, what: string, ctx: FailureContext): ScanFailure | undefined {
  const { status } = res;
  if (status >= 200 && status < 300) return undefined;
  const endpoint = printableUrl(res.finalUrl, ctx.secrets);
  if (status >= 300 && status < 400 && res.offOriginRedirect !== undefined) return offOriginFailure(res, what, ctx, endpoint);
  const fail = (code: ScanFailure['scanError']['code'], text: string, retryable: boolean, remediation?: string): ScanFailure =>
    scanFailure(ctx, {
      code,
      message: `${what}: ${endpoint} answered ${status}${text ? ` ${text}` : ''}`,
      status,
      retryable,
      ...(remediation ? { remediation } : {}),
    });
  if (status === 401) return fail('AUTH_FAILED', '(unauthorized)', false, 'check the credential configured for this target and that it has not expired');
  if (status === 403) return fail('PERMISSION_DENIED', '(forbidden)', false, 'grant the read-only permission this read needs (see the connector README)');
  if (status === 404) return fail('NOT_FOUND', '(not found)', false);
  if (status === 429) return fail('RATE_LIMITED', rateLimitText(res), true, 'lower the request rate for this target or scan again later');
  if (status >= 500) return fail('SERVER_ERROR', '(server error)', true);
  if (status >= 300 && status < 400) return fail('HTTP_STATUS', '(a redirect that was not followed)', false);
  return fail('HTTP_STATUS', '', status === 408);
}

function rateLimitText(res: HttpResponse): string {
  return res.retryAfterMs === undefined
    ? '(too many requests)'
    : `(too many requests; the server asks to wait ${Math.ceil(res.retryAfterMs / 1000)} s)`;
}

function offOriginFailure(res: HttpResponse, what: string, ctx: FailureContext, endpoint: string): ScanFailure {
  const other = hostOf(res.offOriginRedirect ?? '');
  return scanFailure(ctx, {
    code: 'REDIRECT_OFF_ORIGIN',
    message: `${what}: ${endpoint} redirects to another origin (${other}); the redirect was not followed`,
    status: res.status,
    retryable: false,
    remediation: `if ${other} belongs to the deployment, configure that URL directly`,
  });
}

function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'an unparseable location';
  }
}
