import type { ApiReader, Query } from '../../src/connector-kit/api-reader.js';
import { ScanFailure } from '../../src/model/errors.js';
import { redactUrl } from '../../src/privacy/redact.js';
import type { RateLimitHeadroom } from './rate-limit.js';

/**
 * Okta list endpoints page with a cursor carried in the `Link: <...>; rel="next"` header
 * (Okta API reference, "Pagination"). Only next links on the org's own origin are followed, and a
 * link that leads back to a page already read stops the paging with an error instead of looping.
 */
export interface PagingContext {
  reader: ApiReader;
  /** The org origin; a next link elsewhere is not followed. */
  origin: string;
  headroom: RateLimitHeadroom;
}

/** Called with each page's records; return false to stop (a cap was reached). */
export type PageSink = (records: unknown[]) => boolean | void | Promise<boolean | void>;

export interface PagingResult {
  pages: number;
  /** True when paging ended because the sink asked to stop. */
  stopped: boolean;
}

export async function readPages(paging: PagingContext, path: string, query: Query, what: string, sink: PageSink): Promise<PagingResult> {
  const seen = new Set<string>();
  let url: string | undefined = paging.reader.url(path, query);
  let pages = 0;
  while (url) {
    if (seen.has(url)) throw linkLoop(what, url);
    seen.add(url);
    const response = await paging.reader.get(url, {}, what);
    paging.headroom.observe(response.headers, path);
    if (!Array.isArray(response.json)) throw notAList(what, response.url);
    pages += 1;
    if ((await sink(response.json)) === false) return { pages, stopped: true };
    url = nextLink(response.headers.link, response.url, paging.origin, what);
  }
  return { pages, stopped: false };
}

/** Read every page into one array (configuration lists: small). */
export async function readAll(paging: PagingContext, path: string, query: Query, what: string): Promise<{ records: unknown[]; pages: number }> {
  const records: unknown[] = [];
  const { pages } = await readPages(paging, path, query, what, (page) => {
    records.push(...page);
  });
  return { records, pages };
}

/**
 * The rel="next" target of a Link header (RFC 8288). Several Link headers arrive joined by ", ",
 * so entries are split on the `<` that starts each one, not on commas (URLs may contain commas).
 */
export function nextLink(header: string | undefined, base: string, origin: string, what: string): string | undefined {
  if (!header) return undefined;
  for (const match of header.matchAll(/<([^>]*)>\s*((?:;\s*[^;<]*)*)/g)) {
    const [, target = '', params = ''] = match;
    const rel = /;\s*rel\s*=\s*"?([^";]*)"?/i.exec(params)?.[1] ?? '';
    if (!rel.toLowerCase().split(/\s+/).includes('next')) continue;
    let url: URL;
    try {
      url = new URL(target, base);
    } catch {
      throw new ScanFailure({ code: 'UNEXPECTED_SHAPE', message: `${what}: the next-page link is not a URL`, endpoint: redactUrl(base), retryable: false });
    }
    if (url.origin !== origin) {
      throw new ScanFailure({
        code: 'HOST_NOT_ALLOWED',
        message: `${what}: the next-page link points to ${url.origin}, not the org (${origin}); not followed`,
        endpoint: redactUrl(base),
        retryable: false,
      });
    }
    return url.toString();
  }
  return undefined;
}

function linkLoop(what: string, url: string): ScanFailure {
  return new ScanFailure({
    code: 'UNEXPECTED_SHAPE',
    message: `${what}: the next-page link leads back to a page already read (Link loop); paging stopped`,
    endpoint: redactUrl(url),
    retryable: false,
    remediation: 'an Okta-side paging fault or a proxy rewriting Link headers; the pages read so far are kept',
  });
}

function notAList(what: string, url: string): ScanFailure {
  return new ScanFailure({
    code: 'UNEXPECTED_SHAPE',
    message: `${what}: expected a JSON array from ${redactUrl(url)}`,
    endpoint: redactUrl(url),
    retryable: false,
  });
}
