import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { CATALOG_RULE_IDS } from '../../src/maturity/catalog.js';
import { RULE_AREAS, type Rule } from '../../src/rules-engine/define.js';

/**
 * Keeps rules/, rules/index.ts, the catalog ids and test/rules/ in step (after ESLint's rule parity
 * tests), and enforces the editorial rules of ARCHITECTURE.md on every rule's metadata.
 */
const RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));
const TESTS_DIR = fileURLToPath(new URL('./', import.meta.url));

interface RuleFile {
  area: string;
  name: string;
  path: string;
}

function ruleFiles(): RuleFile[] {
  const out: RuleFile[] = [];
  for (const area of readdirSync(RULES_DIR).sort()) {
    const dir = join(RULES_DIR, area);
    if (!statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir).sort()) {
      if (file.endsWith('.ts') && !file.endsWith('.d.ts')) out.push({ area, name: file.replace(/\.ts$/, ''), path: join(dir, file) });
    }
  }
  return out;
}

async function loadRule(file: RuleFile): Promise<Rule> {
  const mod = (await import(pathToFileURL(file.path).href)) as { default?: Rule };
  if (!mod.default) throw new Error(`${file.area}/${file.name}.ts has no default export`);
  return mod.default;
}

const kebab = (id: string) => id.toLowerCase();
const FILES = ruleFiles();
const TITLE_OPENERS = /^(ensure|check|verify|make sure)\b/i;
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

describe('rule registry', () => {
  it('finds rule files in area folders, and nothing but folders under rules/ besides index.ts', () => {
    expect(FILES.length).toBeGreaterThan(0);
    const loose = readdirSync(RULES_DIR).filter((f) => !statSync(join(RULES_DIR, f)).isDirectory());
    expect(loose).toEqual(['index.ts']);
  });

  it('registers every rule file exactly once, and nothing else', async () => {
    const loaded = await Promise.all(FILES.map(loadRule));
    for (const [i, rule] of loaded.entries()) {
      const count = RULES.filter((r) => r === rule).length;
      expect(count, `${FILES[i]!.area}/${FILES[i]!.name}.ts registered ${count} times in rules/index.ts`).toBe(1);
    }
    for (const registered of RULES) {
      expect(loaded.includes(registered), `${registered.meta.id} is registered but is not the default export of a file under rules/<area>/`).toBe(true);
    }
    expect(RULES.length).toBe(FILES.length);
  });

  it('imports each rule in rules/index.ts from its own file', () => {
    const index = readFileSync(join(RULES_DIR, 'index.ts'), 'utf8');
    const imports = [...index.matchAll(/from '\.\/([a-z-]+)\/([a-z0-9-]+)\.js'/g)].map((m) => `${m[1]}/${m[2]}`);
    expect(imports.sort()).toEqual(FILES.map((f) => `${f.area}/${f.name}`).sort());
  });

  describe.each(FILES.map((f) => [`${f.area}/${f.name}`, f] as const))('%s', (_label, file) => {
    it('is named after its id in kebab case and lives in the folder of its area', async () => {
      const rule = await loadRule(file);
      expect(file.name).toBe(kebab(rule.meta.id));
      expect(rule.meta.area).toBe(file.area);
      expect(RULE_AREAS).toContain(rule.meta.area);
    });

    it('has a test file at the same relative path under test/rules/', () => {
      const testFile = join(TESTS_DIR, file.area, `${file.name}.test.ts`);
      expect(existsSync(testFile), `missing ${testFile}`).toBe(true);
    });
  });

  it('uses unique ids that are catalog ids', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    const catalog: readonly string[] = CATALOG_RULE_IDS;
    for (const id of ids) expect(catalog, `${id} is not in src/maturity/catalog.ts`).toContain(id);
  });
});

describe.each(RULES.map((r) => [r.meta.id, r] as const))('rule metadata of %s', (_id, rule) => {
  it('has a title that is a statement without a trailing period', () => {
    const { title } = rule.meta;
    expect(title.trim()).toBe(title);
    expect(title.length).toBeGreaterThan(0);
    expect(title).not.toMatch(TITLE_OPENERS);
    expect(title).not.toMatch(/\.$/);
  });

  it('has references, a rationale and a remediation', () => {
    expect(rule.meta.references.length).toBeGreaterThanOrEqual(1);
    for (const ref of rule.meta.references) expect(ref.spec.trim()).not.toBe('');
    expect(rule.meta.rationale.trim()).not.toBe('');
    expect(rule.meta.remediation.trim()).not.toBe('');
  });

  it('has message templates whose placeholders are plain identifiers', () => {
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
    for (const [messageId, template] of Object.entries(rule.meta.messages)) {
      expect(template.trim(), `${messageId} is empty`).not.toBe('');
      for (const match of template.matchAll(PLACEHOLDER)) {
        expect(match[1], `${messageId}: placeholder "${match[0]}"`).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      }
      // No stray braces that the interpolation would leave in the text.
      expect(template.replace(PLACEHOLDER, ''), `${messageId} has an unbalanced placeholder`).not.toMatch(/\{\{|\}\}/);
    }
  });

  it('has option defaults that parse from an empty object', () => {
    if (rule.meta.options) expect(() => rule.meta.options!.parse({})).not.toThrow();
  });
});
