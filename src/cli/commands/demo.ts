import type { Command } from 'commander';
import { CONNECTORS, connectorFor } from '../../../connectors/index.js';
import { RULES } from '../../../rules/index.js';
import { validateConfig } from '../../config/load.js';
import { startDemoEnvironment } from '../../demo/environment.js';
import { executeScan } from '../execute.js';
import type { CliIo } from '../io.js';
import { addCommonOptions, outputPlan, type CommonOptions } from '../options.js';

export const DEFAULT_DEMO_OUT = 'ciamscan-demo';

export function registerDemo(program: Command, io: CliIo): void {
  addCommonOptions(
    program.command('demo').description('start the built-in demo environment on 127.0.0.1, scan it, and write the reports'),
  ).action(async (options: CommonOptions) => {
    const plan = outputPlan({ ...options, out: options.out ?? (options.format?.length === 1 ? undefined : DEFAULT_DEMO_OUT) }, {
      formatsWithOut: ['json', 'md', 'html'],
      formatWithoutOut: 'md',
    });
    if (!plan.quiet) io.stderr('Starting the demo environment on 127.0.0.1 ...');
    const env = await startDemoEnvironment();
    try {
      if (!plan.quiet) {
        for (const s of env.systems) io.stderr(`  ${s.id}: ${s.description} at ${s.location}`);
        for (const s of env.skipped) io.stderr(`  skipped ${s}`);
      }
      const loaded = validateConfig(env.config, { connectors: CONNECTORS, rules: RULES, env: { ...io.env, ...env.env }, baseDir: env.baseDir, source: 'demo' });
      const targets = loaded.config.targets.map((target) => ({ kind: 'live' as const, target, connector: connectorFor(target.type)! }));
      const { code } = await executeScan({ targets, config: loaded.config, baseDir: env.baseDir, secrets: loaded.secrets, plan, stdout: io.stdout, stderr: io.stderr, env: io.env });
      io.setExitCode(code);
    } finally {
      await env.close();
    }
  });
}
