import { Duplex } from 'node:stream';
import { Transport } from 'jsforce/lib/transport.js';
import type { HttpRequest as JsforceRequest, HttpResponse as JsforceResponse } from 'jsforce/lib/types/common.js';
import { StreamPromise } from 'jsforce/lib/util/promise.js';
import type { HttpMethod, HttpRequest, RequestIntent } from '../../src/http/types.js';
import { ScanFailure } from '../../src/model/errors.js';
import type { Expect, Wire } from './wire.js';

/**
 * jsforce's transport seam (`conn._transport`, `oauth2._transport`): every request jsforce builds
 * is sent by the project's HttpClient through the Wire instead of jsforce's node-fetch stack. That
 * also switches off jsforce's own retries (request.ts retries 420/429/5xx up to 5 times with its own
 * backoff): the HttpClient's retries, which honour Retry-After and pause the target, are the only ones.
 * jsforce gets its usual response shape `{ statusCode, headers, body }` for 2xx answers; a non-2xx
 * answer never reaches it (the Wire throws a coded ScanFailure), so jsforce's session-refresh loop
 * and its error objects (which quote whole HTML bodies) are never used.
 */
export class HttpClientTransport extends Transport {
  readonly #wire: Wire;

  constructor(wire: Wire) {
    super();
    this.#wire = wire;
  }

  override httpRequest(req: JsforceRequest): StreamPromise<JsforceResponse> {
    return StreamPromise.create(() => {
      const promise = this.#send(req);
      return { stream: lazyBody(promise), promise };
    });
  }

  async #send(req: JsforceRequest): Promise<JsforceResponse> {
    const request = toHttpRequest(req);
    const expect: Expect = /text\/csv/i.test(headerValue(req.headers, 'accept') ?? '') ? 'csv' : 'json';
    const response = await this.#wire.send(request, expect);
    return { statusCode: response.status, headers: response.headers, body: response.body.toString('utf8') };
  }
}

/** The intent a POST carries: only the token request and the Bulk API 2.0 query-job creation exist. */
export function intentFor(method: string, url: string): RequestIntent | undefined {
  if (method !== 'POST') return undefined;
  const path = new URL(url).pathname;
  if (/\/services\/oauth2\/token$/.test(path)) return 'token';
  if (/^\/services\/data\/v\d+\.\d+\/jobs\/query$/.test(path)) return 'read-only-post';
  // Anything else goes without an intent, and the HttpClient refuses it (METHOD_NOT_ALLOWED).
  return undefined;
}

export function toHttpRequest(req: JsforceRequest): HttpRequest {
  const method = req.method.toUpperCase() as HttpMethod;
  const body = req.body;
  if (body !== undefined && body !== null && typeof body !== 'string' && !Buffer.isBuffer(body) && !(body instanceof URLSearchParams)) {
    // jsforce sends streams and multipart forms only for writes (ingest jobs, uploads): never ours.
    throw new ScanFailure({ code: 'UNSUPPORTED', message: `refused to send ${method}: a streamed or multipart body is not a read`, retryable: false });
  }
  const intent = intentFor(method, req.url);
  return {
    url: req.url,
    method,
    headers: { ...(req.headers ?? {}) },
    ...(body !== undefined && body !== null ? { body: body instanceof URLSearchParams ? body.toString() : body } : {}),
    ...(intent ? { intent } : {}),
  };
}

function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers ?? {})) if (key.toLowerCase() === name) return value;
  return undefined;
}

/**
 * The body as a stream for the jsforce callers that pipe it (HttpApi always does); it pulls the
 * response only when read, and a failed request just ends it.
 */
function lazyBody(promise: Promise<JsforceResponse>): Duplex {
  let started = false;
  return new Duplex({
    write(_chunk, _encoding, done) {
      // Request bodies are passed in the request object, never written to this stream.
      done();
    },
    read() {
      if (started) return;
      started = true;
      promise.then(
        (res) => {
          this.push(res.body);
          this.push(null);
        },
        // The failure reaches the caller through the promise; jsforce pipes this stream without
        // an error listener, so erroring it here would be an uncaught exception.
        () => this.push(null),
      );
    },
  });
}
