import { ScanFailure } from '../../src/model/errors.js';
import type { RawContactPage } from './raw.js';

/**
 * Cursor paging of the contacts list (`paging.next.after`), HubSpot's only way through all
 * contacts: the search endpoint stops at 10,000 results. A cursor that comes back a second time
 * would loop forever; it stops the paging with an error and the pages read are kept.
 */
export interface PageSource {
  page(limit: number, after: string | undefined): Promise<RawContactPage>;
}

export interface PagingPlan {
  pageSize: number;
  /** Records still wanted (maxRecords minus read); undefined: no cap. */
  remaining(): number | undefined;
}

export type PagingEnd = { kind: 'done' } | { kind: 'capped' };

/** Calls `sink` with every page, in order; resolves with why it stopped, rejects with the failure that stopped it. */
export async function pageContacts(source: PageSource, plan: PagingPlan, sink: (page: RawContactPage) => void): Promise<PagingEnd> {
  const cursors = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const remaining = plan.remaining();
    if (remaining !== undefined && remaining <= 0) return { kind: 'capped' };
    // The last page asks only for what the cap still allows: no record is read that is not kept.
    const limit = remaining === undefined ? plan.pageSize : Math.min(plan.pageSize, remaining);
    const page = await source.page(limit, after);
    sink(page);
    if (!page.after) return { kind: 'done' };
    if (cursors.has(page.after)) throw cursorLoop(cursors.size + 1);
    cursors.add(page.after);
    after = page.after;
  }
}

function cursorLoop(pages: number): ScanFailure {
  return new ScanFailure({
    code: 'UNEXPECTED_SHAPE',
    message: `contacts list: page ${pages} returned a paging cursor (paging.next.after) already returned before; paging stopped instead of looping`,
    retryable: true,
    remediation: 'a HubSpot-side paging fault or a proxy caching answers; scan again later — the pages read so far are kept',
  });
}
