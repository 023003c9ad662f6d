import type { Command } from 'commander';
import { loadConfigFile } from '../../config/load.js';
import { CONNECTORS, connectorFor } from '../../../connectors/index.js';
import { RULES } from '../../../rules/index.js';
import type { PlannedTarget } from '../../scan.js';
import { addCommonOptions, outputPlan, type CommonOptions } from '../options.js';
import { executeScan } from '../execute.js';
import type { CliIo } from '../io.js';

export function registerScan(program: Command, io: CliIo): void {
  addCommonOptions(
    program
      .command('scan')
      .description('scan every target of a config file')
      .requiredOption('-c, --config <file>', 'the config file (YAML); `ciamscan init` writes a template'),
  ).action(async (options: CommonOptions & { config: string }) => {
    const plan = outputPlan(options, { formatsWithOut: ['json', 'md', 'html'], formatWithoutOut: 'md' });
    const loaded = loadConfigFile(options.config, { connectors: CONNECTORS, rules: RULES, env: io.env });
    const targets: PlannedTarget[] = loaded.config.targets.map((target) => {
      const connector = connectorFor(target.type);
      if (!connector) throw new Error(`no connector for type ${target.type}`);
      return { kind: 'live', target, connector };
    });
    const { code } = await executeScan({
      targets,
      config: loaded.config,
      baseDir: loaded.baseDir,
      secrets: loaded.secrets,
      plan,
      stdout: io.stdout,
      stderr: io.stderr,
      env: io.env,
    });
    io.setExitCode(code);
  });
}
