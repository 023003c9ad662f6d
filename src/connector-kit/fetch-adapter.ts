import type { HttpClient, HttpMethod, RequestIntent } from '../http/types.js';

/**
 * A WHATWG `fetch` that sends through the project's HttpClient, for SDKs that take a custom fetch
 * (openid-client's customFetch, jsforce, @hubspot/api-client): the target's rate governor, host
 * allow-list, address guard, timeouts, size cap and read-only rule then hold for them too.
 */
export function fetchThrough(http: HttpClient, options: { intentForPost: RequestIntent }): typeof fetch {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase() as HttpMethod;
    const headers: Record<string, string> = {};
    new Headers(init?.headers ?? request?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const body = await bodyOf(init?.body ?? (request && method !== 'GET' && method !== 'HEAD' ? await request.arrayBuffer() : undefined));
    const response = await http.request({
      url,
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
      ...(method === 'POST' ? { intent: options.intentForPost } : {}),
      ...(init?.signal ? { signal: init.signal } : {}),
    });
    const out = new Headers();
    for (const [key, value] of Object.entries(response.headers)) out.set(key, value);
    const nullBody = response.status === 204 || response.status === 304 || method === 'HEAD';
    return new Response(nullBody ? null : new Uint8Array(response.body), { status: response.status, headers: out });
  };
}

async function bodyOf(body: RequestInit['body'] | ArrayBuffer | undefined): Promise<string | Buffer | undefined> {
  if (body === null || body === undefined) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return Buffer.from(await new Response(body).arrayBuffer());
}
