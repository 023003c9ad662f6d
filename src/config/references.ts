import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/**
 * Secret references: `${env:NAME}` and `${file:path}` (relative to the config file). Resolved after
 * parsing and before validation; the resolved secret values are handed to the redactor.
 */
const REFERENCE = /\$\{([a-z]+):([^}]*)\}/g;

export interface ResolveResult {
  value: unknown;
  /** Paths (as printed in errors) whose whole value was a reference. */
  referencedPaths: Set<string>;
  /** Every value that came from a reference, for redaction. */
  resolvedValues: string[];
  /** Paths whose reference could not be resolved (already reported). */
  failedPaths: Set<string>;
  problems: string[];
}

export interface ResolveOptions {
  env: Record<string, string | undefined>;
  baseDir: string;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(top level)';
}

export function resolveReferences(input: unknown, options: ResolveOptions): ResolveResult {
  const result: ResolveResult = { value: undefined, referencedPaths: new Set(), resolvedValues: [], failedPaths: new Set(), problems: [] };
  result.value = walk(input, [], options, result);
  return result;
}

function walk(node: unknown, path: PropertyKey[], options: ResolveOptions, result: ResolveResult): unknown {
  if (typeof node === 'string') return resolveString(node, path, options, result);
  if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, i], options, result));
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[key] = walk(value, [...path, key], options, result);
    return out;
  }
  return node;
}

function resolveString(text: string, path: PropertyKey[], options: ResolveOptions, result: ResolveResult): string {
  const where = formatPath(path);
  const whole = /^\$\{[a-z]+:[^}]*\}$/.test(text);
  let failed = false;
  const resolved = text.replace(REFERENCE, (_match, scheme: string, arg: string) => {
    const value = resolveOne(scheme, arg.trim(), where, options, result);
    if (value === undefined) {
      failed = true;
      return '';
    }
    result.resolvedValues.push(value);
    return value;
  });
  if (whole && !failed) result.referencedPaths.add(where);
  if (failed) result.failedPaths.add(where);
  return resolved;
}

function resolveOne(scheme: string, arg: string, where: string, options: ResolveOptions, result: ResolveResult): string | undefined {
  if (scheme === 'env') {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(arg)) {
      result.problems.push(`${where}: "\${env:${arg}}" is not a valid environment variable name — fix: use letters, digits and _ only`);
      return undefined;
    }
    const value = options.env[arg];
    if (value === undefined || value === '') {
      result.problems.push(`${where}: environment variable ${arg} is not set — fix: export ${arg}=... before running ciamscan, or use \${file:path}`);
      return undefined;
    }
    return value;
  }
  if (scheme === 'file') {
    if (!arg) {
      result.problems.push(`${where}: "\${file:}" names no file — fix: give a path, e.g. \${file:./secrets/token}`);
      return undefined;
    }
    const path = isAbsolute(arg) ? arg : resolve(options.baseDir, arg);
    try {
      // A trailing newline is an artefact of editors and `echo`, never part of a secret.
      return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'unreadable';
      result.problems.push(`${where}: cannot read file ${arg} (${code}) — fix: check the path (relative to the config file) and its permissions`);
      return undefined;
    }
  }
  result.problems.push(`${where}: unknown reference "\${${scheme}:...}" — fix: use \${env:NAME} or \${file:path}`);
  return undefined;
}
