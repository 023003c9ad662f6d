import { getDomain } from 'tldts';
import type { EndpointFact } from '../../src/model/as-facts.js';
import { isPlainObject } from './json-document.js';
import { ENDPOINT_MEMBERS } from './metadata.js';

/**
 * Every URL-valued endpoint member, including the RFC 8705 §5 `mtls_endpoint_aliases`, with its
 * scheme, host, whether it shares the issuer's registrable domain (public-suffix aware) and
 * whether the scanner may contact it.
 */
export function endpointFacts(
  metadata: Record<string, unknown> | undefined,
  issuer: string,
  allowedHosts: readonly string[],
): EndpointFact[] {
  if (!metadata) return [];
  const issuerHost = hostOf(issuer);
  const allowed = new Set(allowedHosts.map((h) => h.toLowerCase()));
  const facts: EndpointFact[] = [];
  const add = (member: string, value: unknown) => {
    if (typeof value !== 'string') return;
    facts.push(describe(member, value, issuerHost, allowed));
  };
  for (const member of ENDPOINT_MEMBERS) add(member, metadata[member]);
  const aliases = metadata.mtls_endpoint_aliases;
  if (isPlainObject(aliases)) {
    for (const [name, value] of Object.entries(aliases).sort(([a], [b]) => a.localeCompare(b))) {
      add(`mtls_endpoint_aliases.${name}`, value);
    }
  }
  return facts;
}

function describe(member: string, value: string, issuerHost: string | undefined, allowed: Set<string>): EndpointFact {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { member, url: value, scheme: '', host: '', sameSiteAsIssuer: false, contactable: false, parseError: 'not an absolute URL' };
  }
  const host = url.hostname.toLowerCase();
  return {
    member,
    url: value,
    scheme: url.protocol.replace(':', ''),
    host,
    sameSiteAsIssuer: issuerHost !== undefined && sameSite(host, issuerHost),
    contactable: allowed.has(host),
  };
}

export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** Same registrable domain (eTLD+1); IP literals and single-label hosts must match exactly. */
export function sameSite(a: string, b: string): boolean {
  if (a === b) return true;
  const da = getDomain(a, { allowPrivateDomains: true });
  const db = getDomain(b, { allowPrivateDomains: true });
  return da !== null && da === db;
}
