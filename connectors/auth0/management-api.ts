import type { CollectContext } from '../../src/connector.js';
import { ApiReader, type Query } from '../../src/connector-kit/api-reader.js';
import { clientCredentials, type ClientAuthentication, type TokenSource } from '../../src/connector-kit/oauth-token.js';
import type { HttpClient } from '../../src/http/types.js';
import { ScanFailure } from '../../src/model/errors.js';
import type { Auth0Endpoints, Auth0TargetConfig } from './config.js';
import { listingItems, listingTotal } from './json-read.js';

/**
 * The Management API client of one target: client-credentials tokens for the Management API
 * audience (through our HTTP client, so the target's limits and allow-list hold) and an
 * ApiReader on `https://{managementDomain}/api/v2`, which refreshes the token once on a 401.
 */
export interface ManagementApi {
  http: HttpClient;
  reader: ApiReader;
  tokens: TokenSource;
}

export function managementApi(config: Auth0TargetConfig, endpoints: Auth0Endpoints, ctx: CollectContext): ManagementApi {
  const http = ctx.http();
  const tokens = clientCredentials(
    http,
    {
      issuer: endpoints.tokenIssuer,
      tokenEndpoint: endpoints.tokenEndpoint,
      clientId: config.clientId,
      auth: clientAuthentication(config),
      parameters: { audience: endpoints.audience },
    },
    ctx.secrets,
  );
  const reader = new ApiReader({ http, baseUrl: endpoints.managementBase, auth: tokens, redactor: ctx.secrets });
  return { http, reader, tokens };
}

function clientAuthentication(config: Auth0TargetConfig): ClientAuthentication {
  if (config.privateKey !== undefined) {
    return {
      method: 'private_key_jwt',
      privateKeyPem: config.privateKey,
      ...(config.privateKeyId ? { kid: config.privateKeyId } : {}),
      ...(config.privateKeyAlg ? { alg: config.privateKeyAlg } : {}),
    };
  }
  // Auth0 machine-to-machine applications default to client_secret_post.
  return { method: 'client_secret_post', secret: config.clientSecret ?? '' };
}

export interface Listing {
  path: string;
  query?: Query;
  /** The member holding the items (`clients`, `connections`, `users`, `bindings`). */
  itemsKey: string;
  pageSize: number;
  what: string;
}

/** Pages are requested until one comes back short, the reported total is reached, or the caller stops. */
const MAX_PAGES = 1000;

/**
 * Page-based paging (`page`, `per_page`; listings that support it also ask `include_totals=true`
 * in their query — Auth0 rejects query parameters an endpoint does not define). `onPage` gets each
 * page's items and the reported total, and returns false to stop. A failure is thrown after the
 * pages already handed over, so the caller keeps them.
 */
export async function pageThrough(
  reader: ApiReader,
  listing: Listing,
  onPage: (items: unknown[], total: number | undefined) => boolean,
  start: { page: number; read: number } = { page: 0, read: 0 },
): Promise<void> {
  let read = start.read;
  for (let page = start.page; page < MAX_PAGES; page++) {
    const response = await reader.get(listing.path, { ...listing.query, page, per_page: listing.pageSize }, listing.what);
    const items = listingItems(response.json, listing.itemsKey);
    if (!items) {
      throw new ScanFailure({
        code: 'UNEXPECTED_SHAPE',
        message: `${listing.what}: page ${page} has no "${listing.itemsKey}" array`,
        endpoint: response.url.split('?')[0] ?? response.url,
        status: response.status,
        retryable: false,
      });
    }
    const total = listingTotal(response.json);
    read += items.length;
    if (!onPage(items, total)) return;
    if (items.length < listing.pageSize || (total !== undefined && read >= total)) return;
  }
}
