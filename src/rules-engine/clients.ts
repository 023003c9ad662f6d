import { authorizationServers, identityStores, type AuthorizationServerEntry, type IdentityStoreEntry, type Inventory } from '../inventory.js';
import type { IdentityGraph } from '../model/identity.js';
import type { Observation, UnknownReason } from '../model/observation.js';
import type { ClientFacts, GrantType, IdentityProviderFacts, IdentityStoreFacts } from '../model/store-facts.js';
import { notObserved, type Finding } from './define.js';

/**
 * Shared helpers for the rules that read identity-store facts (T2): client selectors, store
 * iteration, the relation between authorization servers and stores, offender lists, and the
 * redirect-URI classification used by FLOW-REDIRECT-URI-HYGIENE and SESS-POST-LOGOUT-REDIRECT.
 *
 * Conventions of the optional per-client fields (ClientFacts): connectors set a string or flag
 * when the product reports it. `backchannelLogoutUri`, `senderConstrained`, `deviceGrant` and
 * `ciba` are set when configured (Okta sets `senderConstrained` only when DPoP is on), so undefined
 * reads as "not configured". `parRequired` is a yes/no switch the connector sets either way when
 * the product has it, so undefined reads as "not reported".
 */

// ---------------------------------------------------------------------------------------------
// Client selectors

/** Grants that send the user agent to the authorization endpoint (and use redirect URIs). */
export const FRONT_CHANNEL_GRANTS: readonly GrantType[] = ['authorization_code', 'implicit'];

/** Grants in which a user authenticates: the client acts for a person. */
export const INTERACTIVE_GRANTS: readonly GrantType[] = ['authorization_code', 'implicit', 'device_code', 'ciba'];

/** Client authentication methods that use an asymmetric key (RFC 9700 §2.5, RFC 8705 §2). */
export const ASYMMETRIC_AUTH_METHODS: readonly string[] = ['private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth'];

export function usesGrant(client: ClientFacts, grants: readonly GrantType[]): boolean {
  return client.grants.some((g) => grants.includes(g));
}

/** Enabled clients: disabled ones cannot obtain tokens and do not count. */
export function activeClients(clients: readonly ClientFacts[]): ClientFacts[] {
  return clients.filter((c) => c.enabled);
}

/** Enabled clients that act for a person (authorization code, implicit, device or CIBA grant). */
export function interactiveClients(clients: readonly ClientFacts[], options: { includeBuiltIn?: boolean } = {}): ClientFacts[] {
  return activeClients(clients).filter((c) => usesGrant(c, INTERACTIVE_GRANTS) && (options.includeBuiltIn === true || c.builtIn !== true));
}

/** Enabled clients that use the authorization endpoint (and therefore redirect URIs). */
export function frontChannelClients(clients: readonly ClientFacts[]): ClientFacts[] {
  return activeClients(clients).filter((c) => usesGrant(c, FRONT_CHANNEL_GRANTS));
}

/** No client authentication: `type: public`, or an unclassified SPA or native app. */
export function isPublicClient(client: ClientFacts): boolean {
  return client.type === 'public' || (client.type === 'unknown' && (client.appType === 'spa' || client.appType === 'native'));
}

export function issuesRefreshTokens(client: ClientFacts): boolean {
  return client.refreshTokens?.issued ?? client.grants.includes('refresh_token');
}

export function isSenderConstrained(client: ClientFacts): boolean {
  return client.senderConstrained?.dpop === true || client.senderConstrained?.mtls === true;
}

// ---------------------------------------------------------------------------------------------
// Offender lists, shares

/** At most this many offenders are named in a message; evidence lists at most EVIDENCE_LIMIT. */
export const MESSAGE_LIMIT = 5;
export const EVIDENCE_LIMIT = 50;

