import * as contactsApi from '@hubspot/api-client/lib/codegen/crm/contacts/index.js';
import * as propertiesApi from '@hubspot/api-client/lib/codegen/crm/properties/index.js';
import { ScanFailure } from '../../src/model/errors.js';
import type { Redactor } from '../../src/privacy/redact.js';
import type { RawContact, RawContactPage, RawProperty } from './raw.js';
import type { HubspotTransport, TransportRequest, TransportResponse } from './transport.js';

/**
 * @hubspot/api-client, wired through our HTTP layer. The SDK's generated clients take an
 * `httpApi` (an HttpLibrary: `send(RequestContext) → ResponseContext`) in `createConfiguration`;
 * that is the seam: ours is HubspotTransport, so no request can reach node-fetch. The SDK's
 * `Client` wrapper is not used: its discovery classes build their configuration without a way to
 * pass `httpApi`, and its retry and Bottleneck limiter decorators live in a process-wide singleton
 * (ApiDecoratorService) — our rate governor must be the only limiter and the HTTP client the only
 * retrier. Without the `Client`, no limiter or retry decorator is ever installed.
 *
 * This is the only module that imports the SDK; everything it returns is our own plain data (raw.ts).
 */
export interface HubspotSdkOptions {
  basePath: string;
  accessToken: string;
  transport: HubspotTransport;
  redactor: Redactor;
}

/** Properties we ask of the search so that its one returned record carries no personal data. */
const SEARCH_PROPERTIES = ['hs_object_id'];

export class HubspotSdk {
  readonly #basic: contactsApi.BasicApi;
  readonly #search: contactsApi.SearchApi;
  readonly #properties: propertiesApi.CoreApi;
  readonly #redactor: Redactor;

  constructor(options: HubspotSdkOptions) {
    this.#redactor = options.redactor;
    const send = (request: TransportRequest): Promise<TransportResponse> => options.transport.send(request);
    const contacts = contactsApi.createConfiguration({
      baseServer: new contactsApi.ServerConfiguration(options.basePath, {}),
      httpApi: contactsApi.wrapHttpLibrary({
        send: async (context) => toResponse(await send(toRequest(context)), contactsApi.ResponseContext),
      }),
      authMethods: { oauth2: { accessToken: options.accessToken } },
    });
    const properties = propertiesApi.createConfiguration({
      baseServer: new propertiesApi.ServerConfiguration(options.basePath, {}),
      httpApi: propertiesApi.wrapHttpLibrary({
        send: async (context) => toResponse(await send(toRequest(context)), propertiesApi.ResponseContext),
      }),
      authMethods: { oauth2: { accessToken: options.accessToken } },
    });
    this.#basic = new contactsApi.BasicApi(contacts);
    this.#search = new contactsApi.SearchApi(contacts);
    this.#properties = new propertiesApi.CoreApi(properties);
  }

  /** `GET /crm/v3/properties/contacts?archived=false`. */
  async contactProperties(): Promise<RawProperty[]> {
    const answer = await this.#call('contact properties', () => this.#properties.getAll('contacts', false));
    if (!Array.isArray(answer.results)) throw shape('contact properties', 'results is not a list');
    return answer.results.filter((p) => typeof p.name === 'string' && p.name !== '').map(toRawProperty);
  }

  /**
   * `GET /crm/v3/objects/contacts?limit=&after=&properties=&archived=false`. The property names go
   * as one comma-separated value (HubSpot's documented form) rather than one parameter per name.
   */
  async contactsPage(limit: number, after: string | undefined, properties: readonly string[]): Promise<RawContactPage> {
    const answer = await this.#call('contacts list', () => this.#basic.getPage(limit, after, [properties.join(',')], undefined, undefined, false));
    if (!Array.isArray(answer.results)) throw shape('contacts list', 'results is not a list');
    const contacts: RawContact[] = [];
    let malformed = 0;
    for (const record of answer.results) {
      const contact = toRawContact(record);
      if (contact) contacts.push(contact);
      else malformed += 1;
    }
    const next = answer.paging?.next?.after;
    return { contacts, malformed, ...(typeof next === 'string' && next !== '' ? { after: next } : {}) };
  }

