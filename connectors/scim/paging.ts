import { ScanFailure } from '../../src/model/errors.js';
import { listPage, resourceId, type ListPage } from './interpret-users.js';
import type { Query, ScimReader } from './reader.js';

/** Takes one page; returns false to stop paging (a configured cap was reached). */
export type PageConsumer = (page: ListPage) => boolean;

/** Empty pages in a row that cursor paging tolerates (a provider may filter after paging). */
const MAX_EMPTY_CURSOR_PAGES = 3;

/**
 * RFC 7644 §3.4.2.4 index paging: `startIndex` advances by the number of resources actually
 * returned (providers may return fewer than `count`) until `totalResults` is reached. A provider
 * that ignores `startIndex` or `count` would loop forever or silently repeat users, so paging stops
 * with UNEXPECTED_SHAPE when the same page comes back, a page is empty before the total is
 * reached, or the total changes (index paging over a changing set skips or repeats users).
 */
export async function pageByIndex(reader: ScimReader, count: number, attributes: string, consume: PageConsumer): Promise<void> {
  let startIndex = 1;
  let total: number | undefined;
  let previous: string | undefined;
  for (;;) {
    const query: Query = { startIndex, count, attributes };
    const page = await fetchPage(reader, query);
    const fail = (message: string) => unexpected(reader, query, message);
    if (page.totalResults === undefined) throw fail('the ListResponse has no totalResults (RFC 7644 §3.4.2 requires it)');
    if (total === undefined) total = page.totalResults;
    else if (page.totalResults !== total) {
      throw fail(`totalResults changed from ${total} to ${page.totalResults} while paging: users were added or removed mid-scan, or the provider ignores startIndex; index paging over a changing set skips or repeats users`);
    }
    // Some providers echo startIndex 0-based; one that answers a later page with the first is the hazard.
    if (startIndex > 1 && page.startIndex !== undefined && page.startIndex <= 1) throw fail(`asked for startIndex ${startIndex} and got a page starting at ${page.startIndex}: the provider ignores startIndex`);
    const fingerprint = pageFingerprint(page);
    if (fingerprint !== undefined && fingerprint === previous) throw fail(`the page at startIndex ${startIndex} repeats the previous page: the provider ignores startIndex`);
    if (page.resources.length === 0) {
      if (startIndex <= total) throw fail(`an empty page at startIndex ${startIndex} although totalResults is ${total}: the provider ignores startIndex or count`);
      return;
    }
    if (!consume(page)) return;
    startIndex += page.resources.length;
    if (startIndex > total) return;
    previous = fingerprint;
  }
}

/**
 * RFC 9865 §2 cursor paging: the first request carries an empty `cursor`, each next one the
 * `nextCursor` of the page before; a page without `nextCursor` is the last. A cursor that comes
 * back again, or a repeated page, would page forever: UNEXPECTED_SHAPE.
 */
export async function pageByCursor(reader: ScimReader, count: number, attributes: string, consume: PageConsumer): Promise<void> {
  let cursor = '';
  const seen = new Set<string>();
  let previous: string | undefined;
  let emptyRun = 0;
  for (;;) {
    const query: Query = { cursor, count, attributes };
    const page = await fetchPage(reader, query);
    const fail = (message: string) => unexpected(reader, query, message);
    const fingerprint = pageFingerprint(page);
    if (fingerprint !== undefined && fingerprint === previous) throw fail('the page repeats the previous page: the provider ignores the cursor');
    emptyRun = page.resources.length === 0 ? emptyRun + 1 : 0;
    if (emptyRun > MAX_EMPTY_CURSOR_PAGES) throw fail(`${emptyRun} empty pages in a row while nextCursor continues`);
    if (!consume(page)) return;
    const next = page.nextCursor;
    if (next === undefined) return;
    if (next === cursor || seen.has(next)) throw fail('nextCursor repeats an earlier cursor: paging would never end');
    seen.add(next);
    cursor = next;
    previous = fingerprint;
  }
}

async function fetchPage(reader: ScimReader, query: Query): Promise<ListPage> {
  const json = await reader.readObject('/Users', query, 'users page');
  const page = listPage(json);
  if ('problem' in page) throw unexpected(reader, query, page.problem);
  return page;
}

/** Ids of the first and last resource plus the length: equal for a page served twice. */
function pageFingerprint(page: ListPage): string | undefined {
  if (page.resources.length === 0) return undefined;
  return `${page.resources.length}\u0000${resourceId(page.resources[0]) ?? ''}\u0000${resourceId(page.resources.at(-1)) ?? ''}`;
}

export function unexpected(reader: ScimReader, query: Query, message: string, path: '/Users' | '/Groups' = '/Users'): ScanFailure {
  return new ScanFailure({
    code: 'UNEXPECTED_SHAPE',
    message: `${path === '/Users' ? 'users' : 'groups'}: ${message}`,
    endpoint: reader.printable(path, query),
    retryable: false,
    remediation: path === '/Users' ? "the users read so far are kept; check the provider's paging (or lower maxCount) and scan again" : "check the provider's /Groups listing",
  });
}
