import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { AnyConnector, BaseTargetConfig, CollectContext } from './connector.js';
import type { CiamscanConfig } from './config/schema.js';
import { targetHttp } from './http/target-clients.js';
import { mergeLimits } from './http/defaults.js';
import { createRateGovernor } from './http/governor.js';
import type { HttpClient, HttpLimits } from './http/types.js';
import { buildInventory, type PriorObservations } from './inventory.js';
import type { Logger } from './log.js';
import { assessMaturity } from './maturity/assess.js';
import { ConfigError, toScanError } from './model/errors.js';
import { emptyIdentityGraph } from './model/identity.js';
import { buildIdentityGraph } from './identity/graph.js';
import { Pseudonymizer } from './privacy/pseudonym.js';
import type { Severity } from './model/outcome.js';
import type { ScanReport } from './model/report.js';
import { emptyCoverage, isComplete, type SystemSnapshot } from './model/snapshot.js';
import type { Redactor } from './privacy/redact.js';
import { buildReport, type TargetDescription } from './report/build.js';
import type { Rule } from './rules-engine/define.js';
import { evaluateRules } from './rules-engine/evaluate.js';

/** A target to scan: collected live through its connector, or a snapshot made beforehand (offline files). */
export type PlannedTarget =
  | { kind: 'live'; target: BaseTargetConfig; connector: AnyConnector }
  | { kind: 'prepared'; description: TargetDescription; snapshot: SystemSnapshot };

export interface ScanInput {
  targets: PlannedTarget[];
  config: Pick<CiamscanConfig, 'profile' | 'contact' | 'defaults' | 'rules' | 'identity'>;
  /** Keyed pseudonyms for people in output (CIAMSCAN_PSEUDONYM_KEY); a random per-run key when absent. */
  pseudonymizer?: Pseudonymizer;
  baseDir: string;
  rules: readonly Rule[];
  log: Logger;
  redactor: Redactor;
  prior?: PriorObservations;
  failOn?: Severity;
  signal?: AbortSignal;
  now?: () => Date;
  /** Targets read in parallel (each with its own limits). */
  targetConcurrency?: number;
  /** Test seam: observe every HTTP client the scan creates. */
  onHttpClient?: (targetId: string, client: HttpClient) => void;
}

export interface ScanOutcome {
  report: ScanReport;
  snapshots: SystemSnapshot[];
  /** Rules that threw: bugs, reported to the operator. */
  ruleProblems: Array<{ ruleId: string; message: string }>;
}

/** Orchestration: connectors → inventory → (identity graph) → rules → maturity → report. */
export async function runScan(input: ScanInput): Promise<ScanOutcome> {
  const now = input.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const signal = input.signal ?? new AbortController().signal;
  // Every trust-anchor file is read before any request, so a typo fails fast with exit 2.
  const cas = new Map(input.targets.flatMap((t) => (t.kind === 'live' ? [[t.target.id, readCaFile(t.target, input.baseDir)] as const] : [])));

  const snapshots: SystemSnapshot[] = new Array<SystemSnapshot>(input.targets.length);
  let next = 0;
  const worker = async () => {
    while (next < input.targets.length) {
      const index = next++;
      const planned = input.targets[index];
      if (!planned) continue;
      snapshots[index] = planned.kind === 'prepared' ? planned.snapshot : await collectTarget(planned, input, cas.get(planned.target.id), signal, now);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(input.targetConcurrency ?? 4, input.targets.length)) }, worker));

  const scannedAt = startedAt;
  const inventory = buildInventory(snapshots, { scannedAt, settings: { profile: input.config.profile ?? 'default' }, ...(input.prior ? { prior: input.prior } : {}) });
  const descriptions = input.targets.map((t) =>
    t.kind === 'prepared' ? t.description : { id: t.target.id, type: t.target.type, location: t.connector.location(t.target) },
  );
  const pseudonymizer = input.pseudonymizer ?? new Pseudonymizer();
  const hasProfiles = snapshots.some((s) => (s.profiles?.size ?? 0) > 0);
  if (hasProfiles && pseudonymizer.source === 'per-run') {
    input.log.warn('CIAMSCAN_PSEUDONYM_KEY is not set: pseudonyms are random for this run and cannot be compared with other scans');
  }
  const identity = input.config.identity ?? {};
  const { graph } = hasProfiles
    ? buildIdentityGraph(inventory, {
        targets: descriptions,
        pseudonymizer,
        ...(identity.defaultRegion ? { defaultRegion: identity.defaultRegion } : {}),
        ...(identity.threshold !== undefined ? { threshold: identity.threshold } : {}),
        ...(identity.maxClusters !== undefined ? { maxClusters: identity.maxClusters } : {}),
        ...(identity.reveal ? { reveal: true } : {}),
      })
    : { graph: emptyIdentityGraph('no identity store or CRM profiles were read') };
  const { results, problems } = evaluateRules(input.rules, inventory, graph, (input.config.rules ?? {}));
  for (const p of problems) input.log.error(`rule ${p.ruleId} failed to evaluate: ${p.message}`);
  const complete = snapshots.every((s) => isComplete(s.coverage, s.errors));
  const maturity = assessMaturity(results, { complete });
  const report = buildReport({
    startedAt,
    finishedAt: now().toISOString(),
    profile: input.config.profile ?? 'default',
    ...(input.failOn ? { failOn: input.failOn } : {}),
    targets: descriptions,
    snapshots,
    rules: input.rules,
    results,
    graph,
    maturity,
  });
  return { report, snapshots, ruleProblems: problems };
}

