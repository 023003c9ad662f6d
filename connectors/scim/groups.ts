import type { StoreCollection } from '../../src/connector-kit/store-collection.js';
import { toScanError } from '../../src/model/errors.js';
import { listPage } from './interpret-users.js';
import { unexpected } from './paging.js';
import { PERMISSION } from './permissions.js';
import type { ScimReader } from './reader.js';
import { isRefusal, recordRefusal } from './refusals.js';

/**
 * The number of groups, from `GET /Groups?count=0` (RFC 7644 §3.4.2.4: totals only, no resources).
 * No group, name or membership is read. IdentityStoreFacts has no place for it yet, so the count
 * lives in the `groups` dataset's coverage (total, zero records).
 */
export async function countGroups(reader: ScimReader, collection: StoreCollection, groupsListed: boolean | undefined): Promise<void> {
  const tracker = collection.dataset('groups');
  if (groupsListed === false) {
    tracker.stopped('not-applicable', 'the provider lists no Group resource type in /ResourceTypes');
    return;
  }
  try {
    const page = listPage(await reader.readObject('/Groups', { count: 0 }, 'group count'));
    if ('problem' in page) throw unexpected(reader, { count: 0 }, page.problem, '/Groups');
    if (page.totalResults === undefined) throw unexpected(reader, { count: 0 }, 'the ListResponse has no totalResults', '/Groups');
    tracker.total(page.totalResults);
    tracker.stopped('complete', 'counted only (count=0): no group or membership is read');
  } catch (err) {
    const error = toScanError(err, reader.printable('/Groups'));
    if (isRefusal(error)) {
      recordRefusal(collection, error, PERMISSION.groups);
      tracker.stopped('not-read', `${error.code}: ${error.message}`);
    } else if (error.code === 'NOT_FOUND') {
      tracker.stopped('not-applicable', 'the provider has no /Groups endpoint (HTTP 404)');
    } else {
      collection.errors.push(error);
      tracker.failed(error);
    }
  }
}
