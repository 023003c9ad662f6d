import type { ApiReader, Query } from '../../src/connector-kit/api-reader.js';
import { ScanFailure } from '../../src/model/errors.js';
import { isObject, type Json, str } from './json.js';
import { expectArray } from './sections.js';

/**
 * Offset paging (`first`/`max`) through a user list, one page at a time: each page is handed to
 * `onPage` and dropped, never accumulated. While one page is processed the next is already asked
 * for (two requests in flight at most, the connector's default concurrency). A server that answers
 * the same page again (paging parameters ignored) is a coded error, not an endless loop.
 * `onPage` returns false to stop early (a configured cap).
 */
export async function pageThrough(
  api: ApiReader,
  path: string,
  query: Query,
  pageSize: number,
  what: string,
  onPage: (items: Json[]) => Promise<boolean> | boolean,
  /** False when the caller already knows it will stop after this page (no prefetch then). */
  wantMore: () => boolean = () => true,
): Promise<void> {
  const fetchPage = (first: number): Promise<Json[]> => {
    const page = api.get(path, { ...query, first, max: pageSize }, what).then((r) => expectArray(r.json, what, api.url(path)).filter(isObject));
    // A prefetched page that fails while the previous one is processed must not be an unhandled rejection.
    page.catch(() => undefined);
    return page;
  };
  let first = 0;
  let previousFirstId: string | undefined;
  let pending: Promise<Json[]> | undefined = fetchPage(0);
  try {
    while (pending) {
      const page: Json[] = await pending;
      pending = undefined;
      const firstId = str(page[0]?.id);
      if (first > 0 && firstId !== undefined && firstId === previousFirstId) {
        throw new ScanFailure({
          code: 'UNEXPECTED_SHAPE',
          message: `${what}: the server answered the same page for first=${first} as for the previous one (paging parameters ignored)`,
          endpoint: api.url(path),
          retryable: false,
        });
      }
      previousFirstId = firstId;
      if (page.length >= pageSize && wantMore()) pending = fetchPage(first + pageSize);
      if (!(await onPage(page))) return;
      first += pageSize;
    }
  } finally {
    // Leave nothing in flight when the caller stops early or fails: collect() returns a settled scan.
    if (pending) await pending.catch(() => undefined);
  }
}
