import { ApiReader } from '../../src/connector-kit/api-reader.js';
import { isJsonObject } from '../../src/http/json.js';
import type { HttpClient } from '../../src/http/types.js';
import { ScanFailure, toScanError, type ScanError } from '../../src/model/errors.js';
import type { Redactor } from '../../src/privacy/redact.js';
import type { RawTokenInfo } from './raw.js';

/**
 * Which scopes the private-app token holds, before anything else is read: HubSpot's
 * "private app access token info" endpoint, `POST /oauth/v2/private-apps/get/access-token-info`
 * with `{"tokenKey": "<token>"}` → `{userId, hubId, appId, scopes}` (documented on the private-apps
 * page, https://developers.hubspot.com/docs/api/private-apps; it needs no scope itself). The token
 * travels in the body to the same host that already receives it in the Authorization header (which
 * EU tokens require there too). The SDK has no method for this endpoint, so it is read through our
 * ApiReader. When it does not answer (an OAuth token, a proxy, a simulator), the scan falls back to
 * reading every section and naming the scope from each 403.
 */
export const TOKEN_INFO_PATH = '/oauth/v2/private-apps/get/access-token-info';

export type TokenInfoResult = { ok: true; info: RawTokenInfo } | { ok: false; error: ScanError };

export async function readTokenInfo(http: HttpClient, basePath: string, accessToken: string, redactor: Redactor): Promise<TokenInfoResult> {
  const reader = new ApiReader({ http, baseUrl: basePath, auth: { authorization: `Bearer ${accessToken}` }, redactor });
  try {
    const { json } = await reader.post(TOKEN_INFO_PATH, { tokenKey: accessToken }, 'private-app token info');
    return { ok: true, info: parseTokenInfo(json) };
  } catch (err) {
    return { ok: false, error: toScanError(err, redactor.redact(`${basePath}${TOKEN_INFO_PATH}`)) };
  }
}

/** Pure: the scopes list is required; the ids are kept only as numbers. */
export function parseTokenInfo(json: unknown): RawTokenInfo {
  if (!isJsonObject(json) || !Array.isArray(json.scopes) || !json.scopes.every((s) => typeof s === 'string')) {
    throw new ScanFailure({ code: 'UNEXPECTED_SHAPE', message: 'private-app token info: no scopes list in the answer', retryable: false });
  }
  return {
    scopes: json.scopes,
    ...(typeof json.hubId === 'number' ? { hubId: json.hubId } : {}),
    ...(typeof json.appId === 'number' ? { appId: json.appId } : {}),
  };
}
