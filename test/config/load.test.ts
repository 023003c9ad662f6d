import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONNECTORS } from '../../connectors/index.js';
import { RULES } from '../../rules/index.js';
import { loadConfigFile, parseYaml, validateConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/model/errors.js';
import { CONFIG_TEMPLATE } from '../../src/cli/commands/init.js';
import { configJsonSchemaText } from '../../src/schema/generate.js';

const dir = mkdtempSync(join(tmpdir(), 'ciamscan-config-'));

function problems(raw: unknown, env: Record<string, string> = {}): string[] {
  try {
    validateConfig(raw, { connectors: CONNECTORS, rules: RULES, env, baseDir: dir, source: 'c.yaml' });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

const target = { id: 'main-op', type: 'oidc', issuer: 'https://login.example.com' };

describe('config validation', () => {
  it('accepts a minimal config', () => {
    expect(problems({ targets: [target] })).toEqual([]);
  });

  it('names an unknown key with its location and a fix', () => {
    expect(problems({ targets: [{ ...target, isuer: 'x' }] })).toEqual([
      'c.yaml: targets[0]: unknown key "isuer" — fix: remove it or check the spelling',
    ]);
  });

  it('reports every problem, one line each', () => {
    const lines = problems({ targets: [target, { id: 'b', type: 'oidc', issuer: 'not a url' }, { id: 'c', type: 'nope' }], bogus: 1 });
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.includes('targets[1].issuer: must be an absolute http(s) URL'))).toBe(true);
    expect(lines.some((l) => l.includes('targets[2].type: unknown or missing target type — fix: set type to one of oidc'))).toBe(true);
    expect(lines.some((l) => l.includes('(top level): unknown key "bogus"'))).toBe(true);
    for (const line of lines) expect(line).not.toContain('\n');
  });

  it('explains wrong types and missing keys', () => {
    expect(problems({ targets: [{ id: 'a', type: 'oidc' }] })).toEqual(['c.yaml: targets[0].issuer: required key is missing — fix: add issuer (string)']);
    expect(problems({ targets: [{ ...target, limits: { requestsPerSecond: 'fast' } }] })).toEqual([
      'c.yaml: targets[0].limits.requestsPerSecond: expected number, got string "fast" — fix: give a number',
    ]);
  });

  it('checks the identity block: a phone region libphonenumber does not know, a threshold out of range', () => {
    expect(problems({ targets: [target], identity: { defaultRegion: 'gb', threshold: 0.97, maxClusters: 50, reveal: false } })).toEqual([]);
    expect(problems({ targets: [target], identity: { defaultRegion: 'ZZ' } })).toEqual([
      'c.yaml: identity.defaultRegion: is not a country whose phone numbering libphonenumber knows (ISO 3166 alpha-2, e.g. GB) — fix: see `ciamscan init` for a commented example',
    ]);
    expect(problems({ targets: [target], identity: { defaultRegion: 'GBR', threshold: 1.5 } })).toHaveLength(2);
  });

  it('rejects duplicate target ids', () => {
    expect(problems({ targets: [target, target] })).toEqual([
      'c.yaml: targets[1].id: duplicate target id "main-op" (also targets[0].id) — fix: give each target a unique id',
    ]);
  });

  it('needs at least one target', () => {
    expect(problems({ targets: [] })[0]).toContain('targets: at least one target is needed');
    expect(problems(null)[0]).toContain('the config is empty');
  });

  it('resolves ${env:...} and ${file:...} references and reports missing ones', () => {
    writeFileSync(join(dir, 'issuer.txt'), 'https://from-file.example.com\n');
    const ok = validateConfig({ targets: [{ ...target, issuer: '${file:issuer.txt}', contact: '${env:CONTACT}' }] }, { connectors: CONNECTORS, rules: RULES, env: { CONTACT: 'sec@example.com' }, baseDir: dir, source: 'c.yaml' });
    expect((ok.config.targets[0] as unknown as { issuer: string }).issuer).toBe('https://from-file.example.com');
    expect(ok.secrets).toContain('sec@example.com');
    expect(problems({ targets: [{ ...target, contact: '${env:NOPE_NOT_SET}' }] })).toEqual([
      'c.yaml: targets[0].contact: environment variable NOPE_NOT_SET is not set — fix: export NOPE_NOT_SET=... before running ciamscan, or use ${file:path}',
    ]);
    expect(problems({ targets: [{ ...target, contact: '${file:missing.txt}' }] })[0]).toContain('targets[0].contact: cannot read file missing.txt (ENOENT)');
    expect(problems({ targets: [{ ...target, contact: '${vault:x}' }] })[0]).toContain('unknown reference "${vault:...}"');
  });

  it('refuses secrets written into the config', () => {
    const lines = problems({ targets: [{ ...target, clientSecret: 'hunter2' }] });
    expect(lines[0]).toBe('c.yaml: targets[0].clientSecret: a secret is written in the config — fix: use ${env:NAME} or ${file:path} instead of the value');
    expect(lines.join('\n')).not.toContain('hunter2');
  });

  it('validates rule settings against each rule', () => {
    expect(problems({ targets: [target], rules: { 'KEY-STRENGTH': { options: { policyRsaBits: 3072 } } } })).toEqual([]);
    expect(problems({ targets: [target], rules: { 'NOT-A-RULE': { enabled: false } } })[0]).toContain('rules.NOT-A-RULE: unknown rule id');
    expect(problems({ targets: [target], rules: { 'KEY-STRENGTH': { options: { policyRsaBits: 1024 } } } })[0]).toContain('rules.KEY-STRENGTH.options.policyRsaBits');
    expect(problems({ targets: [target], rules: { 'FLOW-PAR': { options: { x: 1 } } } })[0]).toContain('rules.FLOW-PAR.options: this rule has no options');
  });
});

describe('config files', () => {
  it('reports YAML syntax errors with line and column', () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'targets:\n  - id: a\n    type: oidc\n   issuer: [unclosed\n');
    expect(() => loadConfigFile(file, { connectors: CONNECTORS, rules: RULES })).toThrowError(ConfigError);
    try {
      loadConfigFile(file, { connectors: CONNECTORS, rules: RULES });
    } catch (err) {
      const line = (err as ConfigError).problems[0] ?? '';
      expect(line).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: invalid YAML: `));
    }
  });

  it('reports a missing file in one line', () => {
    expect(() => loadConfigFile(join(dir, 'nope.yaml'), { connectors: CONNECTORS, rules: RULES })).toThrowError(/nope\.yaml: cannot read the config file \(ENOENT\)/);
  });

  it('rejects duplicate YAML keys instead of silently keeping one', () => {
    expect(() => parseYaml('targets: []\ntargets: []\n', 'dup.yaml')).toThrowError(ConfigError);
  });

  it('the `ciamscan init` template is a valid config', () => {
    expect(problems(parseYaml(CONFIG_TEMPLATE, 'template'))).toEqual([]);
  });

  it('schema/config.schema.json is generated from the zod schema and current', () => {
    const onDisk = readFileSync(new URL('../../schema/config.schema.json', import.meta.url), 'utf8');
    expect(onDisk, 'run `npm run schema`').toBe(configJsonSchemaText());
  });
});
