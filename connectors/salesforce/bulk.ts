import { setTimeout as sleep } from 'node:timers/promises';
import { ScanFailure } from '../../src/model/errors.js';
import type { SalesforceApi } from './api.js';
import { parseResultsCsv } from './csv.js';
import { num, str } from './json.js';

/**
 * Bulk API 2.0 query, driven endpoint by endpoint (not with jsforce's `bulk2.query`, which deletes
 * the job with a DELETE on any failure, polls with a 30-second default timeout, and loops on the
 * Sforce-Locator header without a guard): create the job (the one read-only POST), poll its state
 * with a growing interval until JobComplete or the configured timeout, then read the CSV result sets
 * one at a time (`maxRecords` rows each), handing each to the sink before the next is fetched.
 * A failed, aborted or timed-out job is reported and left alone: Salesforce deletes query jobs and
 * their results itself (after 7 days), and the scanner sends no PATCH or DELETE.
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_create_job.htm
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_job_results.htm
 */
export interface BulkReadOptions {
  api: SalesforceApi;
  soql: string;
  pollTimeoutMs: number;
  /** Rows per result set (the `maxRecords` parameter). */
  pageSize: number;
  signal?: AbortSignal;
  progress(message: string): void;
  /** Called with each result set's rows; return false to stop reading (a cap was reached). */
  sink(rows: Array<Record<string, string>>): boolean;
  /** Polling interval bounds (ms); tests shorten them. */
  pollIntervalMs?: { first: number; max: number };
}

export interface BulkReadResult {
  jobId: string;
  /** numberRecordsProcessed of the completed job: the total the API reports. */
  total?: number;
  pages: number;
  stopped: boolean;
}

/** Polls Salesforce expects: "a few seconds" apart at first, never more often than every 0.5 s. */
export const DEFAULT_POLL_INTERVAL = { first: 500, max: 10_000 };

export async function readBulk(options: BulkReadOptions): Promise<BulkReadResult> {
  const job = await options.api.createQueryJob(options.soql);
  const jobId = str(job, 'id');
  if (!jobId || !/^[A-Za-z0-9]{15,18}$/.test(jobId)) throw failure('UNEXPECTED_SHAPE', 'the job answer has no valid id', false);
  const total = await waitForCompletion(options, jobId);
  let locator: string | undefined;
  const seen = new Set<string>();
  let pages = 0;
  for (;;) {
    const page = await options.api.queryResults(jobId, options.pageSize, locator);
    pages += 1;
    const keepGoing = options.sink(parseResultsCsv(page.csv));
    options.progress(`Bulk API 2.0 job ${jobId}: result set ${pages}`);
    if (!keepGoing) return { jobId, ...(total !== undefined ? { total } : {}), pages, stopped: true };
    if (!page.locator) break;
    if (seen.has(page.locator)) throw failure('UNEXPECTED_SHAPE', `job ${jobId}: the Sforce-Locator leads back to a result set already read; reading stopped`, false);
    seen.add(page.locator);
    locator = page.locator;
  }
  return { jobId, ...(total !== undefined ? { total } : {}), pages, stopped: false };
}

/** Poll until JobComplete; Failed, Aborted and the timeout are coded failures. */
async function waitForCompletion(options: BulkReadOptions, jobId: string): Promise<number | undefined> {
  const bounds = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL;
  const deadline = Date.now() + options.pollTimeoutMs;
  let interval = bounds.first;
  for (;;) {
    const info = await options.api.queryJob(jobId);
    const state = str(info, 'state');
    if (state === 'JobComplete') return num(info, 'numberRecordsProcessed');
    if (state === 'Failed' || state === 'Aborted') {
      const why = str(info, 'errorMessage');
      throw failure('SERVER_ERROR', `job ${jobId} ended ${state}${why ? `: ${why.slice(0, 160)}` : ''}`, true);
    }
    if (state !== 'UploadComplete' && state !== 'InProgress') throw failure('UNEXPECTED_SHAPE', `job ${jobId}: unknown state ${String(state).slice(0, 40)}`, false);
    if (Date.now() + interval > deadline) {
      throw failure('TIMEOUT', `job ${jobId} still ${state} after ${options.pollTimeoutMs} ms; it is left to finish and expire on its own`, true);
    }
    options.progress(`Bulk API 2.0 job ${jobId}: ${state}`);
    try {
      await sleep(interval, undefined, options.signal ? { signal: options.signal } : undefined);
    } catch {
      throw failure('ABORTED', `job ${jobId}: waiting was aborted`, true);
    }
    interval = Math.min(bounds.max, interval * 2);
  }
}

function failure(code: 'UNEXPECTED_SHAPE' | 'SERVER_ERROR' | 'TIMEOUT' | 'ABORTED', detail: string, retryable: boolean): ScanFailure {
  return new ScanFailure({
    code,
    message: `Bulk API 2.0 query: ${detail}`,
    retryable,
    ...(code === 'TIMEOUT' ? { remediation: 'raise bulkPollTimeoutMs for this target, or scan when the org is less busy' } : {}),
  });
}
