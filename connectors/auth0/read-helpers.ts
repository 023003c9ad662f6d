import type { Query } from '../../src/connector-kit/api-reader.js';
import { observe } from '../../src/connector-kit/observe.js';
import type { StoreCollection } from '../../src/connector-kit/store-collection.js';
import { toScanError } from '../../src/model/errors.js';
import { unknownObservation, type Observation } from '../../src/model/observation.js';
import { pageThrough, type Listing, type ManagementApi } from './management-api.js';
import type { Scope } from './scopes.js';

/**
 * The three ways a configuration section is read: skipped because the token lacks the scope
 * (unknown, naming it, nothing sent), one document, or a paged listing that keeps the pages it got
 * when a later page fails.
 */
export interface SectionContext {
  api: ManagementApi;
  collection: StoreCollection;
  /** Whether the token was granted a scope (true when the grants are not known). */
  allowed: (scope: Scope) => boolean;
}

export function notGranted<T>(ctx: SectionContext, scope: Scope, what: string): Observation<T> {
  ctx.collection.missingPermissions.add(scope);
  return unknownObservation({
    kind: 'no-permission',
    permission: scope,
    detail: `${what}: the token was not granted ${scope}, so it was not requested`,
    remediation: `grant ${scope} to the scanner's machine-to-machine application (Applications > APIs > Auth0 Management API > Machine to Machine Applications)`,
  });
}

/** One JSON document, mapped at once so the raw answer is not kept. */
export async function readDocument<T>(ctx: SectionContext, scope: Scope, what: string, path: string, query: Query, map: (document: unknown) => T): Promise<Observation<T>> {
  if (!ctx.allowed(scope)) return notGranted(ctx, scope, what);
  return observe(ctx.collection, what, scope, async () => map((await ctx.api.reader.get(path, query, what)).json));
}

/**
 * A paged listing mapped page by page. The dataset (when named) records pages, records and the
 * total; a failure after the first page keeps what was read, marks the dataset partial and
 * records the error; a failure on the first page makes the section unknown.
 */
export async function readListing<T>(
  ctx: SectionContext,
  scope: Scope,
  listing: Listing,
  map: (item: unknown) => T | undefined,
  dataset?: string,
): Promise<Observation<T[]>> {
  const tracker = dataset ? ctx.collection.dataset(dataset) : undefined;
  if (!ctx.allowed(scope)) {
    tracker?.stopped('not-read', `the token was not granted ${scope}`);
    return notGranted(ctx, scope, listing.what);
  }
  return observe(ctx.collection, listing.what, scope, async () => {
    const out: T[] = [];
    let pages = 0;
    try {
      await pageThrough(ctx.api.reader, listing, (items, total) => {
        pages++;
        tracker?.total(total);
        tracker?.page(items.length);
        for (const item of items) {
          const mapped = map(item);
          if (mapped !== undefined) out.push(mapped);
        }
        return true;
      });
    } catch (err) {
      const error = toScanError(err);
      tracker?.failed(error);
      if (pages === 0) throw err;
      ctx.collection.errors.push(error);
    }
    return out;
  });
}
