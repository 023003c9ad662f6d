import type { AnyConnector, BaseTargetConfig, CollectContext } from '../../src/connector.js';
import { targetHttp } from '../../src/http/target-clients.js';
import { mergeLimits } from '../../src/http/defaults.js';
import { createRateGovernor } from '../../src/http/governor.js';
import type { HttpLimits, HttpRequest } from '../../src/http/types.js';
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
  const record = (req: HttpRequest) => {
    requests.push({ method: req.method ?? 'GET', url: req.url, ...(req.intent ? { intent: req.intent } : {}) });
  };
  const ctx: CollectContext = {
    targetId: target.id,
    baseDir: options.baseDir ?? process.cwd(),
    http: targetHttp({
      targetId: target.id,
      namedHosts: connector.namedHosts(target),
      limits,
      governor,
      allowedPosts: connector.allowedPosts,
      secrets: redactor,
      ...(options.ca ? { ca: options.ca } : {}),
      ...(options.extraHosts ? { extraHosts: options.extraHosts } : {}),
      wrap: (inner) => ({
        request: (req) => {
          record(req);
          return inner.request(req);
        },
        stream: (req) => {
          record(req);
          return inner.stream(req);
        },
        stats: () => inner.stats(),
      }),
    }),
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
