import { printableUrl, scanFailure, type SecretRedactor } from '../../src/http/failures.js';
import { mediaType, parseJsonBody, readJson } from '../../src/http/json.js';
import type { HttpResponse } from '../../src/http/types.js';
import type { ScanErrorCode, ScanFailure } from '../../src/model/errors.js';

/**
 * Salesforce answers, judged: a non-2xx status becomes a coded ScanFailure that keeps Salesforce's
 * `errorCode` (REST: `[{"message","errorCode"}]`, OAuth: `{"error","error_description"}`), and a 2xx
 * body that is not what was asked for (an HTML login page, truncated JSON) becomes NOT_JSON /
 * INVALID_JSON before jsforce sees it. Pure: no I/O.
 * REST status codes and error bodies: https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm
 */
export interface VendorError {
  errorCode?: string;
  message?: string;
}

/** The first error of a Salesforce REST or OAuth error body, if the body is one. */
export function vendorError(body: Buffer): VendorError {
  const parsed = parseJsonBody(body);
  if (!parsed.ok) return {};
  const first: unknown = Array.isArray(parsed.value) ? parsed.value[0] : parsed.value;
  if (typeof first !== 'object' || first === null) return {};
  const o = first as Record<string, unknown>;
  const code = typeof o.errorCode === 'string' ? o.errorCode : typeof o.error === 'string' ? o.error : undefined;
  const message = typeof o.message === 'string' ? o.message : typeof o.error_description === 'string' ? o.error_description : undefined;
  return { ...(code ? { errorCode: code } : {}), ...(message ? { message } : {}) };
}

/** The org's API request allocation (24 h) or the concurrent long-running limit is used up. */
export const REQUEST_LIMIT_EXCEEDED = 'REQUEST_LIMIT_EXCEEDED';

const OAUTH_AUTH_ERRORS = new Set(['invalid_client', 'invalid_client_id', 'invalid_grant', 'unauthorized_client', 'invalid_app_access', 'inactive_user', 'inactive_org']);

/** The ScanFailure for a non-2xx answer; `token` marks the OAuth token request. */
export function failureFor(res: HttpResponse, what: string, secrets: SecretRedactor | undefined, token = false): ScanFailure {
  const { status } = res;
  const vendor = vendorError(res.body);
  const code = vendor.errorCode;
  const endpoint = printableUrl(res.finalUrl, secrets);
  const detail = vendor.message ? `: ${vendor.message.slice(0, 160)}` : '';
  const fail = (scanCode: ScanErrorCode, retryable: boolean, remediation?: string) =>
    scanFailure(
      { url: res.finalUrl, secrets },
      {
        code: scanCode,
        message: `${what}: ${endpoint} answered ${status}${code ? ` ${code}` : ''}${detail}`,
        status,
        retryable,
        ...(code ? { cause: code } : {}),
        ...(remediation ? { remediation } : {}),
      },
    );
  if (code === REQUEST_LIMIT_EXCEEDED) {
    return fail(
      'RATE_LIMITED',
      true,
      "the org's 24-hour API request allocation (or its 25 concurrent long-running requests) is used up; nothing more is sent in this scan — scan again when Setup > System Overview shows requests remaining",
    );
  }
  if (token) {
    const authError = status === 401 || (code !== undefined && OAUTH_AUTH_ERRORS.has(code));
    return fail(authError ? 'AUTH_FAILED' : status >= 500 ? 'SERVER_ERROR' : 'HTTP_STATUS', status >= 500, 'check the connected app (consumer key, secret or certificate), that it is approved for the integration user, and the login URL');
  }
  if (status === 401) return fail('AUTH_FAILED', false, 'the access token was rejected (expired or revoked): check the credential of this target');
  if (status === 403) {
    const apiOff = code === 'API_DISABLED_FOR_ORG' || code === 'API_CURRENTLY_DISABLED';
    return fail('PERMISSION_DENIED', false, apiOff ? 'give the integration user the "API Enabled" permission (and an edition with API access)' : 'grant the read permission this call needs (see the connector README)');
  }
  if (status === 404) return fail('NOT_FOUND', false);
  if (status === 429) return fail('RATE_LIMITED', true, 'lower limits.requestsPerSecond for this target or scan again later');
  if (status >= 500) return fail('SERVER_ERROR', true);
  return fail('HTTP_STATUS', false);
}

/** A 2xx answer whose body is not the JSON that was asked for becomes NOT_JSON / INVALID_JSON. */
export function checkJsonBody(res: HttpResponse, what: string, secrets: SecretRedactor | undefined): void {
  readJson(res, what, secrets);
}

/** A 2xx answer that should be CSV (Bulk API 2.0 results) but is markup is refused. */
export function checkCsvBody(res: HttpResponse, what: string, secrets: SecretRedactor | undefined): void {
  const type = mediaType(res.headers['content-type']);
  const markup = /^\uFEFF?\s*</.test(res.body.subarray(0, 256).toString('utf8'));
  if (!markup && type !== 'text/html') return;
  throw scanFailure(
    { url: res.finalUrl, secrets },
    {
      code: 'NOT_JSON',
      message: `${what}: expected CSV from ${printableUrl(res.finalUrl, secrets)} but got ${type || 'markup'}`,
      status: res.status,
      retryable: false,
      remediation: 'an HTML page usually means a login page or a proxy error in front of the org',
    },
  );
}

/** What a request is, for messages: no query string (SOQL is long), no ids beyond the object. */
export function describeRequest(method: string, url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return `${method} request`;
  }
  if (path.endsWith('/services/oauth2/token')) return 'token request';
  const rest = path.replace(/^\/services\/data\/v\d+\.\d+/, '');
  if (rest === path) return path === '/services/data' || path === '/services/data/' ? 'API versions' : `${method} ${path}`;
  if (rest.startsWith('/sobjects/') && rest.endsWith('/describe')) return `describe ${rest.split('/')[2] ?? ''}`;
  if (rest === '/limits' || rest === '/limits/') return 'org limits';
  if (rest.startsWith('/query')) return 'SOQL query';
  if (rest.startsWith('/jobs/query')) return rest.endsWith('/results') ? 'Bulk API 2.0 query results' : 'Bulk API 2.0 query job';
  return `${method} ${rest}`;
}
