import type { AnyConnector, BaseTargetConfig, CollectContext } from '../../src/connector.js';
import { createHttpClient } from '../../src/http/client.js';
import { mergeLimits } from '../../src/http/defaults.js';
import { createRateGovernor } from '../../src/http/governor.js';
import type { HttpClient, HttpLimits, HttpRequest } from '../../src/http/types.js';
import { silentLogger } from '../../src/log.js';
import { Redactor } from '../../src/privacy/redact.js';

/**
 * A CollectContext for connector tests: the real HTTP client (limits, allow-list, POST allow-list)
 * with every request recorded, so suites can assert what was sent (the read-only allow-list test).
 */
export interface RecordedRequest {
  method: string;
  url: string;
  intent?: string;
}

export interface TestContext {
  ctx: CollectContext;
  requests: RecordedRequest[];
  redactor: Redactor;
}

export function testCollectContext(
  connector: AnyConnector,
  target: BaseTargetConfig,
  options: { limits?: Partial<HttpLimits>; ca?: string; extraHosts?: string[]; secrets?: string[]; baseDir?: string } = {},
): TestContext {
  const redactor = new Redactor();
  for (const s of options.secrets ?? []) redactor.add(s);
  // Fast by default; tests that exercise limits pass their own.
  const limits = mergeLimits(connector.defaultLimits, connector.limitsFor?.(target), { requestsPerSecond: 1000, burst: 1000, maxRetryWaitMs: 2000, ...options.limits });
  const governor = createRateGovernor(limits);
  const requests: RecordedRequest[] = [];
  const clients = new Map<string, HttpClient>();
  const ctx: CollectContext = {
    targetId: target.id,
    baseDir: options.baseDir ?? process.cwd(),
    http(httpOptions) {
      const extra = [...(httpOptions?.extraHosts ?? []), ...(options.extraHosts ?? [])].sort();
      const key = extra.join(',');
      let client = clients.get(key);
      if (!client) {
        const inner = createHttpClient(
          {
            targetId: target.id,
            allowedHosts: [...connector.namedHosts(target), ...extra],
            limits,
            ...(options.ca ? { ca: options.ca } : {}),
            secrets: redactor,
            allowedPosts: connector.allowedPosts,
          },
          { governor },
        );
        const record = (req: HttpRequest) => {
          requests.push({ method: req.method ?? 'GET', url: req.url, ...(req.intent ? { intent: req.intent } : {}) });
        };
        client = {
          request: (req) => {
            record(req);
            return inner.request(req);
          },
          stream: (req) => {
            record(req);
            return inner.stream(req);
          },
          stats: () => inner.stats(),
        };
        clients.set(key, client);
      }
      return client;
    },
    governor,
    limits,
    ...(options.ca ? { ca: options.ca } : {}),
    progress: () => undefined,
    log: silentLogger(redactor),
    signal: new AbortController().signal,
    secrets: redactor,
    now: () => new Date(),
  };
  return { ctx, requests, redactor };
}

/**
 * The read-only allow-list: every recorded request is a read, or a POST the connector documents
 * (the HTTP client enforces it; this checks what the connector actually tried).
 */
export function nonReadRequests(connector: AnyConnector, requests: RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => {
    if (r.method === 'GET' || r.method === 'HEAD' || r.method === 'OPTIONS') return false;
    if (r.method !== 'POST') return true;
    const path = new URL(r.url).pathname;
    return !connector.allowedPosts.some((a) => a.intent === r.intent && a.path.test(path));
  });
}
