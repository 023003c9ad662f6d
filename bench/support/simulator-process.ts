/**
 * The scenario side of bench/support/sim-host.ts: start a simulator in its own process, read its
 * coordinates, ask for its statistics, stop it. The simulator process is ended with the scenario
 * process in any case (its stdin closes).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Auth0SimulatorOptions } from '../simulators/auth0.js';
import type { CrmBenchOptions } from '../simulators/crm.js';
import type { KeycloakSimulatorOptions } from '../simulators/keycloak.js';
import type { OktaSimulatorOptions } from '../simulators/okta.js';
import type { ScimSimulatorOptions } from '../simulators/scim.js';

export type SimulatorSpec =
  | { kind: 'keycloak'; options: KeycloakSimulatorOptions }
  | { kind: 'auth0'; options: Auth0SimulatorOptions }
  | { kind: 'okta'; options: OktaSimulatorOptions }
  | { kind: 'scim'; options: ScimSimulatorOptions }
  | { kind: 'ldap'; options: { entries: number } }
  | { kind: 'crm'; options: CrmBenchOptions };

export type SimulatorInfo =
  | { kind: 'keycloak'; baseUrl: string; realm: string }
  | { kind: 'auth0'; domain: string; ca: string }
  | { kind: 'okta'; orgUrl: string; ca: string }
  | { kind: 'scim'; baseUrl: string; ca: string }
  | { kind: 'ldap'; url: string; bindDn: string; bindPassword: string; baseDn: string; loadMs: number; ldifMs: number; ca: string }
  /** One server: Salesforce answers on https://127.0.0.1:<port> (login and instance), HubSpot on https://localhost:<port>. */
  | { kind: 'crm'; salesforceUrl: string; hubspotUrl: string; ca: string; salesforceLinkField: string; hubspotLinkProperty: string };

export interface SimulatorStats {
  /** Requests the simulator answered (0 for slapd: it is not instrumented). */
  requests: number;
  byStatus?: Record<string, number>;
  /** Okta: requests to the users endpoint (the rate-limited bucket). */
  usersRequests?: number;
  /** Okta: users requests served per fixed clock minute, the way the vendor counts its bucket. */
  fixedWindows?: Array<{ start: number; count: number }>;
  /** CRM: every request answered so far, per system and status (not bounded by the request log). */
  bySystem?: { salesforce: Record<string, number>; hubspot: Record<string, number> };
  /**
   * CRM: arrival times (epoch ms) of the HubSpot requests the simulator admitted (not answered 429),
   * from its request log: the latest `requestLogLimit` requests of both systems.
   */
  hubspotAdmittedAt?: number[];
  /** CPU time (user + system) of the simulator process so far, in seconds. */
  cpuSeconds?: number;
}

export interface SimulatorProcess<K extends SimulatorSpec['kind'] = SimulatorSpec['kind']> {
  info: Extract<SimulatorInfo, { kind: K }>;
  stats(): Promise<SimulatorStats>;
  /** Stop the simulator; resolves with the simulator process's peak RSS (KiB). */
  close(): Promise<{ maxRssKB: number }>;
}

const HOST_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'sim-host.js');

export async function startSimulatorProcess<S extends SimulatorSpec>(spec: S, options: { startTimeoutMs?: number } = {}): Promise<SimulatorProcess<S['kind']>> {
  const child = spawn(process.execPath, [HOST_SCRIPT, spec.kind, JSON.stringify(spec.options)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const waiting = new Map<string, Array<(body: unknown) => void>>();
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    const space = line.indexOf(' ');
    const tag = space > 0 ? line.slice(0, space) : line;
    const resolveNext = waiting.get(tag)?.shift();
    if (resolveNext) resolveNext(JSON.parse(line.slice(space + 1)) as unknown);
  });
  const next = (tag: string, timeoutMs: number): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const onExit = () => reject(new Error(`simulator ${spec.kind} exited (${child.exitCode ?? child.signalCode}) before ${tag}: ${stderr.trim()}`));
      const timer = setTimeout(() => {
        child.off('exit', onExit);
        reject(new Error(`simulator ${spec.kind}: no ${tag} within ${Math.round(timeoutMs / 1000)} s; stderr: ${stderr.trim()}`));
      }, timeoutMs);
      child.once('exit', onExit);
      const list = waiting.get(tag) ?? [];
      list.push((body) => {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(body);
      });
      waiting.set(tag, list);
    });
  let closing: Promise<{ maxRssKB: number }> | undefined;
  try {
    const info = (await next('READY', options.startTimeoutMs ?? 60_000)) as Extract<SimulatorInfo, { kind: S['kind'] }>;
    return {
      info,
      stats: async () => {
        const reply = next('STATS', 30_000);
        child.stdin.write('stats\n');
        return (await reply) as SimulatorStats;
      },
      close: () => {
        closing ??= (async () => {
          if (child.exitCode !== null || child.signalCode !== null) return { maxRssKB: 0 };
          const reply = next('CLOSED', 60_000);
          child.stdin.end('close\n');
          return (await reply) as { maxRssKB: number };
        })();
        return closing;
      },
    };
  } catch (err) {
    kill(child);
    throw err;
  }
}

function kill(child: ChildProcessWithoutNullStreams): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
}