  /**
   * `POST /crm/v3/objects/contacts/search` with `limit: 1`: only `total` is used. With a property,
   * the count of contacts that hold a value in it (HAS_PROPERTY).
   */
  async contactCount(withProperty?: string): Promise<number> {
    const filterGroups = withProperty ? [{ filters: [{ propertyName: withProperty, operator: contactsApi.FilterOperatorEnum.HasProperty }] }] : [];
    const what = withProperty ? 'contacts search (HAS_PROPERTY)' : 'contacts search (total)';
    const answer = await this.#call(what, () => this.#search.doSearch({ filterGroups, limit: 1, properties: SEARCH_PROPERTIES }));
    const total: unknown = answer.total;
    if (typeof total !== 'number' || !Number.isInteger(total) || total < 0) throw shape(what, 'total is not a whole number');
    return total;
  }

  /** The SDK's own failures (deserialisation of an unexpected shape) become coded errors; ours pass through. */
  async #call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof ScanFailure) throw err;
      const message = err instanceof Error ? err.message : String(err);
      throw new ScanFailure({
        code: 'UNEXPECTED_SHAPE',
        message: this.#redactor.redact(`${what}: the SDK could not read the answer: ${message.split('\n')[0] ?? ''}`).slice(0, 300),
        retryable: false,
      });
    }
  }
}

interface SdkRequest {
  getUrl(): string;
  getHttpMethod(): string;
  getHeaders(): Record<string, string>;
  getBody(): unknown;
}

function toRequest(context: SdkRequest): TransportRequest {
  return { url: context.getUrl(), method: context.getHttpMethod(), headers: context.getHeaders(), body: context.getBody() };
}

function toResponse<R>(response: TransportResponse, Context: new (status: number, headers: Record<string, string>, body: { text(): Promise<string>; binary(): Promise<Buffer> }) => R): R {
  const { text } = response;
  return new Context(response.status, response.headers, { text: () => Promise.resolve(text), binary: () => Promise.resolve(Buffer.from(text)) });
}

function toRawProperty(p: propertiesApi.Property): RawProperty {
  const options = Array.isArray(p.options) ? p.options.map((o) => o.value).filter((v): v is string => typeof v === 'string') : [];
  return {
    name: p.name,
    ...(typeof p.label === 'string' ? { label: p.label } : {}),
    ...(typeof p.type === 'string' ? { type: p.type } : {}),
    ...(typeof p.fieldType === 'string' ? { fieldType: p.fieldType } : {}),
    ...(typeof p.groupName === 'string' ? { groupName: p.groupName } : {}),
    hasUniqueValue: p.hasUniqueValue === true,
    hubspotDefined: p.hubspotDefined === true,
    calculated: p.calculated === true,
    archived: p.archived === true,
    options,
  };
}

function toRawContact(record: contactsApi.SimplePublicObjectWithAssociations): RawContact | undefined {
  if (typeof record.id !== 'string' || record.id === '') return undefined;
  const properties: Record<string, string | null> = {};
  const source: unknown = record.properties;
  if (source && typeof source === 'object') {
    for (const [key, value] of Object.entries(source)) properties[key] = typeof value === 'string' ? value : null;
  }
  const createdAt = isoOf(record.createdAt);
  const updatedAt = isoOf(record.updatedAt);
  return { id: record.id, properties, ...(createdAt ? { createdAt } : {}), ...(updatedAt ? { updatedAt } : {}), archived: record.archived === true };
}

/** The SDK turns timestamps into Dates; an unparseable one is an Invalid Date, which we drop. */
function isoOf(value: unknown): string | undefined {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : undefined;
}

function shape(what: string, detail: string): ScanFailure {
  return new ScanFailure({ code: 'UNEXPECTED_SHAPE', message: `${what}: ${detail}`, retryable: false });
}
