import { ScanFailure, toScanError } from '../../src/model/errors.js';
import { observed, unknownObservation } from '../../src/model/observation.js';
import { readBulk } from './bulk.js';
import { DEFAULT_BULK_POLL_TIMEOUT_MS, DEFAULT_BULK_THRESHOLD, DEFAULT_MAX_DAILY_API_SHARE } from './config.js';
import { LinkStatsCounter } from '../../src/connector-kit/link-stats.js';
import { profileFromRecord } from './interpret-records.js';
import { objectRead } from './permissions.js';
import { estimateCalls, refuseRead } from './quota.js';
import type { RecordObject, RecordPlan, SalesforceRaw } from './raw.js';
import { failed, noPermission, quotaBlocked, type ReadContext } from './sections.js';
import { selectRecords, selectRecordsBulk } from './soql.js';

/**
 * Records of one object (Contact or Lead), streamed into the ProfileStore page by page: REST query
 * paging (`nextRecordsUrl`, batch size 2000 — jsforce's Query would stop at maxFetch 10,000 and keep
 * every record in memory, so the loop is ours) below `bulkThreshold`, a Bulk API 2.0 query job above
 * it. Before reading, the cost is estimated and refused when it would use more than
 * `maxDailyApiShare` of the org's remaining daily API requests. A failure mid-read keeps the pages
 * read (partial) and is recorded; REQUEST_LIMIT_EXCEEDED stops the whole scan from sending more.
 */
const REST_MAX_BATCH = 2000;
const REST_MIN_BATCH = 200;
const BULK_MAX_PAGE = 10_000;
/** Status polls counted in a Bulk estimate (the interval grows, so a 10-minute job takes about 60). */
const EXPECTED_POLLS = 10;

/** Every customer object's records, and the link statistics over all of them. */
export async function collectRecords(ctx: ReadContext, raw: SalesforceRaw, plans: Partial<Record<RecordObject, RecordPlan>>): Promise<void> {
  const objects = (['Contact', 'Lead'] as const).filter((o) => raw.customerObjects.includes(o));
  if (!ctx.collection.readProfiles) {
    for (const object of objects) ctx.collection.skipProfiles(`records ${object}`);
    raw.linkStats = unknownObservation({ kind: 'not-observed', detail: 'profiles.read is false for this target: link values were not read (the link field and its COUNT() are in identityLinkFields)' });
    return;
  }
  const counter = new LinkStatsCounter();
  let attempted = false;
  for (const object of objects) {
    const plan = plans[object];
    const described = raw.describes[object];
    if (!plan) {
      ctx.collection.dataset(`records ${object}`).stopped('not-read', described.state === 'unknown' ? `the ${object} describe was not read: ${described.reason.detail}` : `${object} is not visible`);
      continue;
    }
    attempted = true;
    const total = raw.totals[object];
    raw.read[object] = await readRecords(ctx, counter, plan, total?.state === 'observed' ? total.value : undefined);
  }
  const contact = ctx.collection.dataset('records Contact').coverage();
  raw.linkStats = attempted && (counter.records > 0 || contact.state !== 'not-read')
    ? observed(counter.stats())
    : unknownObservation({ kind: 'collection-error', detail: `no records were read${contact.reason ? `: ${contact.reason}` : ''}` });
  if (counter.saturated) ctx.progress('link statistics: more distinct keys than tracked; sharedValues is a lower bound');
}