/** Why a target is incomplete, in a few words: its errors and the datasets not fully read. */
export function incompleteReasons(snapshot: Pick<SystemSnapshot, 'coverage' | 'errors'>): string[] {
  const datasets = snapshot.coverage.datasets
    .filter((d) => d.state === 'partial' || d.state === 'not-read')
    .map((d) => `${d.name} ${d.state}${d.reason ? ` (${d.reason})` : ''}`);
  const errors = snapshot.errors.length ? [`${snapshot.errors.length} error(s): ${[...new Set(snapshot.errors.map((e) => e.code))].join(', ')}`] : [];
  return [...errors, ...datasets];
}

function readCaFile(target: BaseTargetConfig, baseDir: string): string | undefined {
  const file = (target as { tls?: { caFile?: string } }).tls?.caFile;
  if (!file) return undefined;
  const path = isAbsolute(file) ? file : resolve(baseDir, file);
  try {
    const pem = readFileSync(path, 'utf8');
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no PEM certificate in the file');
    return pem;
  } catch (err) {
    const why = (err as { code?: string }).code ?? (err as Error).message;
    throw new ConfigError([`targets.${target.id}.tls.caFile: cannot use ${file} (${why}) — fix: give a PEM file with the CA certificate(s)`]);
  }
}

async function collectTarget(
  planned: Extract<PlannedTarget, { kind: 'live' }>,
  input: ScanInput,
  ca: string | undefined,
  signal: AbortSignal,
  now: () => Date,
): Promise<SystemSnapshot> {
  const { target, connector } = planned;
  const limits: HttpLimits = mergeLimits(connector.defaultLimits, connector.limitsFor?.(target), input.config.defaults?.limits, (target as { limits?: Partial<HttpLimits> }).limits);
  const governor = createRateGovernor(limits);
  const log = input.log.child(target.id);
  const contact = target.contact ?? input.config.contact;
  const ctx: CollectContext = {
    targetId: target.id,
    baseDir: input.baseDir,
    http: targetHttp({
      targetId: target.id,
      namedHosts: connector.namedHosts(target),
      limits,
      governor,
      allowedPosts: connector.allowedPosts,
      secrets: input.redactor,
      ...(ca ? { ca } : {}),
      ...(contact ? { contact } : {}),
      onClient: (client) => input.onHttpClient?.(target.id, client),
    }),
    governor,
    limits,
    ...(ca ? { ca } : {}),
    progress: (message, counts) => log.debug(counts ? `${message} (${counts.done}${counts.total !== undefined ? `/${counts.total}` : ''})` : message),
    log,
    signal,
    secrets: input.redactor,
    now,
  };
  log.info(`scanning ${connector.location(target)}`);
  try {
    const snapshot = await connector.collect(target, ctx);
    log.info(`done: ${isComplete(snapshot.coverage, snapshot.errors) ? 'complete' : `incomplete — ${incompleteReasons(snapshot).join('; ')}`}`);
    return snapshot;
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    // One failing system never aborts the scan: it becomes an incomplete target with a coded error.
    const error = toScanError(err, connector.location(target));
    log.error(`${error.code}: ${error.message}`);
    return { targetId: target.id, kind: connector.kindOf?.(target) ?? connector.kind, product: 'unknown', facts: {}, coverage: emptyCoverage(), errors: [error] };
  }
}
