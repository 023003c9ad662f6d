/**
 * The simulated HubSpot CRM v3 API: contacts list (cursor paging), contact properties, and contact
 * search (one HAS_PROPERTY / EQ filter, HubSpot's 10,000-result paging ceiling), behind HubSpot's
 * private-app rate limits: a rolling ten-second window per token and a daily allowance, reported on
 * every response in X-HubSpot-RateLimit-* headers and enforced with HubSpot's 429 body.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SyntheticRecord } from '../../synthetic/world.js';
import { CountCache, pageAt, Positions, recordSource, scanFrom, type CrmContacts, type RecordPredicate, type RecordSource } from './dataset.js';
import { BodyTooLarge, bearerToken, readBody, sendJson } from './http.js';
import { linkValue } from './salesforce-model.js';

export interface HubspotOptions {
  contacts: CrmContacts;
  linkProperty?: string;
  tenSecondLimit?: number;
  dailyLimit?: number;
}

export const DEFAULT_TEN_SECOND_LIMIT = 100;
export const DEFAULT_DAILY_LIMIT = 250_000;
const WINDOW_MS = 10_000;
const MAX_LIST_LIMIT = 100;
const MAX_SEARCH_LIMIT = 200;
/** HubSpot's search endpoints never page past 10,000 results. */
export const SEARCH_RESULT_CEILING = 10_000;
const DEFAULT_PROPERTIES = ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'];
const ALWAYS = ['createdate', 'hs_object_id', 'lastmodifieddate'];

type HsProperties = Record<string, string | null>;

interface HsProperty {
  name: string;
  label: string;
  type: 'string' | 'enumeration' | 'datetime' | 'number' | 'bool' | 'phone_number';
  fieldType: string;
  groupName: string;
  description: string;
  hasUniqueValue?: boolean;
  hubspotDefined?: boolean;
  options?: Array<{ label: string; value: string }>;
  calculated?: boolean;
}

const LIFECYCLE_STAGES = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other'];

function propertyDefinitions(linkProperty: string | undefined): HsProperty[] {
  const info = 'contactinformation';
  const bool = [
    { label: 'Yes', value: 'true' },
    { label: 'No', value: 'false' },
  ];
  const defs: HsProperty[] = [
    { name: 'email', label: 'Email', type: 'string', fieldType: 'text', groupName: info, description: "A contact's email address" },
    {
      name: 'hs_additional_emails',
      label: 'Additional email addresses',
      type: 'enumeration',
      fieldType: 'select',
      groupName: info,
      description: 'A set of additional email addresses for a contact',
      calculated: false,
    },
    { name: 'phone', label: 'Phone Number', type: 'string', fieldType: 'phonenumber', groupName: info, description: "A contact's primary phone number" },
    { name: 'mobilephone', label: 'Mobile Phone Number', type: 'string', fieldType: 'phonenumber', groupName: info, description: "A contact's mobile phone number" },
    { name: 'firstname', label: 'First Name', type: 'string', fieldType: 'text', groupName: info, description: "A contact's first name" },
    { name: 'lastname', label: 'Last Name', type: 'string', fieldType: 'text', groupName: info, description: "A contact's last name" },
    {
      name: 'lifecyclestage',
      label: 'Lifecycle Stage',
      type: 'enumeration',
      fieldType: 'radio',
      groupName: info,
      description: 'The qualification of contacts to sales readiness.',
      options: LIFECYCLE_STAGES.map((value) => ({ label: value, value })),
    },
    {
      name: 'hs_marketable_status',
      label: 'Marketing contact status',
      type: 'enumeration',
      fieldType: 'select',
      groupName: info,
      description: 'The marketing status of a contact',
      options: bool,
      calculated: true,
    },
    { name: 'hs_email_optout', label: 'Unsubscribed from all email', type: 'enumeration', fieldType: 'booleancheckbox', groupName: 'emailinformation', description: 'Indicates that the current email address has opted out of all email.', options: bool },
    { name: 'createdate', label: 'Create Date', type: 'datetime', fieldType: 'date', groupName: info, description: 'The date that a contact entered the system' },
    { name: 'lastmodifieddate', label: 'Last Modified Date', type: 'datetime', fieldType: 'date', groupName: info, description: 'Most recent timestamp of any property update for a contact.' },
    { name: 'hs_object_id', label: 'Record ID', type: 'number', fieldType: 'number', groupName: info, description: 'The unique ID for this record. This value is set automatically by HubSpot.' },
  ];
  if (linkProperty) {
    defs.push({
      name: linkProperty,
      label: linkProperty.replace(/_/g, ' '),
      type: 'string',
      fieldType: 'text',
      groupName: info,
      description: 'The subject of this contact at the identity provider',
      hasUniqueValue: true,
      hubspotDefined: false,
    });
  }
  return defs;
}

