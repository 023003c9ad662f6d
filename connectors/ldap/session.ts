/**
 * One LDAP connection, wrapped so that the rules of the HTTP client hold for LDAP too: only the
 * configured host, resolved through the address guard; TLS verification on with the target's CA;
 * connect and operation timeouts from the target's limits; a permit from the target's rate
 * governor before every operation; every failure a coded ScanFailure. It offers reads only (bind,
 * search, StartTLS, unbind): the directory cannot be written through it.
 *
 * No ldapts type leaves this module: entries come out as RawEntry.
 */
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, rootCertificates, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, type Entry, type SearchResult } from 'ldapts';
import { classifyHost, guardedLookup, normalizeHostname } from '../../src/http/address-guard.js';
import { abortedFailure, addressBlocked, type SecretRedactor } from '../../src/http/failures.js';
import type { RateGovernor } from '../../src/http/governor.js';
import type { ScanFailure } from '../../src/model/errors.js';
import type { LdapTransport } from './config.js';
import { ldapFailure, NOT_LDAP_MARKER, type LdapFailureContext, type LdapOperation } from './errors.js';
import type { RawEntry } from './raw.js';

/** LDAP operations sent, retries, and "busy/unavailable" answers (the LDAP way of asking us to slow down). */
export interface SessionStats {
  requests: number;
  retries: number;
  throttled: number;
}

export interface SessionOptions {
  /** ldap(s)://host:port as configured. */
  url: string;
  transport: LdapTransport;
  /** Extra trust anchors (PEM) added to the public roots. */
  ca?: string;
  connectTimeoutMs: number;
  timeoutMs: number;
  maxRetries: number;
  maxRetryWaitMs: number;
  governor: RateGovernor;
  signal: AbortSignal;
  secrets?: SecretRedactor;
  stats: SessionStats;
}

export interface SearchRequest {
  scope: 'base' | 'one' | 'sub';
  filter: string;
  attributes: string[];
  sizeLimit?: number;
  timeLimit?: number;
}

export interface SearchPage {
  entries: RawEntry[];
  /** Continuation references (referrals to other servers); never followed. */
  references: number;
}

/** LDAPMessage is a SEQUENCE (RFC 4511 §4.1.1): every response starts with 0x30. */
const BER_SEQUENCE = 0x30;

