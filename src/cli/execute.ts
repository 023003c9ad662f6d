import type { CiamscanConfig } from '../config/schema.js';
import { priorObservations, storeReport } from '../history/store.js';
import { createLogger, type Logger } from '../log.js';
import { Redactor } from '../privacy/redact.js';
import { Pseudonymizer } from '../privacy/pseudonym.js';
import { runScan, type PlannedTarget } from '../scan.js';
import { RULES } from '../../rules/index.js';
import type { ScanReport } from '../model/report.js';
import { exitCodeFor, printSummary, writeReports } from './output.js';
import type { OutputPlan } from './options.js';

export interface ExecuteInput {
  targets: PlannedTarget[];
  config: Pick<CiamscanConfig, 'profile' | 'contact' | 'defaults' | 'rules' | 'history' | 'identity'>;
  env?: Record<string, string | undefined>;
  baseDir: string;
  secrets: string[];
  plan: OutputPlan;
  stdout: (text: string) => void;
  stderr: (line: string) => void;
}

export function loggerFor(plan: Pick<OutputPlan, 'quiet' | 'verbose'>, redactor: Redactor, stderr: (line: string) => void): Logger {
  return createLogger({ level: plan.quiet ? 'error' : plan.verbose ? 'debug' : 'info', redactor, write: stderr });
}

/** Run a scan and deliver it: reports, history, summary, exit code. */
export async function executeScan(input: ExecuteInput): Promise<{ code: number; report: ScanReport; files: string[] }> {
  const redactor = new Redactor();
  for (const secret of input.secrets) redactor.add(secret);
  const log = loggerFor(input.plan, redactor, input.stderr);
  const historyDir = input.plan.historyDir ?? input.config.history?.dir;
  const started = Date.now();
  const config = input.plan.profile ? { ...input.config, profile: input.plan.profile } : input.config;
  const { report } = await runScan({
    targets: input.targets,
    config,
    baseDir: input.baseDir,
    rules: RULES,
    log,
    redactor,
    prior: priorObservations(historyDir),
    pseudonymizer: Pseudonymizer.fromEnv(input.env ?? {}),
    ...(input.plan.failOn ? { failOn: input.plan.failOn } : {}),
  });
  const files = writeReports(report, input.plan, input.stdout);
  if (historyDir) files.push(storeReport(historyDir, report));
  printSummary(report, log, files, Date.now() - started);
  return { code: exitCodeFor(report, input.plan.failOn), report, files };
}
