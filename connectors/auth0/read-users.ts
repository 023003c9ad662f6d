import type { DatasetTracker } from '../../src/connector-kit/datasets.js';
import { toScanError, type ScanError } from '../../src/model/errors.js';
import { observed, unknownObservation, type Observation } from '../../src/model/observation.js';
import type { UserStatsFacts } from '../../src/model/store-facts.js';
import { isPermissionFailure } from '../../src/connector-kit/api-reader.js';
import { createExportJob, exportLines, waitForExport, type ExportOptions } from './export-job.js';
import { stringAt } from './json-read.js';
import { pageThrough, type Listing } from './management-api.js';
import { UserStatsCounter } from '../../src/connector-kit/user-stats.js';
import { userFields, userProfile } from './map-users.js';
import { notGranted, type SectionContext } from './read-helpers.js';
import { SCOPES } from './scopes.js';

/**
 * Customer profiles. Auth0 pages through at most 1,000 users of a query, so a tenant with more
 * (above `exportThreshold`) is read through the users-export job instead; the first page read to
 * learn the total is kept and its users are skipped in the export. Profiles stream into the
 * ProfileStore as they arrive; only counts are kept besides.
 */
export interface UsersOptions {
  exportThreshold: number;
  exportOptions: Omit<ExportOptions, 'limit'>;
  maxRecords?: number;
  progress(done: number, total?: number): void;
}

/** Vendor maximum of `per_page` for `GET /api/v2/users`. */
const USERS_PAGE_MAX = 100;
/** Export lines are counted in pages of this many for the coverage manifest. */
const EXPORT_PAGE = 1000;
const DATASET = 'users';

interface Run {
  ctx: SectionContext;
  tracker: DatasetTracker;
  counter: UserStatsCounter;
  capped: boolean;
  total?: number;
}

export async function readUsers(ctx: SectionContext, options: UsersOptions): Promise<Observation<UserStatsFacts>> {
  const { collection } = ctx;
  if (!collection.readProfiles) {
    collection.skipProfiles(DATASET);
    return unknownObservation({ kind: 'not-observed', detail: 'profiles.read is false for this target: no user was read' });
  }
  const tracker = collection.dataset(DATASET);
  if (!ctx.allowed(SCOPES.users)) {
    tracker.stopped('not-read', `the token was not granted ${SCOPES.users}`);
    return notGranted(ctx, SCOPES.users, 'GET /api/v2/users');
  }
  const run: Run = { ctx, tracker, counter: new UserStatsCounter(), capped: false };
  const listing: Listing = {
    path: '/users',
    // Stable order, so that pages neither skip nor repeat users created during the scan.
    query: { fields: userFields(collection.consent).join(','), include_fields: true, include_totals: true, sort: 'created_at:1', search_engine: 'v3' },
    itemsKey: 'users',
    pageSize: collection.pageSize(USERS_PAGE_MAX, USERS_PAGE_MAX),
    what: 'GET /api/v2/users',
  };
  let first: unknown[] = [];
  try {
    await pageThrough(ctx.api.reader, listing, (items, total) => {
      first = items;
      run.total = total;
      tracker.total(total);
      return false;
    });
  } catch (err) {
    return firstPageFailed(run, err);
  }
  tracker.page(first.length);
  const firstIds = new Set<string>();
  for (const item of first) {
    if (!add(run, item)) break;
    const id = stringAt(item, 'user_id');
    if (id) firstIds.add(id);
  }
  options.progress(run.counter.read, run.total);
  try {
    if (run.capped) return stats(run);
    if (run.total !== undefined && run.total > options.exportThreshold) await readExport(run, firstIds, options);
    else if (first.length === listing.pageSize && (run.total === undefined || first.length < run.total)) await readPages(run, listing, first.length, options);
  } catch (err) {
    stoppedBy(run, toScanError(err));
  }
  return stats(run);
}

function add(run: Run, raw: unknown): boolean {
  const user = userProfile(raw, run.ctx.collection.consent);
  if (!user) return true;
  if (!run.ctx.collection.addProfile(user.profile, run.tracker)) {
    run.capped = true;
    return false;
  }
  run.counter.add(user.profile, user.identities);
  return true;
}

async function readPages(run: Run, listing: Listing, alreadyRead: number, options: UsersOptions): Promise<void> {
  await pageThrough(
    run.ctx.api.reader,
    listing,
    (items, total) => {
      run.tracker.total(total);
      run.tracker.page(items.length);
      for (const item of items) if (!add(run, item)) return false;
      options.progress(run.counter.read, run.total);
      return true;
    },
    { page: 1, read: alreadyRead },
  );
}

async function readExport(run: Run, firstIds: Set<string>, options: UsersOptions): Promise<void> {
  const exportOptions: ExportOptions = { ...options.exportOptions, ...(options.maxRecords !== undefined ? { limit: options.maxRecords } : {}) };
  const reader = run.ctx.api.reader;
  const jobId = await createExportJob(reader, exportOptions.limit, userFields(run.ctx.collection.consent));
  const location = await waitForExport(reader, jobId, exportOptions);
  let batch = 0;
  let unreadable = 0;
  for await (const line of exportLines(reader, run.ctx.api.http, jobId, location, exportOptions)) {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      unreadable++;
      continue;
    }
    const id = stringAt(raw, 'user_id');
    if (id !== undefined && firstIds.delete(id)) continue; // already read on the first page
    if (!add(run, raw)) break;
    if (++batch === EXPORT_PAGE) {
      run.tracker.page(batch);
      batch = 0;
      options.progress(run.counter.read, run.total);
    }
  }
  if (batch) run.tracker.page(batch);
  if (unreadable) {
    stoppedBy(run, { code: 'INVALID_JSON', message: `${unreadable} line(s) of the users export are not JSON and were skipped`, endpoint: 'users-export download', retryable: false });
  }
}

/** A failure after users were read: keep them, mark the dataset partial, record the error. */
function stoppedBy(run: Run, error: ScanError): void {
  run.ctx.collection.errors.push(error);
  run.tracker.failed(error);
}

function firstPageFailed(run: Run, err: unknown): Observation<UserStatsFacts> {
  const error = toScanError(err);
  run.tracker.failed(error);
  if (isPermissionFailure(err)) {
    run.ctx.collection.missingPermissions.add(SCOPES.users);
    return unknownObservation({
      kind: 'no-permission',
      permission: SCOPES.users,
      detail: `GET /api/v2/users: access denied (HTTP ${error.status ?? '?'})`,
      remediation: `grant ${SCOPES.users} to the scanner's machine-to-machine application`,
      error,
    });
  }
  run.ctx.collection.errors.push(error);
  return unknownObservation({ kind: 'collection-error', detail: `GET /api/v2/users: ${error.code}: ${error.message}`, error });
}

function stats(run: Run): Observation<UserStatsFacts> {
  return observed(run.counter.facts(run.total));
}
