import { Option, type Command } from 'commander';
import { SEVERITIES, type Severity } from '../model/outcome.js';
import { ConfigError } from '../model/errors.js';

export type ReportFormat = 'json' | 'md' | 'html' | 'sarif';
export const FORMATS: readonly ReportFormat[] = ['json', 'md', 'html', 'sarif'];

export interface CommonOptions {
  format?: string[];
  out?: string;
  failOn?: string;
  quiet?: boolean;
  verbose?: boolean;
  history?: string;
  profile?: string;
}

export interface OutputPlan {
  formats: ReportFormat[];
  outDir?: string;
  failOn?: Severity;
  quiet: boolean;
  verbose: boolean;
  historyDir?: string;
  profile?: 'default' | 'fapi2';
}

/** Accumulates a repeatable option into a list. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The options every scanning command takes (the demo included). */
export function addCommonOptions(command: Command): Command {
  return command
    // Repeatable rather than variadic: a variadic option would swallow the issuer URLs that follow it.
    .addOption(new Option('-f, --format <format>', 'report format: json, md, html, sarif (repeat or comma-separate for several)').argParser(collect))
    .option('-o, --out <dir>', 'write one file per format into DIR (report.json, report.md, report.html, report.sarif)')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a failed rule has this severity or higher').choices([...SEVERITIES]))
    .option('--history <dir>', 'store the report in DIR and use earlier reports there (key rotation, diffs)')
    .addOption(new Option('--profile <profile>', 'judge against a profile').choices(['default', 'fapi2']))
    .option('-q, --quiet', 'print nothing but errors on stderr')
    .option('-v, --verbose', 'print progress details on stderr');
}

export function outputPlan(options: CommonOptions, defaults: { formatsWithOut: ReportFormat[]; formatWithoutOut: ReportFormat }): OutputPlan {
  const requested = (options.format ?? []).flatMap((f) => f.split(',')).map((f) => f.trim().toLowerCase()).filter(Boolean);
  const unknown = requested.filter((f) => !FORMATS.includes(f as ReportFormat));
  if (unknown.length) {
    throw new ConfigError([`--format: unknown format ${unknown.map((f) => `"${f}"`).join(', ')} — fix: use ${FORMATS.join(', ')}`]);
  }
  const formats = [...new Set(requested)] as ReportFormat[];
  if (formats.length > 1 && !options.out) {
    throw new ConfigError(['--format: several formats need --out DIR (one file per format) — fix: add --out reports, or ask for one format']);
  }
  const plan: OutputPlan = {
    formats: formats.length ? formats : options.out ? defaults.formatsWithOut : [defaults.formatWithoutOut],
    quiet: options.quiet === true,
    verbose: options.verbose === true,
  };
  if (options.quiet && options.verbose) throw new ConfigError(['--quiet and --verbose: choose one']);
  if (options.out) plan.outDir = options.out;
  if (options.failOn) plan.failOn = options.failOn as Severity;
  if (options.history) plan.historyDir = options.history;
  if (options.profile) plan.profile = options.profile as 'default' | 'fapi2';
  return plan;
}
