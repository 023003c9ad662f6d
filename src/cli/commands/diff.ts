import { Option, type Command } from 'commander';
import { diffRegresses, diffReports, renderDiffMarkdown } from '../../history/diff.js';
import { readReport } from '../../history/store.js';
import { SEVERITIES, type Severity } from '../../model/outcome.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';

export function registerDiff(program: Command, io: CliIo): void {
  program
    .command('diff')
    .description('compare two reports: introduced and resolved findings, maturity change')
    .argument('<before>', 'the earlier report.json')
    .argument('<after>', 'the later report.json')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['md', 'json']).default('md'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when an introduced failure has this severity or higher, or maturity dropped').choices([...SEVERITIES]))
    .action((before: string, after: string, options: { format: 'md' | 'json'; failOn?: Severity }) => {
      const diff = diffReports(readReport(before), readReport(after));
      io.stdout(options.format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : renderDiffMarkdown(diff));
      io.setExitCode(diffRegresses(diff, options.failOn) ? EXIT.findings : EXIT.clean);
    });
}
