/**
 * A local CRM simulator for the tests, `ciamscan demo` and the benchmarks: one HTTPS server on
 * 127.0.0.1 speaking the subset of the Salesforce REST API (https://127.0.0.1:<port>) and of the
 * HubSpot CRM v3 API (https://localhost:<port>) that the Salesforce (jsforce) and HubSpot
 * (@hubspot/api-client) connectors use, with the vendors' response shapes, paging and throttling,
 * seeded from synthetic records (src/synthetic/world.ts). The two systems are told apart by the
 * Host header, so a scanner can allow each host name separately.
 *
 * Records are never all held: the `(index) => record` seed form is read on demand, queryMore
 * locators, Bulk API locators and HubSpot cursors encode positions, and Bulk results stream.
 * The pieces live in ./crm-simulator/ (data model, SOQL subset, each vendor's API).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createCertificateAuthority, issueServerCertificate } from './certificates.js';
import type { CrmContacts } from './crm-simulator/dataset.js';
import { sendJson } from './crm-simulator/http.js';
import { HubspotApi } from './crm-simulator/hubspot.js';
import { SalesforceApi } from './crm-simulator/salesforce.js';
import { ORG_ID } from './crm-simulator/salesforce-model.js';

export type { CrmContacts } from './crm-simulator/dataset.js';
export { hubspotContact } from './crm-simulator/hubspot.js';
export { salesforceId, salesforceRow, sfDate } from './crm-simulator/salesforce-model.js';

export interface CrmSimulatorOptions {
  /**
   * From src/demo/certificates.ts; the certificate must name 127.0.0.1 and localhost. `caPem`
   * (the issuing CA, returned as RunningCrmSimulator.caPem) is an addition to the contract; when
   * `tls` is left out the simulator makes its own CA and certificate.
   */
  tls?: { certPem: string; keyPem: string; caPem?: string };
  salesforce?: {
    /** Records with lifecycle 'lead' become Leads, the others Contacts. */
    contacts: CrmContacts;
    /** Custom field API name holding the identity key, e.g. 'IdP_Subject__c' (External ID + unique in describe). */
    linkField?: string;
    /** Default: the three standard rules a new org ships with, active. */
    duplicateRules?: Array<{ DeveloperName: string; IsActive: boolean; SobjectType: string }>;
    /** /limits DailyApiRequests.Max (default 100,000); beyond it: 403 REQUEST_LIMIT_EXCEEDED. */
    dailyApiRequests?: number;
    personAccounts?: boolean;
  };
  hubspot?: {
    contacts: CrmContacts;
    /** Contact property with hasUniqueValue true holding the identity key, e.g. 'idp_subject'. */
    linkProperty?: string;
    /** Requests per rolling 10 s per token (default 100); beyond: 429 with X-HubSpot-RateLimit-* headers. */
    tenSecondLimit?: number;
    /** Requests per day per token (default 250,000). */
    dailyLimit?: number;
  };
  /** Bearer token both APIs accept (default: anything non-empty). */
  token?: string;
  /** Addition: how many requests requests() keeps, newest last (a ring buffer; default 100,000). */
  requestLogLimit?: number;
}

export interface SimulatedCrmRequest {
  system: 'salesforce' | 'hubspot';
  method: string;
  path: string;
  status: number;
  at: number;
}

export interface RunningCrmSimulator {
  /** Both https://127.0.0.1:<port>; the token endpoint is {loginUrl}/services/oauth2/token. */
  salesforce: { loginUrl: string; instanceUrl: string };
  /** https://localhost:<port> */
  hubspot: { basePath: string };
  caPem: string;
  /** The latest requests (see requestLogLimit), oldest first. */
  requests(): SimulatedCrmRequest[];
  /** Addition: every request ever served, by system and status (not bounded by the log). */
  counts(): { salesforce: Record<number, number>; hubspot: Record<number, number> };
  close(): Promise<void>;
}

const SALESFORCE_HOST = '127.0.0.1';
const HUBSPOT_HOST = 'localhost';

