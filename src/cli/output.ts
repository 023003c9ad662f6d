import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from '../log.js';
import { severityRank, type Severity } from '../model/outcome.js';
import type { ScanReport } from '../model/report.js';
import { renderReport } from '../report/index.js';
import { incompleteReasons } from '../scan.js';
import { EXIT } from './exit-codes.js';
import type { OutputPlan, ReportFormat } from './options.js';

export const REPORT_FILE_NAMES: Record<ReportFormat, string> = {
  json: 'report.json',
  md: 'report.md',
  html: 'report.html',
  sarif: 'report.sarif',
};

/** Reports go to files (--out) or, for a single format, to stdout; the human summary never does. */
export function writeReports(report: ScanReport, plan: OutputPlan, stdout: (text: string) => void): string[] {
  if (!plan.outDir) {
    const format = plan.formats[0] ?? 'md';
    stdout(renderReport(report, format));
    return [];
  }
  mkdirSync(plan.outDir, { recursive: true });
  return plan.formats.map((format) => {
    const path = join(plan.outDir as string, REPORT_FILE_NAMES[format]);
    writeFileSync(path, renderReport(report, format));
    return resolve(path);
  });
}

/** 1 when a failure reaches --fail-on; else 3 when a target could not be fully read; else 0. */
export function exitCodeFor(report: ScanReport, failOn: Severity | undefined): number {
  if (failOn && report.results.some((r) => r.outcome === 'fail' && severityRank(r.severity) >= severityRank(failOn))) return EXIT.findings;
  if (!report.summary.complete) return EXIT.incomplete;
  return EXIT.clean;
}

/** The short human summary on stderr. */
export function printSummary(report: ScanReport, log: Logger, files: string[], elapsedMs: number): void {
  const s = report.summary;
  log.info('');
  log.info(`ciamscan ${report.tool.version}: ${report.targets.length} target(s) in ${(elapsedMs / 1000).toFixed(1)} s`);
  for (const t of report.targets) {
    log.info(`  ${t.id}  ${t.kind}  ${t.product}  ${t.complete ? 'complete' : 'INCOMPLETE'}  (${t.coverage.requests} requests)`);
    if (!t.complete) for (const reason of incompleteReasons(t)) log.info(`      ${reason}`);
  }
  const failures = (['critical', 'high', 'medium', 'low', 'info'] as Severity[])
    .filter((sev) => s.failuresBySeverity[sev] > 0)
    .map((sev) => `${s.failuresBySeverity[sev]} ${sev}`)
    .join(', ');
  log.info(
    `Results: ${s.byOutcome.fail} fail${failures ? ` (${failures})` : ''}, ${s.byOutcome.warn} warn, ${s.byOutcome.pass} pass, ${s.byOutcome.info} info, ${s.byOutcome['n/a']} n/a, ${s.byOutcome.unknown} unknown`,
  );
  const top = report.results
    .filter((r) => r.outcome === 'fail')
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.ruleId.localeCompare(b.ruleId))
    .slice(0, 5);
  for (const r of top) log.info(`  FAIL ${r.severity.padEnd(8)} ${r.ruleId}  [${r.targetId}] ${r.message}`);
  log.info(`Maturity: ${report.maturity.overall.statement}`);
  if (files.length) log.info(`Reports: ${files.join(', ')}`);
}
