/**
 * The run's GET cache (opt-in per request, catalog §14.1 "cache responses within a run"). Keyed by
 * method, URL and the request headers (an Origin or Authorization changes the answer); header
 * values are hashed so credentials are not kept as map keys. Concurrent identical requests share
 * one exchange. Throttled and 5xx answers are not kept, so a later call can succeed.
 */
import { createHash } from 'node:crypto';
import type { HttpResponse } from './types.js';

export interface ResponseCache {
  /** The cached or in-flight response for `key`, or the result of `fetch` (then cached). */
  through(key: string, fetch: () => Promise<HttpResponse>): Promise<HttpResponse>;
}

export function cacheKey(method: string, url: string, headers: Record<string, string>): string {
  const hash = createHash('sha256');
  hash.update(`${method} ${url}\n`);
  for (const name of Object.keys(headers).sort()) hash.update(`${name}: ${headers[name] ?? ''}\n`);
  return hash.digest('hex');
}

function isCacheable(response: HttpResponse): boolean {
  return response.status !== 429 && response.status < 500;
}

export function createResponseCache(): ResponseCache {
  const entries = new Map<string, Promise<HttpResponse>>();
  return {
    async through(key, fetch) {
      const existing = entries.get(key);
      if (existing) return { ...(await existing), fromCache: true };
      const pending = fetch();
      entries.set(key, pending);
      try {
        const response = await pending;
        if (!isCacheable(response)) entries.delete(key);
        return response;
      } catch (error) {
        entries.delete(key);
        throw error;
      }
    },
  };
}
