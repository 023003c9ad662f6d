/**
 * The simulated Salesforce REST API: versions, limits, describe, SOQL query / queryMore, Bulk API
 * 2.0 query jobs, and the OAuth token endpoint (client credentials and JWT bearer), with the org's
 * DailyApiRequests allocation counted on every API call and enforced with 403
 * REQUEST_LIMIT_EXCEEDED, as Salesforce does (no Retry-After: the allocation is rolling 24 h).
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CountCache, pageAt, Positions, recordSource, type CrmContacts, type RecordPredicate, type RecordSource } from './dataset.js';
import { BodyTooLarge, bearerToken, readBody, sendJson, write } from './http.js';
import {
  describeObject,
  duplicateRuleRows,
  isLead,
  ORG_ID,
  OWNER_ID,
  salesforceObjects,
  salesforceRow,
  sfDate,
  STANDARD_DUPLICATE_RULES,
  to18,
  type DuplicateRuleSeed,
  type SfObject,
  type SfRow,
} from './salesforce-model.js';
import { parseSoql, SoqlError, type SoqlQuery } from './soql.js';

export interface SalesforceOptions {
  contacts: CrmContacts;
  linkField?: string;
  duplicateRules?: DuplicateRuleSeed[];
  dailyApiRequests?: number;
  personAccounts?: boolean;
}

export const DEFAULT_DAILY_API_REQUESTS = 100_000;
const DEFAULT_BATCH = 2_000;
const MIN_BATCH = 200;
const MAX_BATCH = 2_000;
/** Rows per Bulk API 2.0 result set when the client does not pass maxRecords. */
const DEFAULT_BULK_PAGE = 100_000;
const CSV_CHUNK = 1_000;

/** Release names of the API versions `GET /services/data/` lists. */
const VERSIONS: Array<[string, string]> = [
  ['58.0', "Summer '23"],
  ['59.0', "Winter '24"],
  ['60.0', "Spring '24"],
  ['61.0', "Summer '24"],
  ['62.0', "Winter '25"],
  ['63.0', "Spring '25"],
  ['64.0', "Summer '25"],
  ['65.0', "Winter '26"],
  ['66.0', "Spring '26"],
];

type SfError = Array<{ message: string; errorCode: string; fields?: string[] }>;

const error = (errorCode: string, message: string): SfError => [{ message, errorCode }];

/** One filtered listing of rows (a query or a bulk job): its size and its pages. */
interface Listing {
  total(): Promise<number>;
  page(ordinal: number, want: number): Promise<SfRow[]>;
}

interface QueryCursor {
  listing: Listing;
  query: SoqlQuery;
  batchSize: number;
  version: string;
  lastUsed: number;
}

interface BulkJob {
  id: string;
  query: SoqlQuery;
  listing: Listing;
  operation: 'query' | 'queryAll';
  version: string;
  createdDate: string;
  systemModstamp: string;
  state: 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted';
  polls: number;
  lineEnding: 'LF' | 'CRLF';
  columnDelimiter: keyof typeof DELIMITERS;
  numberRecordsProcessed: number;
}

const DELIMITERS = { COMMA: ',', TAB: '\t', PIPE: '|', SEMICOLON: ';', CARET: '^', BACKQUOTE: '`' } as const;

export class SalesforceApi {
  readonly #source: RecordSource;
  readonly #options: SalesforceOptions;
  readonly #objects: Map<string, SfObject>;
  readonly #counts: CountCache;
  readonly #cursors = new Map<string, QueryCursor>();
  readonly #jobs = new Map<string, BulkJob>();
  readonly #max: number;
  readonly #signingKey = randomBytes(32);
  #used = 0;
  #serial = 0;

  constructor(
    options: SalesforceOptions,
    private readonly auth: { token?: string; issuedToken: string },
  ) {
    this.#options = options;
    this.#source = recordSource(options.contacts);
    this.#objects = salesforceObjects(options);
    this.#counts = new CountCache(this.#source);
    this.#max = options.dailyApiRequests ?? DEFAULT_DAILY_API_REQUESTS;
  }

