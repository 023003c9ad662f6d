import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeySighting, PriorObservations } from '../inventory.js';
import { ConfigError } from '../model/errors.js';
import type { ScanReport } from '../model/report.js';

/**
 * Stored reports, one JSON file per scan, named by start time so that a directory listing is the
 * timeline. Scheduled jobs point `--history DIR` at the same directory on every run.
 */
export function storeReport(dir: string, report: ScanReport): string {
  mkdirSync(dir, { recursive: true });
  const name = `report-${report.startedAt.replace(/[:.]/g, '-')}.json`;
  const path = join(dir, name);
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}

export function listReports(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return [];
    throw new ConfigError([`${dir}: cannot read the history directory (${(err as { code?: string }).code ?? 'error'}) — fix: check the path and permissions`]);
  }
  return names.filter((n) => /^report-.*\.json$/.test(n)).sort().map((n) => join(dir, n));
}

export function readReport(path: string): ScanReport {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError([`${path}: cannot read the report (${(err as { code?: string }).code ?? 'error'}) — fix: check the path`]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ConfigError([`${path}: not valid JSON (${(err as Error).message}) — fix: give a report.json written by ciamscan`]);
  }
  if (!parsed || typeof parsed !== 'object' || typeof (parsed as ScanReport).schemaVersion !== 'string' || !Array.isArray((parsed as ScanReport).results)) {
    throw new ConfigError([`${path}: not a ciamscan report (no schemaVersion or results) — fix: give a report.json written by ciamscan`]);
  }
  const major = (parsed as ScanReport).schemaVersion.split('.')[0];
  if (major !== '1') {
    throw new ConfigError([`${path}: report schema ${(parsed as ScanReport).schemaVersion} is not supported by this version (1.x) — fix: use a matching ciamscan version`]);
  }
  return parsed as ScanReport;
}

/** What rules need from the past: the key sightings KEY-ROTATION recorded in the latest report. */
export function priorObservations(dir: string | undefined): PriorObservations {
  const prior: PriorObservations = { keySightings: {} };
  if (!dir) return prior;
  const latest = listReports(dir).at(-1);
  if (!latest) return prior;
  const report = readReport(latest);
  prior.since = report.startedAt;
  for (const result of report.results) {
    if (result.ruleId !== 'KEY-ROTATION') continue;
    const keys = (result.evidence as { keys?: unknown }).keys;
    if (!Array.isArray(keys)) continue;
    const sightings = keys.filter(isSighting);
    (prior.keySightings[result.targetId] ??= {})[result.subject] = sightings;
  }
  return prior;
}

function isSighting(value: unknown): value is KeySighting {
  const v = value as Partial<KeySighting>;
  return typeof v?.thumbprint === 'string' && typeof v.firstSeen === 'string' && typeof v.lastSeen === 'string';
}
