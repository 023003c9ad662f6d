import { Option, type Command } from 'commander';
import { RULES } from '../../../rules/index.js';
import { ruleListJson, ruleListMarkdown } from '../../rules-engine/rule-list.js';
import type { CliIo } from '../io.js';

export function registerRules(program: Command, io: CliIo): void {
  program
    .command('rules')
    .description('list the rules with their metadata')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['md', 'json']).default('md'))
    .action((options: { format: 'md' | 'json' }) => {
      io.stdout(options.format === 'json' ? `${JSON.stringify(ruleListJson(RULES), null, 2)}\n` : ruleListMarkdown(RULES));
    });
}
