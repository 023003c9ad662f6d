/**
 * The CollectContext of a benchmark: what src/scan.ts builds for a target (the real HTTP client
 * with the target's limits, trust anchor, host allow-list and POST allow-list, one rate governor
 * shared by every client of the target), plus accounting the scan does not need: every response
 * body's size, and the HTTP statistics of all clients merged (HttpStats.startTimes included).
 */
import { pipeline, Transform, type Readable } from 'node:stream';
import type { AnyConnector, BaseTargetConfig, CollectContext } from '../../src/connector.js';
import { targetHttp } from '../../src/http/target-clients.js';
import { mergeLimits } from '../../src/http/defaults.js';
import { createRateGovernor } from '../../src/http/governor.js';
import type { HttpClient, HttpLimits, HttpStats } from '../../src/http/types.js';
import { createLogger } from '../../src/log.js';
import { Redactor } from '../../src/privacy/redact.js';

export interface BenchContextOptions {
  /** Layered over the connector's defaultLimits (like a target's `limits`). */
  limits?: Partial<HttpLimits>;
  /** PEM trust anchor of the local server (the target's tls.caFile). */
  ca?: string;
  /** Values to redact from log lines. */
  secrets?: string[];
  /** Progress lines (at most one per `progressEveryMs`). */
  log?: (message: string) => void;
  progressEveryMs?: number;
}

export interface BenchContext {
  ctx: CollectContext;
  limits: HttpLimits;
  /** Every HTTP client of the target merged; startTimes sorted. */
  httpStats(): HttpStats;
  /** Response body bytes as received (compressed where the server compressed them). */
  responseBytes(): number;
}

/** Rates out of the way: for throughput runs, where the vendor's limit is not what is measured. */
export const LIFTED_RATE: Partial<HttpLimits> = { requestsPerSecond: 1_000_000, burst: 1_000_000 };

export function benchCollectContext(connector: AnyConnector, target: BaseTargetConfig, options: BenchContextOptions = {}): BenchContext {
  const redactor = new Redactor();
  for (const secret of options.secrets ?? []) redactor.add(secret);
  const limits = mergeLimits(connector.defaultLimits, connector.limitsFor?.(target), options.limits);
  const governor = createRateGovernor(limits);
  const clients: HttpClient[] = [];
  let bytes = 0;
  const log = options.log ?? (() => undefined);
  const every = options.progressEveryMs ?? 15_000;
  let lastProgress = 0;

  const ctx: CollectContext = {
    targetId: target.id,
    baseDir: process.cwd(),
    http: targetHttp({
      targetId: target.id,
      namedHosts: connector.namedHosts(target),
      limits,
      governor,
      allowedPosts: connector.allowedPosts,
      secrets: redactor,
      ...(options.ca ? { ca: options.ca } : {}),
      wrap: (inner) => ({
        request: async (req) => {
          const res = await inner.request(req);
          bytes += res.body.length;
          return res;
        },
        stream: async (req) => {
          const res = await inner.stream(req);
          return { ...res, body: counted(res.body, (n) => (bytes += n)) };
        },
        stats: () => inner.stats(),
      }),
      onClient: (client) => clients.push(client),
    }),
    governor,
    limits,
    ...(options.ca ? { ca: options.ca } : {}),
    progress: (message, counts) => {
      const now = Date.now();
      if (!counts || now - lastProgress < every) return;
      lastProgress = now;
      log(`${message}: ${counts.done.toLocaleString('en-US')}${counts.total !== undefined ? ` / ${counts.total.toLocaleString('en-US')}` : ''}`);
    },
    log: createLogger({ level: 'warn', redactor, write: (line) => log(line) }),
    signal: new AbortController().signal,
    secrets: redactor,
    now: () => new Date(),
  };

  return {
    ctx,
    limits,
    responseBytes: () => bytes,
    httpStats: () => mergeStats(clients.map((c) => c.stats())),
  };
}

function counted(body: Readable, add: (n: number) => void): Readable {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      add(chunk.length);
      done(null, chunk);
    },
  });
  // pipeline forwards an error of the source (e.g. BODY_TOO_LARGE) to the stream the connector reads.
  return pipeline(body, counter, () => undefined);
}

export function mergeStats(all: HttpStats[]): HttpStats {
  const byHost: Record<string, number> = {};
  for (const s of all) for (const [host, n] of Object.entries(s.byHost)) byHost[host] = (byHost[host] ?? 0) + n;
  return {
    requests: all.reduce((a, s) => a + s.requests, 0),
    retries: all.reduce((a, s) => a + s.retries, 0),
    throttled: all.reduce((a, s) => a + s.throttled, 0),
    byHost,
    startTimes: all.flatMap((s) => s.startTimes ?? []).sort((a, b) => a - b),
  };
}