async function readRecords(ctx: ReadContext, linkStats: LinkStatsCounter, plan: RecordPlan, total: number | undefined): Promise<number> {
  const { collection, config } = ctx;
  const tracker = collection.dataset(`records ${plan.object}`);
  if (quotaBlocked(ctx, tracker, `${plan.object} records`)) return 0;
  const cap = config.profiles?.maxRecords;
  const room = cap === undefined ? undefined : Math.max(0, cap - collection.profiles.size);
  if (room === 0) {
    if (total !== undefined) tracker.total(total);
    tracker.stopped(total === 0 ? 'complete' : 'partial', `stopped at maxRecords ${cap ?? 0}`);
    return 0;
  }
  const wanted = total === undefined ? room : room === undefined ? total : Math.min(total, room);
  const bulk = total !== undefined && (wanted ?? 0) > (config.bulkThreshold ?? DEFAULT_BULK_THRESHOLD);
  const pageSize = bulk ? collection.pageSize(BULK_MAX_PAGE, BULK_MAX_PAGE) : Math.max(REST_MIN_BATCH, collection.pageSize(REST_MAX_BATCH, REST_MAX_BATCH));
  const share = config.maxDailyApiShare ?? DEFAULT_MAX_DAILY_API_SHARE;
  if (wanted !== undefined) {
    const estimate = estimateCalls(wanted, { bulk, pageSize, expectedPolls: EXPECTED_POLLS });
    const refused = refuseRead(estimate, ctx.wire.quota.remaining(), share);
    if (refused) {
      if (total !== undefined) tracker.total(total);
      tracker.stopped('not-read', `${refused}: not read — raise maxDailyApiShare, set profiles.maxRecords, or scan when more requests remain`);
      return 0;
    }
  }
  let added = 0;
  const sink = (records: unknown[]): boolean => {
    let page = 0;
    let more = true;
    for (const record of records) {
      const profile = profileFromRecord(record, plan);
      if (!profile) continue;
      if (!collection.addProfile(profile, tracker)) {
        more = false;
        break;
      }
      linkStats.add(profile.links.find((l) => l.kind === 'crm-key')?.value);
      page += 1;
    }
    tracker.page(page);
    added += page;
    ctx.progress(`${plan.object}: ${tracker.records} read${total !== undefined ? ` of ${total}` : ''}`);
    return more;
  };
  try {
    // The estimate can be wrong (no count, a totalSize that grows): REST paging also stops at the share itself.
    const remaining = ctx.wire.quota.remaining();
    const budget = remaining === undefined ? undefined : Math.max(1, Math.floor(remaining * share));
    const reported = bulk ? await readWithBulk(ctx, plan, pageSize, sink) : await readWithRest(ctx, plan, pageSize, room, sink, budget);
    // With a LIMIT, the query's totalSize is the LIMIT: the object's own count is the reported total.
    const reportedTotal = room !== undefined && total !== undefined ? total : (reported ?? total);
    if (reportedTotal !== undefined) tracker.total(reportedTotal);
    if (cap !== undefined && collection.profiles.size >= cap && reportedTotal !== undefined && tracker.records < reportedTotal) {
      tracker.stopped('partial', `stopped at maxRecords ${cap}`);
    }
  } catch (err) {
    const error = toScanError(err);
    if (total !== undefined) tracker.total(total);
    if (error.code === 'PERMISSION_DENIED' && tracker.records === 0) noPermission(ctx, tracker, `${plan.object} records`, objectRead(plan.object), error);
    else failed(ctx, tracker, `${plan.object} records`, error);
  }
  return added;
}

/** REST query + queryMore; returns the totalSize of the first page. Stops after `budget` requests. */
async function readWithRest(ctx: ReadContext, plan: RecordPlan, batchSize: number, limit: number | undefined, sink: (records: unknown[]) => boolean, budget: number | undefined): Promise<number | undefined> {
  let page = await ctx.api.query(selectRecords(plan, limit), batchSize);
  const reported = page.totalSize;
  const seen = new Set<string>();
  for (let sent = 1; ; sent += 1) {
    if (!sink(page.records) || !page.nextRecordsUrl) return reported;
    if (seen.has(page.nextRecordsUrl)) throw loop(plan.object);
    if (budget !== undefined && sent >= budget) {
      ctx.collection.dataset(`records ${plan.object}`).stopped('partial', `stopped after ${sent} requests: maxDailyApiShare of the remaining daily API requests used`);
      return reported;
    }
    seen.add(page.nextRecordsUrl);
    page = await ctx.api.queryMore(page.nextRecordsUrl, batchSize);
  }
}

async function readWithBulk(ctx: ReadContext, plan: RecordPlan, pageSize: number, sink: (records: unknown[]) => boolean): Promise<number | undefined> {
  ctx.progress(`${plan.object}: Bulk API 2.0 query job`);
  const result = await readBulk({
    api: ctx.api,
    soql: selectRecordsBulk(plan),
    pollTimeoutMs: ctx.config.bulkPollTimeoutMs ?? DEFAULT_BULK_POLL_TIMEOUT_MS,
    pageSize,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    progress: (m) => ctx.progress(m),
    sink,
  });
  return result.total;
}

function loop(object: string): ScanFailure {
  return new ScanFailure({
    code: 'UNEXPECTED_SHAPE',
    message: `${object} records: nextRecordsUrl leads back to a page already read; paging stopped`,
    retryable: false,
    remediation: 'a Salesforce-side paging fault or a proxy rewriting answers; the pages read so far are kept',
  });
}
