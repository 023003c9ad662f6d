import type { CollectContext } from '../../src/connector.js';
import type { StoreCollection } from '../../src/connector-kit/store-collection.js';
import type { AuthorizationServerFacts } from '../../src/model/as-facts.js';
import type { Observation } from '../../src/model/observation.js';
import type { DatasetCoverage } from '../../src/model/snapshot.js';
import { collectOidc } from '../oidc/collect.js';
import type { OidcTargetConfig } from '../oidc/config.js';
import { interpretOidc } from '../oidc/interpret.js';
import { oidcSnapshot } from '../oidc/snapshot.js';
import type { OktaTargetConfig } from './config.js';
import { str } from './json.js';
import type { RawAuthorizationServer } from './raw.js';

/**
 * Each ACTIVE custom authorization server is also an authorization server seen from outside: the
 * OIDC connector's collect + interpret run on its issuer with the same context (same limits and
 * allow-list). An issuer on a host the target does not name (a custom domain) is not contacted.
 */
export interface ServerScans {
  servers: AuthorizationServerFacts[];
  datasets: DatasetCoverage[];
}

export async function scanAuthorizationServers(
  listed: Observation<RawAuthorizationServer[]>,
  config: OktaTargetConfig,
  ctx: CollectContext,
  collection: StoreCollection,
  allowedHosts: string[],
): Promise<ServerScans> {
  const out: ServerScans = { servers: [], datasets: [] };
  if (listed.state === 'unknown') return out;
  const probedHosts = new Set<string>();
  for (const { server } of listed.value) {
    const issuer = str(server, 'issuer');
    if (str(server, 'status') !== 'ACTIVE' || !issuer) continue;
    const label = `authorization server ${str(server, 'name') ?? str(server, 'id') ?? issuer}`;
    let host: string;
    try {
      host = new URL(issuer).hostname.toLowerCase();
    } catch {
      out.datasets.push({ name: `${label}: discovery`, state: 'not-read', reason: 'its issuer is not a URL' });
      continue;
    }
    if (!allowedHosts.includes(host)) {
      out.datasets.push({
        name: `${label}: discovery`,
        state: 'not-read',
        reason: `issuer host ${host} is not among the hosts this target may contact; add it to allowHosts to scan it`,
      });
      continue;
    }
    ctx.progress(label);
    // The TLS handshakes say the same for every server on one host: once per host is enough.
    const tlsProbe = config.tlsProbe !== false && !probedHosts.has(host);
    probedHosts.add(host);
    const oidcConfig: OidcTargetConfig = { id: config.id, type: 'oidc', issuer, tlsProbe, activeProbes: false, ...(config.allowHosts ? { allowHosts: config.allowHosts } : {}) };
    const raw = await collectOidc(oidcConfig, ctx);
    const { facts } = interpretOidc(raw);
    const snapshot = oidcSnapshot(config.id, 'okta', facts, raw);
    out.servers.push(facts);
    out.datasets.push(...snapshot.coverage.datasets.map((d) => ({ ...d, name: `${label}: ${d.name}` })));
    collection.errors.push(...snapshot.errors);
  }
  return out;
}