/** A synthetic record as the HubSpot contact it would be: numeric id, string property values. */
export function hubspotContact(record: SyntheticRecord, index: number, linkProperty: string | undefined): { id: string; properties: HsProperties; createdAt: string; updatedAt: string } {
  const id = /^\d+$/.test(record.localId) ? record.localId : String(index + 1);
  const createdAt = new Date(record.createdAt).toISOString();
  const updatedAt = new Date(record.updatedAt).toISOString();
  const additional = record.emails.slice(1).map((e) => e.address);
  const properties: HsProperties = {
    email: record.emails[0]?.address ?? null,
    hs_additional_emails: additional.length > 0 ? additional.join(';') : null,
    phone: record.phones[0] ?? null,
    mobilephone: record.phones[1] ?? null,
    firstname: record.given ?? null,
    lastname: record.family ?? null,
    lifecyclestage: record.lifecycle ?? 'customer',
    hs_marketable_status: String(record.marketingConsent),
    hs_email_optout: String(!record.marketingConsent),
    createdate: createdAt,
    lastmodifieddate: updatedAt,
    hs_object_id: id,
  };
  if (linkProperty) properties[linkProperty] = linkValue(record, linkProperty);
  return { id, properties, createdAt, updatedAt };
}

interface RateBucket {
  /** Times of the requests admitted in the current window (a queue: head index + array). */
  times: number[];
  head: number;
  daily: number;
}

interface SearchFilter {
  propertyName: string;
  operator: 'HAS_PROPERTY' | 'EQ';
  value?: string;
}

export class HubspotApi {
  readonly #source: RecordSource;
  readonly #options: HubspotOptions;
  readonly #properties: HsProperty[];
  readonly #names: Set<string>;
  readonly #counts: CountCache;
  readonly #searchPositions = new Map<string, Positions>();
  readonly #buckets = new Map<string, RateBucket>();
  readonly #max: number;
  readonly #dailyMax: number;

