import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { ruleListMarkdown } from '../../src/rules-engine/rule-list.js';
import { buildProgram } from '../../src/cli/main.js';
import { EXIT } from '../../src/cli/exit-codes.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const readme = read('README.md');

describe('README', () => {
  it('embeds the rule table generated from the rules (run `npx ciamscan rules` and paste between the markers)', () => {
    const table = readme.slice(readme.indexOf('<!-- rules:start -->') + '<!-- rules:start -->'.length, readme.indexOf('<!-- rules:end -->')).trim();
    expect(table).toBe(ruleListMarkdown(RULES).trim());
  });

  it('starts with the demo command and the test command, and CI runs that test command', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(firstBlock).toContain('npx ciamscan demo');
    expect(firstBlock).toContain('npm test');
    expect(read('.ci/run')).toMatch(/^npm test$/m);
  });

  it('documents every CLI command and every exit code', () => {
    const io = { stdout: () => undefined, stderr: () => undefined, setExitCode: () => undefined, env: {}, cwd: '.' };
    for (const command of buildProgram(io).commands) expect(readme, command.name()).toContain(`ciamscan ${command.name()}`);
    for (const code of Object.values(EXIT)) expect(readme).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
  });

  it('documents each connector type with its README', () => {
    expect(readme).toContain('connectors/oidc/README.md');
  });
});