export class LdapSession {
  readonly #client: Client;
  readonly #options: SessionOptions;
  #bound = false;
  /** A cancelled scan closes the connection, so an operation in flight ends now, not at its timeout. */
  readonly #onAbort = (): void => {
    void this.close();
  };

  private constructor(client: Client, options: SessionOptions) {
    this.#client = client;
    this.#options = options;
    options.signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** Prepare a connection (StartTLS happens here; other transports connect on the first operation). */
  static async open(options: SessionOptions): Promise<LdapSession> {
    const url = new URL(options.url);
    const host = normalizeHostname(url.hostname);
    // The guarded lookup never runs for an IP literal: refuse metadata and link-local addresses here.
    const blocked = classifyHost(host);
    if (blocked) throw addressBlocked({ url: options.url, secrets: options.secrets }, host, host, blocked);
    const tlsOptions = tlsOptionsFor(host, options.ca);
    const client = new Client({
      url: `${url.protocol}//${url.host}`,
      timeout: options.timeoutMs,
      connectTimeout: options.connectTimeoutMs,
      // tlsOptions make ldapts connect with TLS from the first byte: only for ldaps://.
      ...(options.transport === 'ldaps' ? { tlsOptions } : {}),
      createConnection: plainConnection as typeof netConnect,
      createSecureConnection: secureConnection,
    });
    const session = new LdapSession(client, options);
    if (options.transport === 'starttls') await session.#startTls(tlsOptions);
    return session;
  }

  async #startTls(tlsOptions: ConnectionOptions): Promise<void> {
    const ctx = this.#context('starttls');
    await this.#permit(ctx);
    // ldapts times the TCP connect and the extended operation, not the TLS handshake after it.
    const limit = this.#options.connectTimeoutMs + this.#options.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Connection timeout')), limit);
    });
    try {
      await Promise.race([this.#client.startTLS({ ...tlsOptions }), timeout]);
    } catch (err) {
      await this.close();
      throw this.#failure(err, ctx);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Simple bind (RFC 4511 §4.2). Retried only when the server answers busy/unavailable. */
  async bind(dn: string, password: string): Promise<void> {
    await this.#withRetry(this.#context('bind', dn), () => this.#client.bind(dn, password));
    this.#bound = true;
  }

  /** One search, all results at once (root DSE, password policy, the no-paging fallback). */
  async search(base: string, request: SearchRequest, operation: LdapOperation = 'search'): Promise<SearchPage> {
    const result = await this.#withRetry(this.#context(operation, base), () => this.#client.search(base, searchOptions(request)));
    return { entries: result.searchEntries.map(toRawEntry), references: result.searchReferences.length };
  }

  /**
   * A paged search (RFC 2696), one page per iteration: each page request waits for a permit, so
   * the governor paces the directory's load. Pages are not retried: a server may drop the paging
   * state after an error, and re-reading from the start would count entries twice.
   */
  async *pages(base: string, request: SearchRequest & { pageSize: number }): AsyncGenerator<SearchPage> {
    const ctx = this.#context('search', base);
    const pages = this.#client.searchPaginated(base, { ...searchOptions(request), paged: { pageSize: request.pageSize } });
    try {
      for (;;) {
        await this.#permit(ctx);
        let next: IteratorResult<SearchResult>;
        try {
          next = await pages.next();
        } catch (err) {
          throw this.#failure(err, ctx);
        }
        if (next.done) {
          // The previous page carried no cookie: ldapts ended without sending a request.
          this.#options.stats.requests -= 1;
          return;
        }
        yield { entries: next.value.searchEntries.map(toRawEntry), references: next.value.searchReferences.length };
      }
    } finally {
      await pages.return(undefined);
    }
  }

  /** Unbind and close; never fails (the scan is over for this connection either way). */
  async close(): Promise<void> {
    this.#options.signal.removeEventListener('abort', this.#onAbort);
    try {
      await this.#client.unbind();
    } catch {
      // The connection may already be gone.
    }
  }

  #context(operation: LdapOperation, dn?: string): LdapFailureContext {
    const o = this.#options;
    return { url: o.url, operation, connectTimeoutMs: o.connectTimeoutMs, timeoutMs: o.timeoutMs, ...(dn !== undefined ? { dn } : {}), ...(o.secrets ? { secrets: o.secrets } : {}) };
  }

  /** A permit from the target's governor, and a guard against a silently re-opened, unauthenticated connection. */
  async #permit(ctx: LdapFailureContext): Promise<void> {
    try {
      await this.#options.governor.acquire(this.#options.signal);
    } catch {
      throw abortedFailure({ url: ctx.url, secrets: ctx.secrets });
    }
    if (this.#bound && !this.#client.isBound) {
      // ldapts reconnects transparently after a drop, without the bind: reading on would run anonymously.
      throw ldapFailure(new Error('Connection closed before message response was received'), ctx);
    }
    this.#options.stats.requests += 1;
  }

  async #withRetry<T>(ctx: LdapFailureContext, run: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      await this.#permit(ctx);
      try {
        return await run();
      } catch (err) {
        const failure = this.#failure(err, ctx);
        const busy = failure.scanError.code === 'SERVER_ERROR' && failure.scanError.retryable;
        if (!busy || attempt >= this.#options.maxRetries) throw failure;
        this.#options.stats.retries += 1;
        this.#options.stats.throttled += 1;
        await this.#backoff(attempt, ctx);
      }
    }
  }

  async #backoff(attempt: number, ctx: LdapFailureContext): Promise<void> {
    const wait = Math.min(this.#options.maxRetryWaitMs, 500 * 2 ** attempt);
    try {
      await sleep(wait, undefined, { signal: this.#options.signal });
    } catch {
      throw abortedFailure({ url: ctx.url, secrets: ctx.secrets });
    }
  }

  #failure(err: unknown, ctx: LdapFailureContext): ScanFailure {
    if (this.#options.signal.aborted) return abortedFailure({ url: ctx.url, secrets: ctx.secrets });
    return ldapFailure(err, ctx);
  }
}

function searchOptions(request: SearchRequest) {
  return {
    scope: request.scope,
    filter: request.filter,
    attributes: request.attributes,
    ...(request.sizeLimit ? { sizeLimit: request.sizeLimit } : {}),
    ...(request.timeLimit ? { timeLimit: request.timeLimit } : {}),
  };
}

function tlsOptionsFor(host: string, ca: string | undefined): ConnectionOptions {
  return {
    host,
    // SNI takes names only; the certificate is still checked against the IP address.
    ...(isIP(host) ? {} : { servername: host }),
    rejectUnauthorized: true,
    ...(ca ? { ca: [...rootCertificates, ca] } : {}),
  };
}

/** TCP for ldap:// through the address guard. */
function plainConnection(port: number, host: string): Socket {
  return checkFirstByte(netConnect({ port, host, lookup: guardedLookup }));
}

/** TLS for ldaps:// (port, host, options) and for the StartTLS upgrade (options with the socket). */
function secureConnection(...args: unknown[]): TLSSocket {
  const [first, host, options] = args;
  const socket =
    typeof first === 'number'
      ? tlsConnect({ ...(options as ConnectionOptions), port: first, host: host as string, lookup: guardedLookup })
      : tlsConnect(first as ConnectionOptions);
  return checkFirstByte(socket);
}

/**
 * Something that is not an LDAP server (a web server on the port, a TLS port spoken to in clear)
 * answers with bytes ldapts cannot parse, and ldapts would wait for the operation timer. Failing
 * on the first byte turns that into a coded error at once.
 */
function checkFirstByte<S extends Socket>(socket: S): S {
  socket.once('data', (chunk: Buffer) => {
    if (chunk.length > 0 && chunk[0] !== BER_SEQUENCE) socket.destroy(new Error(NOT_LDAP_MARKER));
  });
  return socket;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** ldapts' entry object to ours: lower-cased names, string values, binary values in hex. */
export function toRawEntry(entry: Entry): RawEntry {
  const attributes: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(entry)) {
    if (name === 'dn') continue;
    const values = (Array.isArray(value) ? value : [value]).map(textOf).filter((v) => v !== '');
    if (values.length === 0) continue;
    const key = name.toLowerCase();
    attributes[key] = [...(attributes[key] ?? []), ...values];
  }
  return { dn: entry.dn, attributes };
}

function textOf(value: Buffer | string): string {
  if (typeof value === 'string') return value;
  try {
    const text = UTF8.decode(value);
    // eslint-disable-next-line no-control-regex
    if (!/[\u0000-\u0008\u000e-\u001f]/.test(text)) return text;
  } catch {
    // not UTF-8: binary (e.g. AD objectGUID)
  }
  return value.toString('hex');
}
