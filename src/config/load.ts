import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { AnyConnector } from '../connector.js';
import { ConfigError } from '../model/errors.js';
import type { Rule } from '../rules-engine/define.js';
import { formatIssue } from './format-issues.js';
import { formatPath, resolveReferences } from './references.js';
import { buildConfigSchema, type CiamscanConfig } from './schema.js';

/** Keys that hold secrets in every target type, besides each connector's own. */
const GLOBAL_SECRET_KEYS = ['password', 'secret', 'token', 'apiKey', 'privateKey', 'clientSecret', 'accessToken', 'refreshToken'];

export interface LoadedConfig {
  config: CiamscanConfig;
  /** Directory of the config file: relative paths in it resolve from here. */
  baseDir: string;
  /** Every value that came from a secret reference; the redactor masks them everywhere. */
  secrets: string[];
}

export interface LoadOptions {
  connectors: readonly AnyConnector[];
  rules: readonly Rule[];
  env?: Record<string, string | undefined>;
}

/** Read, parse, resolve references and validate a config file; every problem is one line of a ConfigError. */
export function loadConfigFile(path: string, options: LoadOptions): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'unreadable';
    throw new ConfigError([`${path}: cannot read the config file (${code}) — fix: check the path, or run \`ciamscan init\` to write one`]);
  }
  const raw = parseYaml(text, path);
  return validateConfig(raw, { ...options, baseDir: dirname(resolve(path)), source: path });
}

export function parseYaml(text: string, source: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  if (doc.errors.length) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        const where = pos ? `${source}:${pos.line}:${pos.col}` : source;
        return `${where}: invalid YAML: ${e.message.split('\n')[0] ?? ''} — fix: correct the syntax at that position`;
      }),
    );
  }
  return doc.toJS() as unknown;
}

/** Validate an already-parsed config (from YAML, or built by the `oidc` command). */
export function validateConfig(raw: unknown, options: LoadOptions & { baseDir: string; source: string }): LoadedConfig {
  const prefix = `${options.source}: `;
  if (raw === null || raw === undefined) {
    throw new ConfigError([`${prefix}the config is empty — fix: run \`ciamscan init\` for a commented template`]);
  }
  const resolved = resolveReferences(raw, { env: options.env ?? process.env, baseDir: options.baseDir });
  const problems = [...resolved.problems];
  problems.push(...literalSecrets(resolved.value, resolved.referencedPaths, secretKeys(options.connectors)));
  const schema = buildConfigSchema(options.connectors);
  const parsed = schema.safeParse(resolved.value);
  if (!parsed.success) {
    // A reference that failed already has its own line; the empty value it left is not news.
    const issues = parsed.error.issues.filter((issue) => !resolved.failedPaths.has(formatPath(issue.path)));
    problems.push(...issues.map((issue) => formatIssue(issue, resolved.value)));
  }
  if (parsed.success) problems.push(...ruleSettingProblems(parsed.data, options.rules));
  if (problems.length || !parsed.success) throw new ConfigError([...new Set(problems)].map((p) => `${prefix}${p}`));
  return { config: parsed.data, baseDir: options.baseDir, secrets: resolved.resolvedValues };
}

function secretKeys(connectors: readonly AnyConnector[]): Set<string> {
  return new Set([...GLOBAL_SECRET_KEYS, ...connectors.flatMap((c) => c.secretKeys)]);
}

/** Secrets written into the config text would end up in version control and logs: refuse them. */
function literalSecrets(value: unknown, referenced: Set<string>, keys: Set<string>, path: PropertyKey[] = []): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => literalSecrets(v, referenced, keys, [...path, i]));
  if (!value || typeof value !== 'object') return [];
  const problems: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const where = formatPath([...path, key]);
    if (keys.has(key) && typeof child === 'string' && !referenced.has(where)) {
      problems.push(`${where}: a secret is written in the config — fix: use \${env:NAME} or \${file:path} instead of the value`);
    } else problems.push(...literalSecrets(child, referenced, keys, [...path, key]));
  }
  return problems;
}

function ruleSettingProblems(config: CiamscanConfig, rules: readonly Rule[]): string[] {
  const problems: string[] = [];
  for (const [id, setting] of Object.entries(config.rules ?? {})) {
    const rule = rules.find((r) => r.meta.id === id);
    if (!rule) {
      problems.push(`rules.${id}: unknown rule id — fix: run \`ciamscan rules\` for the list of ids`);
      continue;
    }
    if (setting.options === undefined) continue;
    if (!rule.meta.options) {
      problems.push(`rules.${id}.options: this rule has no options — fix: remove the options`);
      continue;
    }
    const parsed = rule.meta.options.safeParse(setting.options);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push(formatIssue({ ...issue, path: ['rules', id, 'options', ...issue.path] }, config));
      }
    }
  }
  return problems;
}