  /** API calls counted so far (the DailyApiRequests used). */
  get apiRequests(): number {
    return this.#used;
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL, origin: string): Promise<void> {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    if (path === '/services/oauth2/token') {
      if (method !== 'POST') return sendJson(res, 405, { error: 'invalid_request', error_description: 'must use HTTP POST' });
      return this.#token(req, res, origin);
    }
    if (path === '/services/data') {
      if (method !== 'GET') return this.#methodNotAllowed(res, method, 'GET,HEAD');
      return sendJson(res, 200, VERSIONS.map(([version, label]) => ({ label, url: `/services/data/v${version}`, version })));
    }
    const identity = /^\/id\/([^/]+)\/([^/]+)$/.exec(path);
    const versioned = /^\/services\/data\/v(\d+\.\d+)(\/.*)?$/.exec(path);
    if (!versioned && !identity) return sendJson(res, 404, error('NOT_FOUND', 'The requested resource does not exist'));
    if (!this.#authorized(req)) {
      return sendJson(res, 401, error('INVALID_SESSION_ID', 'Session expired or invalid'), { 'WWW-Authenticate': 'Token' });
    }
    if (identity) return this.#identity(res, origin);
    // Every API call counts against the org's rolling 24-hour allocation; beyond it, 403.
    if (this.#used >= this.#max) {
      return sendJson(res, 403, error('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'), this.#limitInfo());
    }
    this.#used += 1;
    const version = versioned?.[1] ?? '62.0';
    const rest = versioned?.[2] ?? '/';
    const headers = this.#limitInfo();
    try {
      await this.#route(req, res, url, method, version, rest, headers);
    } catch (caught) {
      if (caught instanceof SoqlError) return sendJson(res, 400, error(caught.errorCode, caught.message), headers);
      if (caught instanceof BodyTooLarge) return sendJson(res, 413, error('REQUEST_ENTITY_TOO_LARGE', caught.message), headers);
      throw caught;
    }
  }

  #limitInfo(): Record<string, string> {
    return { 'Sforce-Limit-Info': `api-usage=${this.#used}/${this.#max}` };
  }

