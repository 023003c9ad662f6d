/**
 * The Node agents behind axios. They carry what must hold for every socket the client opens:
 *  - the guarded DNS lookup (no socket to a link-local or metadata address, whatever the name),
 *  - the connect timer (TCP connect and, for https, the TLS handshake must finish within
 *    `connectTimeoutMs`; a server that accepts and then stalls the handshake is cut off),
 *  - TLS verification always on, with an optional extra CA added to Node's public roots.
 */
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { LookupFunction } from 'node:net';
import tls from 'node:tls';
import { CONNECT_TIMEOUT_ERRNO } from './failures.js';

export interface AgentOptions {
  connectTimeoutMs: number;
  lookup: LookupFunction;
  /** Extra trust anchor(s), PEM. */
  ca?: string | undefined;
}

export interface Agents {
  httpAgent: http.Agent;
  httpsAgent: https.Agent;
}

class ConnectTimeoutError extends Error {
  readonly code = CONNECT_TIMEOUT_ERRNO;
  constructor(ms: number) {
    super(`connect timeout after ${ms} ms`);
    this.name = 'ConnectTimeoutError';
  }
}

/**
 * Destroy `socket` unless `readyEvent` ('connect' or 'secureConnect') comes within `ms`. Only new
 * sockets pass through here; a reused keep-alive socket is already connected.
 */
export function armConnectTimer(socket: Duplex, ms: number, readyEvent: 'connect' | 'secureConnect'): void {
  const timer = setTimeout(() => socket.destroy(new ConnectTimeoutError(ms)), ms);
  const clear = (): void => clearTimeout(timer);
  socket.once(readyEvent, clear);
  socket.once('close', clear);
  socket.once('error', clear);
}

class GuardedHttpAgent extends http.Agent {
  readonly #connectTimeoutMs: number;
  constructor(options: http.AgentOptions, connectTimeoutMs: number) {
    super(options);
    this.#connectTimeoutMs = connectTimeoutMs;
  }
  override createConnection(
    options: http.ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    if (socket) armConnectTimer(socket, this.#connectTimeoutMs, 'connect');
    return socket;
  }
}

class GuardedHttpsAgent extends https.Agent {
  readonly #connectTimeoutMs: number;
  constructor(options: https.AgentOptions, connectTimeoutMs: number) {
    super(options);
    this.#connectTimeoutMs = connectTimeoutMs;
  }
  override createConnection(
    options: https.RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    if (socket) armConnectTimer(socket, this.#connectTimeoutMs, 'secureConnect');
    return socket;
  }
}

/** Node's bundled public roots plus the target's CA, so public endpoints of the target keep working. */
export function trustAnchors(ca: string | undefined): string[] | undefined {
  return ca ? [...tls.rootCertificates, ca] : undefined;
}

export function createAgents(options: AgentOptions): Agents {
  // keepAlive: fewer handshakes against the scanned system; idle sockets are unref'd by Node.
  const common = { keepAlive: true, lookup: options.lookup };
  const ca = trustAnchors(options.ca);
  return {
    httpAgent: new GuardedHttpAgent(common, options.connectTimeoutMs),
    httpsAgent: new GuardedHttpsAgent(
      { ...common, rejectUnauthorized: true, ...(ca ? { ca } : {}) },
      options.connectTimeoutMs,
    ),
  };
}
