import type { z } from 'zod';
import { formatPath } from './references.js';

/** One line per zod issue: where, what, and a fix. */
export function formatIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const where = formatPath(issue.path);
  const message = issue.message;
  if (message.includes('— fix:')) return `${where}: ${message}`;
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${where}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} — fix: remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling${allowedKeys(issue.path, input)}`;
    case 'invalid_type': {
      const got = describeValue(valueAt(input, issue.path));
      if (got === 'missing') return `${where}: required key is missing — fix: add ${lastKey(issue.path)} (${issue.expected})`;
      return `${where}: expected ${issue.expected}, got ${got} — fix: give a ${issue.expected}`;
    }
    case 'invalid_value':
      return `${where}: ${message} — fix: use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
    case 'too_big':
      return `${where}: ${message} — fix: adjust the value`;
    default:
      return `${where}: ${message} — fix: see \`ciamscan init\` for a commented example`;
  }
}

function lastKey(path: ReadonlyArray<PropertyKey>): string {
  const last = path[path.length - 1];
  return typeof last === 'string' ? last : 'the value';
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let node = input;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function allowedKeys(_path: ReadonlyArray<PropertyKey>, _input: unknown): string {
  return '';
}
