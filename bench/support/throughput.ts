/**
 * The throughput measurement shared by the per-connector scenarios: N synthetic users served by a
 * simulator in its own process, read in full through the real connector's `collect` (real HTTP
 * client and TLS, the connector's own limits with the request rate lifted), every profile streamed
 * into the ProfileStore. A read that is not complete is not a measurement: the scenario fails.
 */
import type { AnyConnector, BaseTargetConfig } from '../../src/connector.js';
import type { HttpLimits } from '../../src/http/types.js';
import type { SystemSnapshot } from '../../src/model/snapshot.js';
import type { Metrics, ScenarioOptions } from '../scenarios/types.js';
import { benchCollectContext, LIFTED_RATE } from './context.js';
import { MiB, retainedBytes, round } from './memory.js';
import { startSimulatorProcess, type SimulatorInfo, type SimulatorSpec, type SimulatorStats } from './simulator-process.js';

export interface ThroughputSpec<S extends SimulatorSpec> {
  connector: AnyConnector;
  simulator: S;
  /** Users the simulator serves: what the read must end with. */
  records: number;
  target(info: Extract<SimulatorInfo, { kind: S['kind'] }>): BaseTargetConfig;
  /** Credentials in the target config (redacted from log lines). */
  secrets?(info: Extract<SimulatorInfo, { kind: S['kind'] }>): string[];
  ca?(info: Extract<SimulatorInfo, { kind: S['kind'] }>): string;
  /** Extra limits over the connector's defaults (the rate is lifted in any case). */
  limits?: Partial<HttpLimits>;
  /** The simulator may need long to start (LDAP: LDIF and slapadd). */
  startTimeoutMs?: number;
  /** Metrics about the simulator's start (LDAP load time). */
  startMetrics?(info: Extract<SimulatorInfo, { kind: S['kind'] }>): Metrics;
  /**
   * Untimed work before the read, with metrics about it (the CRM simulator's record counts, which
   * a real CRM answers from an index, are computed here by one pass over the generated records).
   */
  prepare?(info: Extract<SimulatorInfo, { kind: S['kind'] }>, options: ScenarioOptions): Promise<Metrics>;
  /** The coverage datasets that must be complete and whose pages are counted (default: ['users']). */
  datasets?: string[];
  /** Connector-specific metrics, from the snapshot and the simulator's statistics before and after the read. */
  extraMetrics?(snapshot: SystemSnapshot, simulator: { before: SimulatorStats; after: SimulatorStats }): Metrics;
}

export async function measureThroughput<S extends SimulatorSpec>(spec: ThroughputSpec<S>, options: ScenarioOptions): Promise<Metrics> {
  options.log(`starting the ${spec.simulator.kind} simulator with ${spec.records.toLocaleString('en-US')} users`);
  const sim = await startSimulatorProcess(spec.simulator, { ...(spec.startTimeoutMs ? { startTimeoutMs: spec.startTimeoutMs } : {}) });
  try {
    const info = sim.info;
    const target = spec.target(info);
    const ca = spec.ca?.(info);
    const bench = benchCollectContext(spec.connector, target, {
      limits: { ...spec.limits, ...LIFTED_RATE },
      ...(ca ? { ca } : {}),
      secrets: spec.secrets?.(info) ?? [],
      log: options.log,
    });
    const prepared = (await spec.prepare?.(info, options)) ?? {};
    const simBefore = spec.extraMetrics ? await sim.stats() : undefined;
    const before = retainedBytes();
    options.log(`reading through the ${spec.connector.id} connector`);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const snapshot = await spec.connector.collect(target, bench.ctx);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const after = retainedBytes();
    const datasets = spec.datasets ?? ['users'];
    checkComplete(snapshot, spec.records, datasets);
    const pages = snapshot.coverage.datasets.filter((d) => datasets.includes(d.name)).reduce((a, d) => a + (d.pages ?? 0), 0);
    const http = bench.httpStats();
    const simStats = await sim.stats();
    const store = snapshot.profiles?.size ?? 0;
    const metrics: Metrics = {
      ...(spec.startMetrics?.(info) ?? {}),
      ...prepared,
      records: store,
      seconds: round(seconds, 2),
      recordsPerSecond: Math.round(store / seconds),
      // CPU of the scenario process during the read (user + system): near `seconds`, the scanner is CPU-bound.
      cpuSeconds: round((cpu.user + cpu.system) / 1e6, 1),
      // LDAP does not go through the HTTP client: its operations are counted by the connector.
      requests: http.requests || snapshot.coverage.requests,
      pages,
      retries: http.retries,
      throttled: http.throttled,
      responseMB: http.requests ? round(bench.responseBytes() / MiB, 1) : 'n/a (LDAP)',
      profileStoreMB: round((after - before) / MiB, 1),
      bytesPerProfile: store ? Math.round((after - before) / store) : 0,
      simulatorRequests: simStats.requests || 'n/a',
      ...(simBefore ? spec.extraMetrics?.(snapshot, { before: simBefore, after: simStats }) : {}),
    };
    // Keep the snapshot (and its store) alive until the retained size was taken.
    if (snapshot.profiles?.size !== store) throw new Error('profile store changed size');
    const closed = await sim.close();
    metrics.simulatorPeakRssMB = round(closed.maxRssKB / 1024, 0);
    return metrics;
  } catch (err) {
    await sim.close().catch(() => undefined);
    throw err;
  }
}

/** Only a complete read of every user is a measurement (`datasets`: where the connector reports its records). */
export function checkComplete(snapshot: SystemSnapshot, records: number, datasets: readonly string[] = ['users']): void {
  const problems: string[] = [];
  if (snapshot.errors.length) problems.push(`errors: ${snapshot.errors.map((e) => `${e.code} ${e.message}`).join('; ')}`);
  for (const name of datasets) {
    const dataset = snapshot.coverage.datasets.find((d) => d.name === name);
    if (dataset?.state !== 'complete') problems.push(`${name} dataset ${dataset?.state ?? 'missing'}${dataset?.reason ? ` (${dataset.reason})` : ''}`);
  }
  if (snapshot.profiles?.size !== records) problems.push(`${snapshot.profiles?.size ?? 0} profiles read, ${records} served`);
  if (problems.length) throw new Error(`incomplete read: ${problems.join('; ')}`);
}
