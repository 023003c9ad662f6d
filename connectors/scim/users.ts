import type { CollectContext } from '../../src/connector.js';
import type { DatasetTracker } from '../../src/connector-kit/datasets.js';
import type { StoreCollection } from '../../src/connector-kit/store-collection.js';
import { toScanError, type ScanError } from '../../src/model/errors.js';
import type { UnknownReason } from '../../src/model/observation.js';
import type { PagingPlan } from './interpret.js';
import { countProfile, listPage, newTally, scimConsent, scimUserToProfile, userAttributes, type ListPage, type ScimConsent, type UserTally } from './interpret-users.js';
import { pageByCursor, pageByIndex } from './paging.js';
import { PERMISSION } from './permissions.js';
import type { UsersRaw } from './raw.js';
import type { ScimReader } from './reader.js';
import { isRefusal, recordRefusal } from './refusals.js';

export interface UsersInput {
  reader: ScimReader;
  collection: StoreCollection;
  plan: PagingPlan;
  /** The operator's profiles.maxRecords: paging stops as soon as it is reached, not one page later. */
  maxRecords?: number | undefined;
  progress: CollectContext['progress'];
}

/**
 * Stream every user into the profile store, page by page (no page is kept). First a count-only
 * read (`count=0`, RFC 7644 §3.4.2.4) checks that the credential may list users before any
 * personal data moves, and gives the total. A failure mid-paging keeps the users already read and
 * marks the dataset partial.
 */
export async function readUsers(input: UsersInput): Promise<UsersRaw> {
  const { reader, collection } = input;
  const tracker = collection.dataset('users');
  const check = await countCheck(reader);
  if (check.refused) return refused(collection, tracker, check.refused);
  tracker.total(check.total);

  const tally = newTally();
  const consent = scimConsent(collection.consent);
  const attributes = userAttributes(collection.consent);
  let listed = 0;
  const consume = (page: ListPage): boolean => {
    if (page.totalResults !== undefined) tracker.total(page.totalResults);
    listed += page.resources.length;
    const open = addPage(page, tally, collection, tracker, consent);
    input.progress('users', { done: tally.read, ...(tracker.reportedTotal !== undefined ? { total: tracker.reportedTotal } : {}) });
    if (!open || input.maxRecords === undefined || collection.profiles.size < input.maxRecords) return open;
    const more = page.nextCursor !== undefined || (tracker.reportedTotal !== undefined && listed < tracker.reportedTotal);
    if (more) tracker.stopped('partial', `stopped at maxRecords ${input.maxRecords}`);
    return false;
  };
  try {
    if (input.plan.method === 'cursor') await pageByCursor(reader, input.plan.count, attributes, consume);
    else await pageByIndex(reader, input.plan.count, attributes, consume);
  } catch (err) {
    const error = toScanError(err, reader.printable('/Users'));
    tracker.failed(error);
    if (isRefusal(error)) recordRefusal(collection, error, PERMISSION.users);
    if (error.code !== 'AUTH_FAILED' || !collection.errors.some((e) => e.code === 'AUTH_FAILED')) collection.errors.push(error);
  }
  if (tally.withoutId > 0) {
    collection.errors.push({
      code: 'UNEXPECTED_SHAPE',
      message: `users: ${tally.withoutId} listed user record(s) had no id (RFC 7643 §3.1) and were skipped`,
      endpoint: reader.printable('/Users'),
      retryable: false,
    });
  }
  return { state: 'read', ...(tracker.reportedTotal !== undefined ? { reportedTotal: tracker.reportedTotal } : {}), tally };
}

/** Map and store one page; false once the operator's maxRecords is reached. */
function addPage(page: ListPage, tally: UserTally, collection: StoreCollection, tracker: DatasetTracker, consent: ScimConsent | undefined): boolean {
  let added = 0;
  let open = true;
  for (const resource of page.resources) {
    const profile = scimUserToProfile(resource, consent);
    if (!profile) {
      tally.withoutId += 1;
      continue;
    }
    if (!collection.addProfile(profile, tracker)) {
      open = false;
      break;
    }
    countProfile(tally, profile);
    added += 1;
  }
  tracker.page(added);
  return open;
}

/**
 * `GET /Users?count=0&attributes=id`: no user leaves the provider. Only a refusal stops here; a
 * provider that rejects count=0 (or fails) gets the first page asked for anyway, which then
 * reports its own error.
 */
async function countCheck(reader: ScimReader): Promise<{ total?: number; refused?: ScanError }> {
  try {
    const page = listPage(await reader.readObject('/Users', { count: 0, attributes: 'id' }, 'user count'));
    return 'problem' in page || page.totalResults === undefined ? {} : { total: page.totalResults };
  } catch (err) {
    const error = toScanError(err, reader.printable('/Users'));
    return isRefusal(error) ? { refused: error } : {};
  }
}

function refused(collection: StoreCollection, tracker: DatasetTracker, error: ScanError): UsersRaw {
  recordRefusal(collection, error, PERMISSION.users);
  tracker.stopped('not-read', `${error.code}: ${error.message}`);
  const rejected = error.code === 'AUTH_FAILED';
  const reason: UnknownReason = {
    kind: 'no-permission',
    detail: `users: the credential was ${rejected ? 'rejected' : 'denied access'} (HTTP ${error.status ?? '?'})`,
    permission: PERMISSION.users,
    remediation: rejected ? 'check the SCIM credential configured for this target' : `grant the scanner's credential ${PERMISSION.users}`,
    error,
  };
  return { state: 'not-read', reason };
}