export async function startCrmSimulator(options: CrmSimulatorOptions): Promise<RunningCrmSimulator> {
  let tls = options.tls;
  let caPem = tls?.caPem;
  if (!tls) {
    const ca = await createCertificateAuthority('ciamscan CRM simulator CA', 2);
    tls = { ...(await issueServerCertificate(ca, { hosts: [SALESFORCE_HOST, HUBSPOT_HOST], days: 2 })), caPem: ca.certPem };
    caPem = ca.certPem;
  }
  const issuedToken = `${ORG_ID.slice(0, 15)}!${randomBytes(48).toString('base64url')}`;
  const salesforce = options.salesforce ? new SalesforceApi(options.salesforce, { token: options.token, issuedToken }) : undefined;
  const hubspot = options.hubspot ? new HubspotApi(options.hubspot, { token: options.token }) : undefined;
  const log = new RequestLog(options.requestLogLimit ?? 100_000);
  let port = 0;

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const at = Date.now();
    const host = hostName(req);
    const system = host === HUBSPOT_HOST ? 'hubspot' : 'salesforce';
    const origin = `https://${host === HUBSPOT_HOST ? HUBSPOT_HOST : SALESFORCE_HOST}:${port}`;
    const url = new URL(req.url ?? '/', origin);
    res.on('finish', () => log.add({ system, method: req.method ?? 'GET', path: url.pathname, status: res.statusCode, at }));
    res.on('close', () => {
      if (!res.writableFinished) log.add({ system, method: req.method ?? 'GET', path: url.pathname, status: res.statusCode, at });
    });
    handle(req, res, url, host, origin).catch((caught: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const message = caught instanceof Error ? caught.message : String(caught);
      if (system === 'hubspot') sendJson(res, 500, { status: 'error', message: `Internal error: ${message}`, category: 'INTERNAL_ERROR' });
      else sendJson(res, 500, [{ message: `An unexpected error occurred: ${message}`, errorCode: 'UNKNOWN_EXCEPTION' }]);
    });
  };
  const serverOptions = { cert: tls.certPem, key: tls.keyPem, keepAliveTimeout: 30_000 };
  const server = createServer(serverOptions, onRequest);

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL, host: string, origin: string): Promise<void> {
    if (host === SALESFORCE_HOST) {
      if (!salesforce) return sendJson(res, 404, [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
      return salesforce.handle(req, res, url, origin);
    }
    if (host === HUBSPOT_HOST) {
      if (!hubspot) return sendJson(res, 404, { status: 'error', message: 'Not found', category: 'OBJECT_NOT_FOUND' });
      return hubspot.handle(req, res, url);
    }
    return sendJson(res, 421, { message: `Unknown host ${host}: Salesforce answers on ${SALESFORCE_HOST}, HubSpot on ${HUBSPOT_HOST}` });
  }

  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, SALESFORCE_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  // Where localhost resolves to ::1 first, HubSpot's host name must answer there too (same port).
  const ipv6 = await listenIpv6(createServer(serverOptions, onRequest), port, sockets);
  const salesforceOrigin = `https://${SALESFORCE_HOST}:${port}`;
  return {
    salesforce: { loginUrl: salesforceOrigin, instanceUrl: salesforceOrigin },
    hubspot: { basePath: `https://${HUBSPOT_HOST}:${port}` },
    caPem: caPem ?? tls.certPem,
    requests: () => log.entries(),
    counts: () => log.counts(),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      const closing = [server, ...(ipv6 ? [ipv6] : [])].map(
        (s) =>
          new Promise<void>((resolve, reject) => {
            s.closeAllConnections();
            s.close((err) => (err ? reject(err) : resolve()));
          }),
      );
      await Promise.all(closing);
    },
  };
}

/** A second listener on [::1]:port, or undefined where IPv6 loopback is not available (or the port is taken there). */
async function listenIpv6(server: Server, port: number, sockets: Set<Socket>): Promise<Server | undefined> {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) => {
    server.once('error', () => resolve(undefined));
    server.listen(port, '::1', () => resolve(server));
  });
}

/** The Host header's name, without the port (IPv6 literals keep their brackets off). */
function hostName(req: IncomingMessage): string {
  const host = (req.headers.host ?? SALESFORCE_HOST).toLowerCase();
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon >= 0 ? host.slice(0, colon) : host;
}

/** The newest `limit` requests (a ring buffer) plus unbounded per-status counters. */
class RequestLog {
  readonly #ring: SimulatedCrmRequest[] = [];
  #next = 0;
  readonly #counts = { salesforce: {} as Record<number, number>, hubspot: {} as Record<number, number> };

  constructor(private readonly limit: number) {}

  add(entry: SimulatedCrmRequest): void {
    this.#counts[entry.system][entry.status] = (this.#counts[entry.system][entry.status] ?? 0) + 1;
    if (this.limit <= 0) return;
    if (this.#ring.length < this.limit) this.#ring.push(entry);
    else this.#ring[this.#next] = entry;
    this.#next = (this.#next + 1) % this.limit;
  }

  entries(): SimulatedCrmRequest[] {
    if (this.#ring.length < this.limit) return [...this.#ring];
    return [...this.#ring.slice(this.#next), ...this.#ring.slice(0, this.#next)];
  }

  counts(): { salesforce: Record<number, number>; hubspot: Record<number, number> } {
    return { salesforce: { ...this.#counts.salesforce }, hubspot: { ...this.#counts.hubspot } };
  }
}
