import { createHttpClient } from './client.js';
import type { RateGovernor } from './governor.js';
import type { HttpClient, HttpLimits, PostAllowance } from './types.js';

/**
 * The `http` of a CollectContext: one HTTP client per set of extra hosts a connector asks for (an
 * export's download host, a second API host), every one sharing the target's limits and rate
 * governor, named hosts, trust anchor, contact, redactor and POST allow-list. The scan, the
 * connector tests and the benchmarks all build their contexts with it, so what is tested and
 * measured is what a scan runs.
 */
export interface TargetHttpOptions {
  targetId: string;
  /** The hosts the target's config names (connector.namedHosts). */
  namedHosts: string[];
  limits: HttpLimits;
  governor: RateGovernor;
  allowedPosts: PostAllowance[];
  secrets: { redact(text: string): string };
  ca?: string;
  contact?: string;
  /** Hosts every client may also reach (tests that serve a second host). */
  extraHosts?: string[];
  /** Wraps each new client: tests record the requests, benchmarks count the bytes. */
  wrap?: (client: HttpClient) => HttpClient;
  /** Told of each new client (the scan collects their statistics). */
  onClient?: (client: HttpClient) => void;
}

export function targetHttp(options: TargetHttpOptions): (request?: { extraHosts?: string[] }) => HttpClient {
  const clients = new Map<string, HttpClient>();
  return (request) => {
    const extra = [...(request?.extraHosts ?? []), ...(options.extraHosts ?? [])].sort();
    const key = extra.join(',');
    let client = clients.get(key);
    if (!client) {
      const inner = createHttpClient(
        {
          targetId: options.targetId,
          allowedHosts: [...options.namedHosts, ...extra],
          limits: options.limits,
          ...(options.ca ? { ca: options.ca } : {}),
          ...(options.contact ? { contact: options.contact } : {}),
          secrets: options.secrets,
          allowedPosts: options.allowedPosts,
        },
        { governor: options.governor },
      );
      client = options.wrap ? options.wrap(inner) : inner;
      clients.set(key, client);
      options.onClient?.(client);
    }
    return client;
  };
}
