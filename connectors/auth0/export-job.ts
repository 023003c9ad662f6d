import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiReader } from '../../src/connector-kit/api-reader.js';
import { statusFailure } from '../../src/http/json.js';
import type { HttpClient, HttpStreamResponse } from '../../src/http/types.js';
import { ScanFailure, isScanFailure } from '../../src/model/errors.js';
import { present, stringAt } from './json-read.js';
import { ndjsonLines } from './ndjson.js';

/**
 * The users-export job (https://auth0.com/docs/manage-users/user-migration/bulk-user-exports):
 * `POST /api/v2/jobs/users-exports` (a documented read-only POST: it only writes a file on
 * Auth0's side), poll `GET /api/v2/jobs/{id}` with backoff until `completed`, then stream the file
 * from `location` — a pre-signed URL on another host, valid for 60 s, fetched without our bearer
 * token and allowed for that one request only.
 */
export interface ExportOptions {
  /** Give up when the job has not completed after this long. */
  maxWaitMs: number;
  /** First delay between polls; doubles up to POLL_CAP_MS. */
  pollMs: number;
  /** Export at most this many users (the operator's maxRecords). */
  limit?: number;
  signal: AbortSignal;
}

const POLL_CAP_MS = 30_000;
/** A million users are a few hundred MB compressed; the download may take a while. */
const DOWNLOAD_TIMEOUT_MS = 2 * 3_600_000;
const DOWNLOAD_MAX_BYTES = 16 * 1024 ** 3;
const EXPIRED_LINK_STATUSES = new Set([401, 403, 404, 410]);

export async function createExportJob(reader: ApiReader, limit: number | undefined, fields: readonly string[]): Promise<string> {
  const what = 'POST /api/v2/jobs/users-exports';
  const body = { format: 'json', fields: fields.map((name) => ({ name })), ...(limit !== undefined ? { limit } : {}) };
  let response;
  try {
    response = await reader.post('/jobs/users-exports', body, what);
  } catch (err) {
    // A POST is not retried by the client; a 429 means nothing was created, so one more try is safe.
    if (!isScanFailure(err) || err.scanError.code !== 'RATE_LIMITED') throw err;
    response = await reader.post('/jobs/users-exports', body, what);
  }
  const id = present(stringAt(response.json, 'id'));
  if (!id) throw shapeFailure(what, 'the answer has no job id');
  return id;
}

/** Poll until the job completes; returns the download location. */
export async function waitForExport(reader: ApiReader, jobId: string, options: ExportOptions): Promise<string> {
  const what = `GET /api/v2/jobs/${jobId}`;
  const deadline = Date.now() + options.maxWaitMs;
  let delay = options.pollMs;
  for (;;) {
    await pause(Math.min(delay, Math.max(0, deadline - Date.now())), options.signal, what);
    const job = (await reader.get(`/jobs/${encodeURIComponent(jobId)}`, {}, what)).json;
    const status = stringAt(job, 'status');
    if (status === 'completed') {
      const location = present(stringAt(job, 'location'));
      if (!location) throw shapeFailure(what, 'the job completed without a location');
      return location;
    }
    if (status === 'failed') {
      throw new ScanFailure({
        code: 'SERVER_ERROR',
        message: `${what}: the users-export job failed on Auth0's side`,
        endpoint: what,
        retryable: true,
        remediation: 'scan again later; if it keeps failing, ask Auth0 support about the export job',
      });
    }
    if (Date.now() >= deadline) {
      throw new ScanFailure({
        code: 'TIMEOUT',
        message: `${what}: the users-export job was still ${status ?? 'not done'} after ${Math.round(options.maxWaitMs / 1000)} s`,
        endpoint: what,
        retryable: true,
        remediation: 'raise exportMaxWaitSeconds for this target, or scan when the tenant is quieter',
      });
    }
    delay = Math.min(Math.max(delay * 2, 100), POLL_CAP_MS);
  }
}

/**
 * Stream the export file's lines. The link expires after 60 s: when the storage host refuses it,
 * the job is read once more for a fresh link.
 */
export async function* exportLines(reader: ApiReader, http: HttpClient, jobId: string, location: string, options: ExportOptions): AsyncGenerator<string> {
  let response = await download(http, location, options.signal);
  if (!ok(response) && EXPIRED_LINK_STATUSES.has(response.status)) {
    response.body.destroy();
    const fresh = await waitForExport(reader, jobId, { ...options, pollMs: 0 });
    response = await download(http, fresh, options.signal);
  }
  if (!ok(response)) {
    response.body.destroy();
    const url = withoutQuery(response.finalUrl);
    throw statusFailure({ ...response, finalUrl: url, body: Buffer.alloc(0) }, 'users-export download', { url }) ?? shapeFailure(url, `unexpected HTTP ${response.status}`);
  }
  yield* ndjsonLines(response.body);
}

async function download(http: HttpClient, location: string, signal: AbortSignal): Promise<HttpStreamResponse> {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw shapeFailure('users-export download', 'the job location is not a URL');
  }
  if (url.protocol !== 'https:') {
    throw new ScanFailure({ code: 'UNSUPPORTED', message: `users-export download: the location is not https (${url.protocol})`, endpoint: withoutQuery(location), retryable: false });
  }
  // The one off-origin request of this connector, allowed for exactly this host, without our token.
  return http.stream({ url: location, allowHostOnce: url.hostname, headers: { Accept: 'application/gzip, application/x-ndjson, */*;q=0.1' }, timeoutMs: DOWNLOAD_TIMEOUT_MS, maxResponseBytes: DOWNLOAD_MAX_BYTES, signal });
}

function ok(response: HttpStreamResponse): boolean {
  return response.status >= 200 && response.status < 300;
}

/** A pre-signed URL's query is a credential: errors name the file, never the signature. */
function withoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return 'users-export download';
  }
}

async function pause(ms: number, signal: AbortSignal, what: string): Promise<void> {
  if (ms <= 0) return;
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    throw new ScanFailure({ code: 'ABORTED', message: `${what}: the scan was aborted while waiting for the export job`, endpoint: what, retryable: false });
  }
}

function shapeFailure(endpoint: string, detail: string): ScanFailure {
  return new ScanFailure({ code: 'UNEXPECTED_SHAPE', message: `${endpoint}: ${detail}`, endpoint, retryable: false });
}

