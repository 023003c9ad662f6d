/**
 * Real local servers for the HTTP client suites, on 127.0.0.1 with an ephemeral port. Each counts
 * the requests it saw and the maximum it had in flight, so suites assert on counts, not on time.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, index: number) => void;

export interface TestServer {
  /** `http://127.0.0.1:<port>` (or https). */
  origin: string;
  port: number;
  seen: SeenRequest[];
  hits(): number;
  maxInFlight(): number;
  close(): Promise<void>;
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: http.Server | net.Server, sockets: Set<net.Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  if (server instanceof http.Server) server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function instrument(server: http.Server, handler: Handler, scheme: 'http' | 'https', port: number): TestServer {
  const seen: SeenRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const index = seen.length;
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => {
      inFlight -= 1;
    });
    handler(req, res, index);
  });
  return {
    origin: `${scheme}://127.0.0.1:${port}`,
    port,
    seen,
    hits: () => seen.length,
    maxInFlight: () => maxInFlight,
    close: () => closeServer(server, sockets),
  };
}

export async function startHttpServer(handler: Handler): Promise<TestServer> {
  const server = http.createServer();
  const port = await listen(server);
  return instrument(server, handler, 'http', port);
}

export async function startHttpsServer(tls: { certPem: string; keyPem: string }, handler: Handler): Promise<TestServer> {
  const server = https.createServer({ cert: tls.certPem, key: tls.keyPem });
  const port = await listen(server);
  return instrument(server, handler, 'https', port);
}

/** A TCP server that accepts connections and never says a word (a stalled TLS handshake). */
export async function startSilentTcpServer(): Promise<{ port: number; connections(): number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server);
  return { port, connections: () => connections, close: () => closeServer(server, sockets) };
}

/** A port on 127.0.0.1 where nothing listens (bound, then released). */
export async function refusedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function sendJson(res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}