  constructor(
    options: HubspotOptions,
    private readonly auth: { token?: string },
  ) {
    this.#options = options;
    this.#source = recordSource(options.contacts);
    this.#properties = propertyDefinitions(options.linkProperty);
    this.#names = new Set(this.#properties.map((p) => p.name));
    this.#counts = new CountCache(this.#source);
    this.#max = options.tenSecondLimit ?? DEFAULT_TEN_SECOND_LIMIT;
    this.#dailyMax = options.dailyLimit ?? DEFAULT_DAILY_LIMIT;
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const correlationId = randomUUID();
    const token = bearerToken(req);
    if (token === undefined || (this.auth.token !== undefined && token !== this.auth.token)) {
      return sendJson(res, 401, {
        status: 'error',
        message: 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
        correlationId,
        category: 'INVALID_AUTHENTICATION',
      });
    }
    const now = Date.now();
    const bucket = this.#bucket(token, now);
    const inWindow = bucket.times.length - bucket.head;
    const headers = (remaining: number): Record<string, string> => ({
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(WINDOW_MS),
      'X-HubSpot-RateLimit-Max': String(this.#max),
      'X-HubSpot-RateLimit-Remaining': String(Math.max(0, remaining)),
      'X-HubSpot-RateLimit-Daily': String(this.#dailyMax),
      'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, this.#dailyMax - bucket.daily)),
    });
    if (bucket.daily >= this.#dailyMax) {
      return sendJson(res, 429, { status: 'error', message: 'You have reached your daily limit.', errorType: 'RATE_LIMIT', correlationId, policyName: 'DAILY' }, headers(this.#max - inWindow));
    }
    if (inWindow >= this.#max) {
      return sendJson(
        res,
        429,
        { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', correlationId, policyName: 'TEN_SECONDLY_ROLLING' },
        headers(0),
      );
    }
    bucket.times.push(now);
    bucket.daily += 1;
    const rate = headers(this.#max - inWindow - 1);
    try {
      await this.#route(req, res, url, correlationId, rate);
    } catch (caught) {
      if (caught instanceof BodyTooLarge) return sendJson(res, 413, { status: 'error', message: caught.message, correlationId, category: 'VALIDATION_ERROR' }, rate);
      throw caught;
    }
  }

  /** The token's bucket with requests older than the rolling window dropped. */
  #bucket(token: string, now: number): RateBucket {
    let bucket = this.#buckets.get(token);
    if (!bucket) {
      bucket = { times: [], head: 0, daily: 0 };
      this.#buckets.set(token, bucket);
    }
    while (bucket.head < bucket.times.length && (bucket.times[bucket.head] ?? 0) <= now - WINDOW_MS) bucket.head += 1;
    if (bucket.head > 1_024 && bucket.head * 2 > bucket.times.length) {
      bucket.times = bucket.times.slice(bucket.head);
      bucket.head = 0;
    }
    return bucket;
  }

  async #route(req: IncomingMessage, res: ServerResponse, url: URL, correlationId: string, headers: Record<string, string>): Promise<void> {
    const path = url.pathname.replace(/\/+$/, '');
    const method = req.method ?? 'GET';
    const invalid = (message: string, status = 400): void =>
      sendJson(res, status, { status: 'error', message, correlationId, category: 'VALIDATION_ERROR' }, headers);
    if (path === '/crm/v3/objects/contacts' || path === '/crm/v3/objects/0-1') {
      if (method !== 'GET') return invalid(`HTTP ${method} is not supported by this endpoint`, 405);
      return this.#list(res, url, invalid, headers);
    }
    if (path === '/crm/v3/objects/contacts/search' || path === '/crm/v3/objects/0-1/search') {
      if (method !== 'POST') return invalid(`HTTP ${method} is not supported by this endpoint`, 405);
      return this.#search(req, res, invalid, headers);
    }
    if (path === '/crm/v3/properties/contacts' || path === '/crm/v3/properties/0-1') {
      if (method !== 'GET') return invalid(`HTTP ${method} is not supported by this endpoint`, 405);
      return sendJson(res, 200, { results: url.searchParams.get('archived') === 'true' ? [] : this.#properties.map(describeProperty) }, headers);
    }
    return sendJson(res, 404, { status: 'error', message: `No route for ${method} ${url.pathname}`, correlationId, category: 'OBJECT_NOT_FOUND' }, headers);
  }

  /** The properties a response carries: the ones asked for (known ones, null when unset) plus the always-present three. */
  #selected(requested: string[] | undefined): string[] {
    const names = requested && requested.length > 0 ? requested.filter((name) => this.#names.has(name)) : DEFAULT_PROPERTIES;
    return [...new Set([...names, ...ALWAYS])];
  }

  #result(record: SyntheticRecord, index: number, selected: string[]): Record<string, unknown> {
    const contact = hubspotContact(record, index, this.#options.linkProperty);
    const properties: HsProperties = {};
    for (const name of selected) properties[name] = contact.properties[name] ?? null;
    return { id: contact.id, properties, createdAt: contact.createdAt, updatedAt: contact.updatedAt, archived: false };
  }

  async #list(res: ServerResponse, url: URL, invalid: (message: string) => void, headers: Record<string, string>): Promise<void> {
    const limitParam = url.searchParams.get('limit');
    const limit = limitParam === null ? 10 : Number(limitParam);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) return invalid(`limit must be an integer between 1 and ${MAX_LIST_LIMIT}, got ${limitParam ?? ''}`);
    const after = url.searchParams.get('after');
    let start = 0;
    if (after !== null && after !== '') {
      const decoded = decodeCursor(after);
      if (decoded === undefined) return invalid(`Invalid after cursor: ${after}`);
      start = decoded;
    }
    if (url.searchParams.get('archived') === 'true') return sendJson(res, 200, { results: [] }, headers);
    const requested = url.searchParams
      .getAll('properties')
      .flatMap((value) => value.split(','))
      .map((name) => name.trim())
      .filter(Boolean);
    const selected = this.#selected(requested);
    const page = await scanFrom(this.#source, start, () => true, limit);
    const body: Record<string, unknown> = { results: page.hits.map((hit) => this.#result(hit.record, hit.index, selected)) };
    // A next cursor only when another contact follows (HubSpot omits paging on the last page).
    const following = page.hits.length === limit ? await scanFrom(this.#source, page.next, () => true, 1) : undefined;
    const nextStart = following?.hits[0]?.index;
    if (nextStart !== undefined) {
      const cursor = encodeCursor(nextStart);
      body.paging = { next: { after: cursor, link: `${url.origin}/crm/v3/objects/contacts?after=${encodeURIComponent(cursor)}` } };
    }
    return sendJson(res, 200, body, headers);
  }

  async #search(req: IncomingMessage, res: ServerResponse, invalid: (message: string) => void, headers: Record<string, string>): Promise<void> {
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse((await readBody(req)) || '{}');
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch (caught) {
      if (caught instanceof BodyTooLarge) throw caught;
      return invalid('Invalid input JSON: the request body must be a JSON object');
    }
    const limit = body.limit === undefined ? 10 : body.limit;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
      return invalid(`limit must be an integer between 1 and ${MAX_SEARCH_LIMIT}`);
    }
    const afterRaw = body.after;
    const after = afterRaw === undefined || afterRaw === null || afterRaw === '' ? 0 : Number(afterRaw);
    if (!Number.isInteger(after) || after < 0) return invalid(`Invalid after: ${JSON.stringify(afterRaw)}`);
    if (after >= SEARCH_RESULT_CEILING) {
      return invalid(`Paging through more than ${SEARCH_RESULT_CEILING} results is not supported: after must be less than ${SEARCH_RESULT_CEILING}, got ${after}`);
    }
    if (typeof body.query === 'string' && body.query.trim() !== '') return invalid('Free-text search (query) is not supported by this simulator');
    const sortError = checkSorts(body.sorts);
    if (sortError) return invalid(sortError);
    const filter = parseFilters(body.filterGroups);
    if (typeof filter === 'string') return invalid(filter);
    if (filter && !this.#names.has(filter.propertyName)) return invalid(`Property "${filter.propertyName}" does not exist`);
    if (body.properties !== undefined && (!Array.isArray(body.properties) || body.properties.some((p) => typeof p !== 'string'))) {
      return invalid('properties must be an array of property names');
    }
    const selected = this.#selected(body.properties as string[] | undefined);
    const linkProperty = this.#options.linkProperty;
    const accept: RecordPredicate = filter
      ? (record, index) => {
          const value = hubspotContact(record, index, linkProperty).properties[filter.propertyName];
          if (filter.operator === 'HAS_PROPERTY') return value !== null && value !== undefined && value !== '';
          return value !== null && value !== undefined && value.toLowerCase() === (filter.value ?? '').toLowerCase();
        }
      : () => true;
    const key = filter ? `${filter.operator}|${filter.propertyName}|${filter.value ?? ''}` : 'all';
    const total = await this.#counts.count(key, accept);
    let positions = this.#searchPositions.get(key);
    if (!positions) {
      positions = new Positions();
      this.#searchPositions.set(key, positions);
      while (this.#searchPositions.size > 256) {
        const oldest = this.#searchPositions.keys().next().value;
        if (oldest === undefined) break;
        this.#searchPositions.delete(oldest);
      }
    }
    const want = Math.max(0, Math.min(limit, total - after, SEARCH_RESULT_CEILING - after));
    const page = await pageAt(this.#source, positions, after, want, accept);
    const response: Record<string, unknown> = { total, results: page.hits.map((hit) => this.#result(hit.record, hit.index, selected)) };
    const next = after + page.hits.length;
    if (page.hits.length > 0 && next < total) response.paging = { next: { after: String(next) } };
    return sendJson(res, 200, response, headers);
  }
}

function describeProperty(p: HsProperty): Record<string, unknown> {
  return {
    updatedAt: '2024-01-15T09:30:00.000Z',
    createdAt: '2019-08-06T02:41:08.029Z',
    name: p.name,
    label: p.label,
    type: p.type,
    fieldType: p.fieldType,
    description: p.description,
    groupName: p.groupName,
    options: p.options ?? [],
    displayOrder: -1,
    calculated: p.calculated ?? false,
    externalOptions: false,
    hasUniqueValue: p.hasUniqueValue ?? false,
    hidden: false,
    hubspotDefined: p.hubspotDefined ?? true,
    modificationMetadata: { archivable: p.hubspotDefined === false, readOnlyDefinition: p.hubspotDefined !== false, readOnlyValue: p.name === 'hs_object_id' || p.name === 'createdate' },
    formField: ['email', 'firstname', 'lastname', 'phone', 'mobilephone'].includes(p.name),
    dataSensitivity: 'non_sensitive',
  };
}

/** Results come in record-id order; only that sort (or none) can be asked for. */
function checkSorts(sorts: unknown): string | undefined {
  if (sorts === undefined || sorts === null) return undefined;
  if (!Array.isArray(sorts)) return 'sorts must be an array';
  for (const sort of sorts as unknown[]) {
    const { propertyName, direction } = (typeof sort === 'string' ? { propertyName: sort, direction: 'ASCENDING' } : (sort ?? {})) as { propertyName?: unknown; direction?: unknown };
    if (propertyName !== 'hs_object_id' || (direction !== undefined && direction !== 'ASCENDING')) {
      return 'This simulator returns search results by hs_object_id ascending only';
    }
  }
  return undefined;
}

/** Exactly one filter group with one HAS_PROPERTY or EQ filter, or none at all. */
function parseFilters(groups: unknown): SearchFilter | undefined | string {
  if (groups === undefined || (Array.isArray(groups) && groups.length === 0)) return undefined;
  if (!Array.isArray(groups) || groups.length !== 1) return 'This simulator supports exactly one filter group';
  const filters = (groups[0] as { filters?: unknown } | null)?.filters;
  if (!Array.isArray(filters) || filters.length !== 1) return 'This simulator supports exactly one filter per search';
  const filter = filters[0] as { propertyName?: unknown; operator?: unknown; value?: unknown } | null;
  if (typeof filter?.propertyName !== 'string') return 'A filter needs a propertyName';
  if (filter.operator === 'HAS_PROPERTY') return { propertyName: filter.propertyName, operator: 'HAS_PROPERTY' };
  if (filter.operator === 'EQ') {
    if (typeof filter.value !== 'string' && typeof filter.value !== 'number' && typeof filter.value !== 'boolean') return 'An EQ filter needs a value';
    return { propertyName: filter.propertyName, operator: 'EQ', value: String(filter.value) };
  }
  return `Unsupported operator ${JSON.stringify(filter.operator ?? null)}: this simulator supports HAS_PROPERTY and EQ`;
}

/** Opaque cursors shaped like HubSpot's documented example (base64 of a number and a newline). */
function encodeCursor(index: number): string {
  return Buffer.from(`${index}\n`).toString('base64');
}

function decodeCursor(cursor: string): number | undefined {
  const text = Buffer.from(cursor, 'base64').toString('utf8').trim();
  if (/^\d+$/.test(text)) return Number(text);
  return undefined;
}
