/**
 * Runs one simulator (bench/simulators/*) in a process of its own, so that the scenario process
 * measures the scanner alone (its peak RSS, its CPU) and the simulator gets the other core.
 *
 *   node dist/bench/support/sim-host.js <kind> '<options as JSON>'
 *
 * Protocol (one JSON message per line on stdout, commands on stdin):
 *   → `READY {...}`   the simulator's coordinates (URLs, CA, credentials of the local test server)
 *   ← `stats`         → `STATS {...}`   what the simulator served so far
 *   ← `close` or EOF  → `CLOSED {...}`  after the simulator stopped (with this process's peak RSS); then exit
 * Started by bench/support/simulator-process.ts; never used outside the benchmark.
 */
import { createInterface } from 'node:readline';
import { startAuth0Simulator } from '../simulators/auth0.js';
import { HUBSPOT_LINK_PROPERTY, SALESFORCE_LINK_FIELD, startCrmBenchSimulator } from '../simulators/crm.js';
import { startKeycloakSimulator } from '../simulators/keycloak.js';
import { startLdapBench } from '../simulators/ldap.js';
import { startOktaSimulator } from '../simulators/okta.js';
import { startScimSimulator } from '../simulators/scim.js';
import { createCertificateAuthority, issueServerCertificate } from '../../src/demo/certificates.js';
import type { SimulatorInfo, SimulatorSpec, SimulatorStats } from './simulator-process.js';

interface Running {
  info: SimulatorInfo;
  stats(): SimulatorStats;
  close(): Promise<void>;
}

async function start(spec: SimulatorSpec): Promise<Running> {
  switch (spec.kind) {
    case 'keycloak': {
      const sim = await startKeycloakSimulator(spec.options);
      return { info: { kind: 'keycloak', baseUrl: sim.baseUrl, realm: sim.realm }, stats: () => ({ requests: sim.requests() }), close: () => sim.close() };
    }
    case 'auth0': {
      const sim = await startAuth0Simulator(spec.options);
      return {
        info: { kind: 'auth0', domain: sim.domain, ca: sim.ca },
        stats: () => {
          const seen = sim.requests();
          return { requests: seen.length, byStatus: countBy(seen.map((r) => String(r.status))) };
        },
        close: () => sim.close(),
      };
    }
    case 'okta': {
      const sim = await startOktaSimulator(spec.options);
      return {
        info: { kind: 'okta', orgUrl: sim.orgUrl, ca: sim.caPem },
        stats: () => {
          const log = sim.requests();
          // The simulator's own bucket: fixed one-minute windows of GET /api/v1/users (as Okta counts them).
          const served = log.filter((r) => r.path === '/api/v1/users' && r.status !== 429);
          const perMinute = new Map<number, number>();
          for (const r of served) perMinute.set(Math.floor(r.at / 60_000), (perMinute.get(Math.floor(r.at / 60_000)) ?? 0) + 1);
          return {
            requests: log.length,
            byStatus: countBy(log.map((r) => String(r.status))),
            usersRequests: log.filter((r) => r.path === '/api/v1/users').length,
            fixedWindows: [...perMinute].map(([minute, count]) => ({ start: minute * 60_000, count })),
          };
        },
        close: () => sim.close(),
      };
    }
    case 'scim': {
      const sim = await startScimSimulator(spec.options);
      return { info: { kind: 'scim', baseUrl: sim.baseUrl, ca: sim.caPem }, stats: () => ({ requests: sim.requests() }), close: () => sim.close() };
    }
    case 'ldap': {
      // ldaps with a private CA: what a production directory would be read over.
      const ca = await createCertificateAuthority('ciamscan LDAP bench CA', 2);
      const cert = await issueServerCertificate(ca, { hosts: ['127.0.0.1', 'localhost'], days: 2 });
      const bench = await startLdapBench({ entries: spec.options.entries, tls: { ...cert, caPem: ca.certPem } });
      return {
        info: { kind: 'ldap', url: bench.url, bindDn: bench.bindDn, bindPassword: bench.bindPassword, baseDn: bench.baseDn, loadMs: bench.loadMs, ldifMs: bench.ldifMs, ca: ca.certPem },
        stats: () => ({ requests: 0 }),
        close: () => bench.close(),
      };
    }
    case 'crm': {
      const sim = await startCrmBenchSimulator(spec.options);
      return {
        info: {
          kind: 'crm',
          salesforceUrl: sim.salesforce.instanceUrl,
          hubspotUrl: sim.hubspot.basePath,
          ca: sim.caPem,
          salesforceLinkField: SALESFORCE_LINK_FIELD,
          hubspotLinkProperty: HUBSPOT_LINK_PROPERTY,
        },
        stats: () => {
          const counts = sim.counts();
          const bySystem = { salesforce: stringKeys(counts.salesforce), hubspot: stringKeys(counts.hubspot) };
          const total = (byStatus: Record<string, number>) => Object.values(byStatus).reduce((a, b) => a + b, 0);
          return {
            requests: total(bySystem.salesforce) + total(bySystem.hubspot),
            bySystem,
            // HubSpot's rolling window is enforced on arrival times: the admitted ones, for the scenario to check.
            hubspotAdmittedAt: sim
              .requests()
              .filter((r) => r.system === 'hubspot' && r.status !== 429)
              .map((r) => r.at),
          };
        },
        close: () => sim.close(),
      };
    }
  }
}

function stringKeys(counts: Record<number, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).map(([status, n]) => [String(status), n]));
}

function cpuSeconds(): number {
  const cpu = process.cpuUsage();
  return Math.round((cpu.user + cpu.system) / 10_000) / 100;
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

function send(tag: string, body: unknown): void {
  process.stdout.write(`${tag} ${JSON.stringify(body)}\n`);
}

async function main(): Promise<void> {
  const [kind, json] = process.argv.slice(2);
  const spec = { kind, options: JSON.parse(json ?? '{}') as unknown } as SimulatorSpec;
  const running = await start(spec);
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= running
      .close()
      .then(() => send('CLOSED', { maxRssKB: process.resourceUsage().maxRSS }))
      .finally(() => process.exit(0));
    return closing;
  };
  // slapd is a child of this process: stop it on a signal too, not only on `close`.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void close());
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const command = line.trim();
    if (command === 'stats') send('STATS', { ...running.stats(), cpuSeconds: cpuSeconds() });
    else if (command === 'close') void close();
  });
  lines.on('close', () => void close());
  send('READY', running.info);
}

main().catch((err: unknown) => {
  process.stderr.write(`sim-host: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
