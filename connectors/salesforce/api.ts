import type { Connection } from 'jsforce';
import { HttpApi } from 'jsforce/lib/http-api.js';
import { ScanFailure } from '../../src/model/errors.js';
import { redactUrl } from '../../src/privacy/redact.js';
import { isObject, type JsonObject } from './json.js';

/**
 * The REST and Bulk API 2.0 reads this connector makes, through jsforce's Connection (URL building,
 * Authorization header, JSON parsing) over our transport. Answers are returned as untyped JSON for
 * interpret.ts; only the shape needed to go on paging is checked here.
 * REST resources: https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_list.htm
 * Bulk API 2.0 query: https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/queries.htm
 */
export interface QueryPage {
  totalSize?: number;
  done: boolean;
  records: JsonObject[];
  nextRecordsUrl?: string;
}

export interface ResultsPage {
  csv: string;
  /** The next locator; undefined at the end (Salesforce sends the string "null"). */
  locator?: string;
  /** Sforce-NumberOfRecords of this set. */
  records?: number;
}

export class SalesforceApi {
  readonly #conn: Connection;

  constructor(conn: Connection) {
    this.#conn = conn;
  }

  get version(): string {
    return this.#conn.version;
  }

  /** `GET /services/data/`: the API versions the org serves. */
  async versions(): Promise<unknown> {
    return this.#get(`${this.#conn.instanceUrl}/services/data/`, 'API versions');
  }

  useVersion(version: string): void {
    this.#conn.version = version;
  }

  async limits(): Promise<unknown> {
    return this.#get('/limits', 'org limits');
  }

  async describe(object: string): Promise<JsonObject> {
    return this.#object(await this.#get(`/sobjects/${encodeURIComponent(object)}/describe`, `describe ${object}`), `describe ${object}`);
  }

  /** One page of a SOQL query; `batchSize` (200–2000) goes in the Sforce-Query-Options header. */
  async query(soql: string, batchSize?: number): Promise<QueryPage> {
    const headers: Record<string, string> = batchSize ? { 'Sforce-Query-Options': `batchSize=${batchSize}` } : {};
    const answer = await this.#conn.request({ method: 'GET', url: `/query?q=${encodeURIComponent(soql)}`, headers });
    return queryPage(parsed(answer), 'SOQL query');
  }

  /** The next page (queryMore): only a relative `/services/data/…/query/…` locator URL is followed. */
  async queryMore(nextRecordsUrl: string, batchSize?: number): Promise<QueryPage> {
    if (!/^\/services\/data\/v\d+\.\d+\/query\/[A-Za-z0-9-]+$/.test(nextRecordsUrl)) {
      throw new ScanFailure({
        code: 'UNEXPECTED_SHAPE',
        message: `SOQL query: nextRecordsUrl ${redactUrl(nextRecordsUrl).slice(0, 120)} is not a query locator of this org; paging stopped`,
        retryable: false,
      });
    }
    const headers: Record<string, string> = batchSize ? { 'Sforce-Query-Options': `batchSize=${batchSize}` } : {};
    const answer = await this.#conn.request({ method: 'GET', url: nextRecordsUrl, headers });
    return queryPage(parsed(answer), 'SOQL queryMore');
  }

  /** `SELECT COUNT() FROM …`: the count is the totalSize. */
  async count(soql: string): Promise<number> {
    const page = await this.query(soql);
    if (page.totalSize === undefined) throw shape('SOQL COUNT()', 'no totalSize');
    return page.totalSize;
  }

  /** Bulk API 2.0: create a query job (a documented read-only POST). */
  async createQueryJob(soql: string): Promise<JsonObject> {
    const answer = await this.#conn.request({
      method: 'POST',
      url: '/jobs/query',
      body: JSON.stringify({ operation: 'query', query: soql }),
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
    return this.#object(parsed(answer), 'Bulk API 2.0 query job');
  }

  async queryJob(id: string): Promise<JsonObject> {
    return this.#object(await this.#get(`/jobs/query/${encodeURIComponent(id)}`, 'Bulk API 2.0 query job'), 'Bulk API 2.0 query job');
  }

  /** One set of results (CSV); HttpApi is used directly because the locator is a response header. */
  async queryResults(id: string, maxRecords: number, locator: string | undefined): Promise<ResultsPage> {
    const api = new HttpApi(this.#conn, { responseType: 'text/plain' });
    let headers: Record<string, string> = {};
    api.on('response', (response: { headers?: Record<string, string> }) => {
      headers = response.headers ?? {};
    });
    const query = new URLSearchParams({ maxRecords: String(maxRecords), ...(locator ? { locator } : {}) });
    const url = `${this.#conn.instanceUrl}/services/data/v${this.#conn.version}/jobs/query/${encodeURIComponent(id)}/results?${query.toString()}`;
    const body: unknown = await api.request({ method: 'GET', url, headers: { Accept: 'text/csv' } });
    const next = headers['sforce-locator'];
    const count = Number(headers['sforce-numberofrecords']);
    return {
      csv: typeof body === 'string' ? body : '',
      ...(next && next !== 'null' ? { locator: next } : {}),
      ...(Number.isFinite(count) && headers['sforce-numberofrecords'] !== undefined ? { records: count } : {}),
    };
  }

  async #get(url: string, what: string): Promise<unknown> {
    return parsed(await this.#conn.request({ method: 'GET', url }), what);
  }

  #object(value: unknown, what: string): JsonObject {
    if (!isObject(value)) throw shape(what, 'expected a JSON object');
    return value;
  }
}

/** jsforce parses `application/json` bodies; anything else arrives as text (already checked to be JSON). */
function parsed(answer: unknown, what = 'answer'): unknown {
  if (typeof answer !== 'string') return answer;
  try {
    return JSON.parse(answer) as unknown;
  } catch {
    throw shape(what, 'the body is not JSON');
  }
}

function queryPage(value: unknown, what: string): QueryPage {
  if (!isObject(value) || !Array.isArray(value.records)) throw shape(what, 'expected a query result with records[]');
  const page: QueryPage = { done: value.done !== false, records: value.records.filter(isObject) };
  if (typeof value.totalSize === 'number') page.totalSize = value.totalSize;
  if (typeof value.nextRecordsUrl === 'string' && value.done === false) page.nextRecordsUrl = value.nextRecordsUrl;
  return page;
}

function shape(what: string, detail: string): ScanFailure {
  return new ScanFailure({ code: 'UNEXPECTED_SHAPE', message: `${what}: ${detail}`, retryable: false });
}
