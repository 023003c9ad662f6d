/**
 * One HTTP exchange through axios, and nothing else: no retries, no redirects (maxRedirects 0),
 * no status handling (every status resolves), no environment proxy (a proxy would resolve names
 * for us and bypass the address guard), and the body always as a stream so the caller can cap it.
 */
import type { Readable } from 'node:stream';
import axios from 'axios';
import type { AxiosInstance } from 'axios';
import type { Agents } from './agents.js';
import type { HttpMethod } from './types.js';

export interface TransportRequest {
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  body?: string | Buffer | undefined;
  signal: AbortSignal;
}

export interface RawResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The (decompressed) body, not yet read. */
  body: Readable;
}

export interface Transport {
  send(request: TransportRequest): Promise<RawResponse>;
}

export function createAxiosTransport(agents: Agents): Transport {
  const instance: AxiosInstance = axios.create({
    adapter: 'http',
    httpAgent: agents.httpAgent,
    httpsAgent: agents.httpsAgent,
    proxy: false,
    maxRedirects: 0,
    responseType: 'stream',
    validateStatus: () => true,
    // Bodies are capped by the caller while streaming; axios must not buffer or cap them itself.
    maxContentLength: -1,
    maxBodyLength: -1,
    decompress: true,
    // Send string/Buffer bodies exactly as given; never JSON-encode or add a content type.
    transformRequest: [(data: unknown) => data],
  });
  return {
    async send(request) {
      const response = await instance.request<Readable>({
        url: request.url,
        method: request.method,
        headers: request.headers,
        data: request.body,
        signal: request.signal,
      });
      return { status: response.status, headers: normalizeHeaders(response.headers), body: response.data };
    },
  };
}

/** Plain lower-cased record from AxiosHeaders or a raw Node header object. */
export function normalizeHeaders(headers: unknown): Record<string, string> {
  const source = hasToJSON(headers) ? headers.toJSON(true) : headers;
  const out: Record<string, string> = {};
  if (typeof source !== 'object' || source === null) return out;
  for (const [name, value] of Object.entries(source as Record<string, unknown>)) {
    const text = headerText(value);
    if (text === undefined) continue;
    const key = name.toLowerCase();
    out[key] = out[key] === undefined ? text : `${out[key]}, ${text}`;
  }
  return out;
}

function hasToJSON(value: unknown): value is { toJSON(asStrings: boolean): unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

function headerText(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}