/** `a, b, c, d, e and 3 more`. */
export function nameOffenders(names: readonly string[], max = MESSAGE_LIMIT): string {
  if (names.length === 0) return '(none)';
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

export function capped<T>(items: readonly T[], max = EVIDENCE_LIMIT): T[] {
  return items.slice(0, max);
}

/** Offenders as evidence: ids (capped) plus the total. */
export function offenderEvidence(ids: readonly string[]): { count: number; ids: string[]; truncated: boolean } {
  return { count: ids.length, ids: capped(ids), truncated: ids.length > EVIDENCE_LIMIT };
}

/** Whole-number percentage, `0` for an empty denominator. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 100);
}

/** `3 of 4 (75 %)`. */
export function share(part: number, whole: number): string {
  return `${part} of ${whole} (${percent(part, whole)} %)`;
}

// ---------------------------------------------------------------------------------------------
// Store iteration

export function storeBase(entry: IdentityStoreEntry): { targetId: string; subject: string } {
  return { targetId: entry.targetId, subject: entry.subject };
}

/**
 * One finding per identity store for one section of its facts: no finding when the section is
 * absent (that kind of store has no such thing), `unknown` with the section's reason when it could
 * not be read, otherwise whatever `check` returns.
 */
export function forEachStoreSection<T>(
  inventory: Inventory,
  select: (store: IdentityStoreFacts) => Observation<T> | undefined,
  check: (entry: IdentityStoreEntry, value: T) => Finding | undefined,
): Finding[] {
  const out: Finding[] = [];
  for (const entry of identityStores(inventory)) {
    const section = select(entry.store);
    if (!section) continue;
    if (section.state === 'unknown') {
      out.push(notObserved(entry.targetId, entry.subject, section.reason));
      continue;
    }
    const finding = check(entry, section.value);
    if (finding) out.push(finding);
  }
  return out;
}

/** Whether this store's section was read: `undefined` when absent, the reason when unknown. */
export function sectionValue<T>(section: Observation<T> | undefined): { value?: T; reason?: UnknownReason } {
  if (!section) return {};
  return section.state === 'observed' ? { value: section.value } : { reason: section.reason };
}

// ---------------------------------------------------------------------------------------------
// Authorization servers and the stores behind them

/** For grouping only: the spec compares issuers exactly, but a trailing slash does not make a second store. */
function issuerKey(issuer: string): string {
  return issuer.replace(/\/+$/, '');
}

/** Host of an issuer URL, lower-cased; undefined when it does not parse. */
export function issuerHost(issuer: string): string | undefined {
  try {
    return new URL(issuer).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the authorization server issues the identities of this store: same target (an Okta org
 * scanned with its authorization servers), or its issuer is one the store reports. `unknown` when
 * the store's issuers were not read.
 */
export function serverBelongsToStore(server: AuthorizationServerEntry, store: IdentityStoreEntry): boolean | 'unknown' {
  if (server.targetId === store.targetId) return true;
  const issuers = store.store.issuers;
  if (!issuers) return false;
  if (issuers.state === 'unknown') return 'unknown';
  const keys = new Set(issuers.value.map(issuerKey));
  const advertised = server.as.issuer.advertised;
  return keys.has(issuerKey(server.as.configuredIssuer)) || (advertised !== undefined && keys.has(issuerKey(advertised)));
}

/** The authorization servers of this scan that issue this store's identities. */
export function serversOfStore(inventory: Inventory, store: IdentityStoreEntry): AuthorizationServerEntry[] {
  return authorizationServers(inventory).filter((server) => serverBelongsToStore(server, store) === true);
}

/**
 * Authorization servers for which no identity-store facts were read: T2-only rules say `unknown`
 * for them ("needs a read-only admin credential"). A store whose issuers were not read is assumed
 * to cover the servers of the same product, so that the report does not ask for a credential that
 * was given.
 */
export function serversWithoutStore(inventory: Inventory): AuthorizationServerEntry[] {
  const stores = identityStores(inventory);
  return authorizationServers(inventory).filter(
    (server) =>
      !stores.some((store) => {
        const belongs = serverBelongsToStore(server, store);
        return belongs === true || (belongs === 'unknown' && store.product === server.product);
      }),
  );
}

export function needsCredential(product: string): UnknownReason {
  return { kind: 'no-credential', detail: `needs a read-only admin credential (T2) for ${product}` };
}

/** One `unknown` per authorization server whose store was not read (for rules that are T2 only). */
export function noCredentialFindings(inventory: Inventory): Finding[] {
  return serversWithoutStore(inventory).map((server) => notObserved(server.targetId, server.as.configuredIssuer, needsCredential(server.product)));
}

// ---------------------------------------------------------------------------------------------
// Redirect URIs

/**
 * What is wrong with one registered redirect (or post-logout redirect) URI.
 * - global-wildcard: `*`, `/*`, `https://*`: matches any URL (critical).
 * - wildcard-host: a `*` in the host (Auth0 and Okta allow `*.` subdomain wildcards) or in the port of a non-loopback host.
 * - wildcard-path: a `*` in the path or query (Keycloak's trailing `/*` is still a wildcard path).
 * - http: plain http on a host that is not loopback (RFC 8252 §7.3: 127.0.0.1, [::1]; localhost accepted).
 * - dangerous-scheme: `javascript:`, `data:`, `vbscript:`, `file:`: script or local content, never a callback.
 * - custom-scheme: a private-use scheme of a native app (RFC 8252 §7.1): allowed, but claimed https is preferred.
 */
export type UriProblem = 'global-wildcard' | 'wildcard-host' | 'wildcard-path' | 'http' | 'dangerous-scheme' | 'custom-scheme';

export const URI_PROBLEM_TEXT: Record<UriProblem, string> = {
  'global-wildcard': 'matches any URL',
  'wildcard-host': 'wildcard in the host',
  'wildcard-path': 'wildcard in the path',
  http: 'plain http on a non-loopback host',
  'dangerous-scheme': 'script or local scheme',
  'custom-scheme': 'custom URI scheme',
};

const FAILING: ReadonlySet<UriProblem> = new Set(['global-wildcard', 'wildcard-host', 'wildcard-path', 'http', 'dangerous-scheme']);
const DANGEROUS_SCHEMES = new Set(['javascript', 'data', 'vbscript', 'file']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Loopback hosts of RFC 8252 §7.3 (127.0.0.1, [::1]) plus `localhost`. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase().replace(/\.$/, ''));
}

export interface UriVerdict {
  uri: string;
  problems: UriProblem[];
}

function splitAuthority(authority: string): { host: string; port?: string } {
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (hostPort.startsWith('[')) {
    const end = hostPort.indexOf(']');
    const host = end === -1 ? hostPort : hostPort.slice(0, end + 1);
    const rest = end === -1 ? '' : hostPort.slice(end + 1);
    return rest.startsWith(':') ? { host, port: rest.slice(1) } : { host };
  }
  const colon = hostPort.lastIndexOf(':');
  return colon === -1 ? { host: hostPort } : { host: hostPort.slice(0, colon), port: hostPort.slice(colon + 1) };
}

/** Classify one registered URI. Relative URIs (Keycloak resolves them against the client's root URL) are judged on their path. */
export function classifyRedirectUri(raw: string): UriVerdict {
  const uri = raw.trim();
  const problems: UriProblem[] = [];
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(uri);
  if (!scheme) {
    if (uri.startsWith('*') || uri === '/*') problems.push('global-wildcard');
    else if (uri.includes('*')) problems.push('wildcard-path');
    return { uri: raw, problems };
  }
  const name = (scheme[1] ?? '').toLowerCase();
  const rest = scheme[2] ?? '';
  if (DANGEROUS_SCHEMES.has(name)) return { uri: raw, problems: ['dangerous-scheme'] };
  let path = rest;
  let host: string | undefined;
  let port: string | undefined;
  if (rest.startsWith('//')) {
    const afterSlashes = rest.slice(2);
    const end = afterSlashes.search(/[/?#]/);
    const authority = end === -1 ? afterSlashes : afterSlashes.slice(0, end);
    path = end === -1 ? '' : afterSlashes.slice(end);
    ({ host, port } = splitAuthority(authority));
    host = host.toLowerCase();
  }
  const loopback = host !== undefined && isLoopbackHost(host);
  if (host !== undefined && /^\*+\.?$/.test(host)) problems.push('global-wildcard');
  else if (host?.includes('*')) problems.push('wildcard-host');
  // RFC 8252 §7.3 / RFC 9700 §2.1: loopback redirect URIs may use any port, so a port wildcard there is fine.
  else if (port?.includes('*') && !loopback) problems.push('wildcard-host');
  if (!problems.includes('global-wildcard') && path.includes('*')) problems.push('wildcard-path');
  if (name === 'http' && host !== undefined && !loopback && !problems.includes('global-wildcard')) problems.push('http');
  if (name !== 'http' && name !== 'https') problems.push('custom-scheme');
  return { uri: raw, problems };
}

export interface ClientUriVerdict {
  client: string;
  builtIn: boolean;
  outcome: 'ok' | 'warn' | 'fail';
  /** A URI that matches any URL. */
  global: boolean;
  /** Only the URIs with a problem. */
  uris: UriVerdict[];
}

/**
 * Judge the URIs of one client: FAIL for wildcards, http on non-loopback hosts and script schemes,
 * WARN for custom schemes. Built-in vendor clients are judged leniently: their vendor-default
 * relative wildcard paths (Keycloak `account-console`: `/realms/{realm}/account/*`) are a WARN, not
 * a FAIL; a global wildcard, a wildcard host or plain http on them still fails (someone edited them).
 */
export function judgeClientUris(client: ClientFacts, uris: readonly string[]): ClientUriVerdict {
  const bad = uris.map(classifyRedirectUri).filter((v) => v.problems.length > 0);
  const builtIn = client.builtIn === true;
  const failing = (v: UriVerdict) => v.problems.some((p) => FAILING.has(p) && !(builtIn && p === 'wildcard-path'));
  const outcome = bad.some(failing) ? 'fail' : bad.length ? 'warn' : 'ok';
  return { client: client.id, builtIn, outcome, global: bad.some((v) => v.problems.includes('global-wildcard')), uris: bad };
}

/** `app-1 (https://*.example.com/cb: wildcard in the host)`. */
export function describeUriVerdict(verdict: ClientUriVerdict): string {
  const first = verdict.uris[0];
  if (!first) return verdict.client;
  const more = verdict.uris.length > 1 ? ` and ${verdict.uris.length - 1} more` : '';
  return `${verdict.client} (${first.uri}: ${first.problems.map((p) => URI_PROBLEM_TEXT[p]).join(', ')}${more})`;
}

// ---------------------------------------------------------------------------------------------
// Identity providers and the identity graph

/** Enabled upstream identity providers. */
export function activeIdentityProviders(idps: readonly IdentityProviderFacts[]): IdentityProviderFacts[] {
  return idps.filter((i) => i.enabled);
}

/** One pair of stores that share customers, as the identity analysis reports it. */
export type StoreOverlap = NonNullable<IdentityGraph['overlaps']>[number];

export function graphOverlaps(graph: IdentityGraph): StoreOverlap[] | undefined {
  return graph.built ? graph.overlaps : undefined;
}