  #authorized(req: IncomingMessage): boolean {
    const token = bearerToken(req, ['bearer', 'oauth']);
    if (token === undefined) return false;
    return this.auth.token === undefined || token === this.auth.token;
  }

  #methodNotAllowed(res: ServerResponse, method: string, allowed: string, headers: Record<string, string> = {}): void {
    sendJson(res, 405, error('METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${allowed}`), { ...headers, Allow: allowed });
  }

  async #route(req: IncomingMessage, res: ServerResponse, url: URL, method: string, version: string, rest: string, headers: Record<string, string>): Promise<void> {
    const get = (handler: () => Promise<void> | void): Promise<void> | void => (method === 'GET' ? handler() : this.#methodNotAllowed(res, method, 'GET,HEAD', headers));
    if (rest === '/') {
      const base = `/services/data/v${version}`;
      return get(() =>
        sendJson(res, 200, { sobjects: `${base}/sobjects`, query: `${base}/query`, queryAll: `${base}/queryAll`, limits: `${base}/limits`, jobs: `${base}/jobs` }, headers),
      );
    }
    if (rest === '/limits') return get(() => sendJson(res, 200, this.#limits(), headers));
    if (rest === '/sobjects') return get(() => sendJson(res, 200, this.#describeGlobal(version), headers));
    const describe = /^\/sobjects\/([A-Za-z0-9_]+)\/describe$/.exec(rest);
    if (describe) {
      return get(() => {
        const object = this.#objects.get((describe[1] ?? '').toLowerCase());
        if (!object) return sendJson(res, 404, error('NOT_FOUND', `The requested resource does not exist`), headers);
        return sendJson(res, 200, describeObject(object, version), headers);
      });
    }
    if (rest === '/query' || rest === '/queryAll') return get(() => this.#query(req, res, url, version, headers));
    const more = /^\/(?:query|queryAll)\/([A-Za-z0-9]+)-(\d+)$/.exec(rest);
    if (more) return get(() => this.#queryMore(req, res, more[1] ?? '', Number(more[2]), version, headers));
    if (rest === '/jobs/query') {
      if (method === 'POST') return this.#createJob(req, res, version, headers);
      return get(() => this.#listJobs(res, headers));
    }
    const job = /^\/jobs\/query\/([A-Za-z0-9]+)(\/results)?$/.exec(rest);
    if (job) {
      const found = this.#jobs.get(job[1] ?? '');
      if (!found) return sendJson(res, 404, error('NOT_FOUND', 'The requested resource does not exist'), headers);
      if (job[2]) return get(() => this.#results(res, url, found, headers));
      if (method === 'GET') return this.#checkJob(res, found, headers);
      if (method === 'PATCH') return this.#abortJob(req, res, found, headers);
      if (method === 'DELETE') {
        this.#jobs.delete(found.id);
        res.writeHead(204, headers);
        res.end();
        return;
      }
      return this.#methodNotAllowed(res, method, 'GET,PATCH,DELETE', headers);
    }
    return sendJson(res, 404, error('NOT_FOUND', 'The requested resource does not exist'), headers);
  }

  #limits(): Record<string, { Max: number; Remaining: number }> {
    const bulkJobs = this.#jobs.size;
    return {
      ConcurrentAsyncGetReportInstances: { Max: 200, Remaining: 200 },
      DailyApiRequests: { Max: this.#max, Remaining: Math.max(0, this.#max - this.#used) },
      DailyAsyncApexExecutions: { Max: 250_000, Remaining: 250_000 },
      DailyBulkApiBatches: { Max: 15_000, Remaining: 15_000 },
      DailyBulkV2QueryFileStorageMB: { Max: 976_562, Remaining: 976_562 },
      DailyBulkV2QueryJobs: { Max: 10_000, Remaining: Math.max(0, 10_000 - bulkJobs) },
      DataStorageMB: { Max: 5, Remaining: 5 },
      FileStorageMB: { Max: 20, Remaining: 20 },
      HourlyODataCallout: { Max: 10_000, Remaining: 10_000 },
      SingleEmail: { Max: 5_000, Remaining: 5_000 },
    };
  }

  #describeGlobal(version: string): Record<string, unknown> {
    return {
      encoding: 'UTF-8',
      maxBatchSize: 200,
      sobjects: [...this.#objects.values()].map((o) => ({
        name: o.name,
        label: o.label,
        labelPlural: o.labelPlural,
        keyPrefix: o.keyPrefix,
        custom: o.custom,
        queryable: true,
        searchable: o.name !== 'DuplicateRule',
        urls: { sobject: `/services/data/v${version}/sobjects/${o.name}`, describe: `/services/data/v${version}/sobjects/${o.name}/describe` },
      })),
    };
  }

  /** The rows a parsed query reads: Contacts and Leads from the dataset, the configured duplicate rules, no Accounts or Individuals. */
  #listing(query: SoqlQuery): Listing {
    const limit = query.limit ?? Number.POSITIVE_INFINITY;
    const name = query.object.name;
    if (name === 'Contact' || name === 'Lead') {
      const wantLead = name === 'Lead';
      const field = query.notNull;
      const options = { linkField: this.#options.linkField, personAccounts: this.#options.personAccounts };
      const accept: RecordPredicate = field
        ? (record) => isLead(record) === wantLead && salesforceRow(record, options)[field] != null
        : (record) => isLead(record) === wantLead;
      const positions = new Positions();
      const key = `${name}|${field ?? ''}`;
      return {
        total: async () => Math.min(limit, await this.#counts.count(key, accept)),
        page: async (ordinal, want) => (await pageAt(this.#source, positions, ordinal, want, accept)).hits.map((hit) => salesforceRow(hit.record, options)),
      };
    }
    let rows: SfRow[] = [];
    if (name === 'DuplicateRule') rows = duplicateRuleRows(this.#options.duplicateRules ?? STANDARD_DUPLICATE_RULES);
    const field = query.notNull;
    if (field) rows = rows.filter((row) => row[field] != null);
    rows = rows.slice(0, Number.isFinite(limit) ? limit : undefined);
    return { total: () => Promise.resolve(rows.length), page: (ordinal, want) => Promise.resolve(rows.slice(ordinal, ordinal + want)) };
  }

  #batchSize(req: IncomingMessage): number | undefined {
    const header = req.headers['sforce-query-options'];
    const value = /batchSize\s*=\s*(\d+)/i.exec(Array.isArray(header) ? header.join(',') : (header ?? ''))?.[1];
    if (value === undefined) return undefined;
    return Math.min(MAX_BATCH, Math.max(MIN_BATCH, Number(value)));
  }

  async #query(req: IncomingMessage, res: ServerResponse, url: URL, version: string, headers: Record<string, string>): Promise<void> {
    const soql = url.searchParams.get('q');
    if (soql === null || soql.trim() === '') return sendJson(res, 400, error('MALFORMED_QUERY', 'A query string has to be specified'), headers);
    const query = parseSoql(soql, this.#objects);
    const listing = this.#listing(query);
    if (query.count) return sendJson(res, 200, { totalSize: await listing.total(), done: true, records: [] }, headers);
    const cursorId = this.#newId('01g');
    const cursor: QueryCursor = { listing, query, batchSize: this.#batchSize(req) ?? DEFAULT_BATCH, version, lastUsed: Date.now() };
    this.#cursors.set(cursorId, cursor);
    // Salesforce keeps a bounded number of open cursors per user; keep the newest.
    while (this.#cursors.size > 1_000) {
      const oldest = this.#cursors.keys().next().value;
      if (oldest === undefined) break;
      this.#cursors.delete(oldest);
    }
    return this.#queryPage(res, cursorId, cursor, 0, cursor.batchSize, version, headers);
  }

  async #queryMore(req: IncomingMessage, res: ServerResponse, cursorId: string, offset: number, version: string, headers: Record<string, string>): Promise<void> {
    const cursor = this.#cursors.get(cursorId);
    if (!cursor) return sendJson(res, 400, error('INVALID_QUERY_LOCATOR', 'invalid query locator'), headers);
    cursor.lastUsed = Date.now();
    return this.#queryPage(res, cursorId, cursor, offset, this.#batchSize(req) ?? cursor.batchSize, version, headers);
  }

  async #queryPage(res: ServerResponse, cursorId: string, cursor: QueryCursor, offset: number, batchSize: number, version: string, headers: Record<string, string>): Promise<void> {
    const total = await cursor.listing.total();
    if (offset > total) return sendJson(res, 400, error('INVALID_QUERY_LOCATOR', 'invalid query locator'), headers);
    const rows = await cursor.listing.page(offset, Math.min(batchSize, total - offset));
    const next = offset + rows.length;
    const done = next >= total;
    const type = cursor.query.object.name;
    const records = rows.map((row) => {
      const record: Record<string, unknown> = { attributes: { type, url: `/services/data/v${version}/sobjects/${type}/${String(row.Id)}` } };
      for (const field of cursor.query.fields) record[field] = row[field] ?? null;
      return record;
    });
    if (done) this.#cursors.delete(cursorId);
    const body: Record<string, unknown> = { totalSize: total, done };
    if (!done) body.nextRecordsUrl = `/services/data/v${version}/query/${cursorId}-${next}`;
    body.records = records;
    return sendJson(res, 200, body, headers);
  }

  // --- Bulk API 2.0 query jobs -----------------------------------------------------------------

  async #createJob(req: IncomingMessage, res: ServerResponse, version: string, headers: Record<string, string>): Promise<void> {
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(await readBody(req));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch (caught) {
      if (caught instanceof BodyTooLarge) throw caught;
      return sendJson(res, 400, error('JSON_PARSER_ERROR', 'The request body is not valid JSON'), headers);
    }
    const operation = body.operation;
    if (operation !== 'query' && operation !== 'queryAll') {
      return sendJson(res, 400, error('INVALIDJOB', `Invalid or missing operation for a query job: ${JSON.stringify(operation ?? null)}`), headers);
    }
    if (typeof body.query !== 'string' || body.query.trim() === '') return sendJson(res, 400, error('INVALIDJOB', 'A query is required'), headers);
    const lineEnding = body.lineEnding ?? 'LF';
    const columnDelimiter = body.columnDelimiter ?? 'COMMA';
    if (lineEnding !== 'LF' && lineEnding !== 'CRLF') return sendJson(res, 400, error('INVALIDJOB', `Invalid lineEnding: ${JSON.stringify(lineEnding)}`), headers);
    if (typeof columnDelimiter !== 'string' || !(columnDelimiter in DELIMITERS)) {
      return sendJson(res, 400, error('INVALIDJOB', `Invalid columnDelimiter: ${JSON.stringify(columnDelimiter)}`), headers);
    }
    if (body.contentType !== undefined && body.contentType !== 'CSV') return sendJson(res, 400, error('INVALIDJOB', 'Only CSV content is supported for query jobs'), headers);
    const query = parseSoql(body.query, this.#objects);
    if (query.count) return sendJson(res, 400, error('INVALIDJOB', 'Aggregate functions such as COUNT() are not supported by Bulk API 2.0 query jobs'), headers);
    const now = sfDate(new Date().toISOString());
    const job: BulkJob = {
      id: this.#newId('750'),
      query,
      listing: this.#listing(query),
      operation,
      version,
      createdDate: now,
      systemModstamp: now,
      state: 'UploadComplete',
      polls: 0,
      lineEnding,
      columnDelimiter: columnDelimiter as keyof typeof DELIMITERS,
      numberRecordsProcessed: 0,
    };
    this.#jobs.set(job.id, job);
    return sendJson(res, 200, this.#jobInfo(job, false), headers);
  }

  #jobInfo(job: BulkJob, full: boolean): Record<string, unknown> {
    const info: Record<string, unknown> = {
      id: job.id,
      operation: job.operation,
      object: job.query.object.name,
      createdById: OWNER_ID,
      createdDate: job.createdDate,
      systemModstamp: job.systemModstamp,
      state: job.state,
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: Number(job.version),
    };
    if (full) info.jobType = 'V2Query';
    info.lineEnding = job.lineEnding;
    info.columnDelimiter = job.columnDelimiter;
    if (full) {
      info.numberRecordsProcessed = job.numberRecordsProcessed;
      info.retries = 0;
      info.totalProcessingTime = job.state === 'JobComplete' ? 250 : 0;
      info.isPkChunkingSupported = !job.query.orderById && job.query.limit === undefined;
    }
    return info;
  }

  /** Each status check moves the job on: UploadComplete → InProgress → JobComplete. */
  async #checkJob(res: ServerResponse, job: BulkJob, headers: Record<string, string>): Promise<void> {
    job.polls += 1;
    if (job.state === 'UploadComplete') job.state = 'InProgress';
    else if (job.state === 'InProgress') {
      job.numberRecordsProcessed = await job.listing.total();
      job.state = 'JobComplete';
    }
    job.systemModstamp = sfDate(new Date().toISOString());
    return sendJson(res, 200, this.#jobInfo(job, true), headers);
  }

  async #abortJob(req: IncomingMessage, res: ServerResponse, job: BulkJob, headers: Record<string, string>): Promise<void> {
    let state: unknown;
    try {
      state = (JSON.parse(await readBody(req)) as { state?: unknown }).state;
    } catch {
      state = undefined;
    }
    if (state !== 'Aborted') return sendJson(res, 400, error('INVALIDJOBSTATE', 'Only the state Aborted can be set on a query job'), headers);
    if (job.state === 'JobComplete') return sendJson(res, 400, error('INVALIDJOBSTATE', 'Job is already complete'), headers);
    job.state = 'Aborted';
    return sendJson(res, 200, this.#jobInfo(job, false), headers);
  }

  #listJobs(res: ServerResponse, headers: Record<string, string>): void {
    sendJson(res, 200, { done: true, records: [...this.#jobs.values()].map((job) => ({ ...this.#jobInfo(job, false), jobType: 'V2Query' })), nextRecordsUrl: null }, headers);
  }

  /** One result set as CSV, streamed; Sforce-Locator names the next set ('null' after the last). */
  async #results(res: ServerResponse, url: URL, job: BulkJob, headers: Record<string, string>): Promise<void> {
    if (job.state !== 'JobComplete') {
      return sendJson(res, 400, error('INVALIDJOBSTATE', `Job ${job.id} is not complete (state ${job.state}); results are available once it is JobComplete`), headers);
    }
    const locator = url.searchParams.get('locator');
    const maxParam = url.searchParams.get('maxRecords');
    let ordinal = 0;
    if (locator !== null && locator !== '') {
      const decoded = Buffer.from(locator, 'base64').toString('utf8');
      if (!/^\d+$/.test(decoded)) return sendJson(res, 400, error('INVALIDLOCATOR', `Invalid locator: ${locator}`), headers);
      ordinal = Number(decoded);
    }
    let maxRecords = DEFAULT_BULK_PAGE;
    if (maxParam !== null) {
      if (!/^\d+$/.test(maxParam) || Number(maxParam) < 1) return sendJson(res, 400, error('INVALIDPARAMETER', `Invalid maxRecords: ${maxParam}`), headers);
      maxRecords = Number(maxParam);
    }
    const total = await job.listing.total();
    if (ordinal > total) return sendJson(res, 400, error('INVALIDLOCATOR', `Invalid locator: ${locator ?? ''}`), headers);
    const count = Math.min(maxRecords, total - ordinal);
    const next = ordinal + count;
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/csv',
      'Sforce-NumberOfRecords': String(count),
      'Sforce-Locator': next < total ? Buffer.from(String(next)).toString('base64').replace(/=+$/, '') : 'null',
    });
    const delimiter = DELIMITERS[job.columnDelimiter];
    const eol = job.lineEnding === 'CRLF' ? '\r\n' : '\n';
    const fields = job.query.fields;
    const line = (values: Array<string | boolean | null | undefined>): string => values.map(csvCell).join(delimiter) + eol;
    if (!(await write(res, line(fields)))) return;
    for (let done = 0; done < count; ) {
      const rows = await job.listing.page(ordinal + done, Math.min(CSV_CHUNK, count - done));
      if (rows.length === 0) break;
      done += rows.length;
      if (!(await write(res, rows.map((row) => line(fields.map((f) => row[f]))).join('')))) return;
    }
    res.end();
  }

  // --- OAuth ------------------------------------------------------------------------------------

  async #token(req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> {
    const params = new URLSearchParams(await readBody(req, 65_536));
    const grant = params.get('grant_type');
    if (grant === 'client_credentials') {
      let clientId = params.get('client_id');
      let clientSecret = params.get('client_secret');
      const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (basic) {
        const [id = '', ...secret] = Buffer.from(basic, 'base64').toString('utf8').split(':');
        clientId = decodeURIComponent(id);
        clientSecret = decodeURIComponent(secret.join(':'));
      }
      if (!clientId) return sendJson(res, 400, { error: 'invalid_client_id', error_description: 'client identifier invalid' });
      if (!clientSecret) return sendJson(res, 400, { error: 'invalid_client', error_description: 'invalid client credentials' });
      return sendJson(res, 200, this.#tokenResponse(origin));
    }
    if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      const claims = jwtClaims(params.get('assertion'));
      if (!claims || typeof claims.iss !== 'string' || typeof claims.sub !== 'string' || claims.aud === undefined || typeof claims.exp !== 'number') {
        return sendJson(res, 400, { error: 'invalid_grant', error_description: 'invalid assertion' });
      }
      if (claims.exp * 1000 < Date.now()) return sendJson(res, 400, { error: 'invalid_grant', error_description: 'expired JWT' });
      return sendJson(res, 200, this.#tokenResponse(origin));
    }
    return sendJson(res, 400, { error: 'unsupported_grant_type', error_description: 'grant type not supported' });
  }

  #tokenResponse(origin: string): Record<string, string> {
    const id = `${origin}/id/${ORG_ID}/${OWNER_ID}`;
    const issuedAt = String(Date.now());
    return {
      access_token: this.auth.token ?? this.auth.issuedToken,
      signature: createHmac('sha256', this.#signingKey).update(id + issuedAt).digest('base64'),
      scope: 'api',
      instance_url: origin,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
    };
  }

  #identity(res: ServerResponse, origin: string): void {
    sendJson(res, 200, {
      id: `${origin}/id/${ORG_ID}/${OWNER_ID}`,
      asserted_user: true,
      user_id: OWNER_ID,
      organization_id: ORG_ID,
      username: 'integration@ciamscan-simulator.example',
      nick_name: 'integration',
      display_name: 'Integration User',
      email: 'integration@ciamscan-simulator.example',
      email_verified: true,
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: 0,
      urls: { rest: `${origin}/services/data/v{version}/`, sobjects: `${origin}/services/data/v{version}/sobjects/`, query: `${origin}/services/data/v{version}/query/` },
    });
  }

  #newId(prefix: string): string {
    this.#serial += 1;
    return to18(`${prefix}5g${this.#serial.toString(36).toUpperCase().padStart(10, '0')}`);
  }
}

function csvCell(value: string | boolean | null | undefined): string {
  if (value === null || value === undefined) return '""';
  const text = typeof value === 'string' ? value : String(value);
  return `"${text.replace(/"/g, '""')}"`;
}

/** The payload of a compact JWS, unverified (the simulator has no client certificates). */
function jwtClaims(assertion: string | null): Record<string, unknown> | undefined {
  const parts = assertion?.split('.');
  if (parts?.length !== 3) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
