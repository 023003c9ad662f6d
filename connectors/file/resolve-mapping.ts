import { ConfigError } from '../../src/model/errors.js';
import type { FileTargetConfig, MappingConfig } from './config.js';
import { compileMapping, DEFAULT_COLUMNS, withDefaults, type CompiledMapping } from './mapping.js';
import { parsePath, valuesAt, type ParsedPath } from './paths.js';

/**
 * The mapping resolved against what the file has: CSV headers become column indexes, JSON Lines
 * paths are parsed. A mapped column that the header lacks is a configuration mistake (exit 2), not
 * a data problem: the message lists the headers that do exist. Header names are not personal data.
 */
export interface ResolvedMapping<Ref> {
  compiled: CompiledMapping<Ref>;
  /** The mapping text of each explicitly mapped reference, to name columns in notes. */
  names: Map<Ref, string>;
  /** Defaults that supplied values, as `field=column`. */
  defaultsUsed(): string[];
}

/** A JSON Lines reference: alternatives, the first that holds a value wins (one, unless defaulted). */
export interface JsonRef {
  paths: ReadonlyArray<{ text: string; path: ParsedPath }>;
  /** Set by the reader: the alternatives that supplied a value at least once. */
  used: Set<string>;
}

const LISTED = 40;

type Target = Pick<FileTargetConfig, 'id' | 'mapping' | 'defaultColumns'>;

function effectiveMapping(target: Target, available: (name: string) => boolean): { mapping: MappingConfig; defaulted: Map<string, string[]> } {
  return target.defaultColumns === false ? { mapping: target.mapping, defaulted: new Map() } : withDefaults(target.mapping, available);
}

function listed(names: readonly string[]): string {
  const shown = names.slice(0, LISTED).map((n) => JSON.stringify(n));
  return `${shown.join(', ')}${names.length > LISTED ? `, ... (${names.length} in all)` : ''}`;
}

function missingId(target: Target, fileName: string, what: string, available: readonly string[]): ConfigError {
  return new ConfigError([
    `targets.${target.id}.mapping.id: not set, and none of the usual id names (${DEFAULT_COLUMNS.id.join(', ')}) is among the ${what} of ${fileName} — fix: set mapping.id; available: ${listed(available)}`,
  ]);
}

export function resolveForHeader(target: Target, fileName: string, header: readonly string[]): ResolvedMapping<number> {
  const present = new Set(header);
  const { mapping, defaulted } = effectiveMapping(target, (name) => present.has(name));
  const id = mapping.id;
  if (id === undefined) throw missingId(target, fileName, 'headers', header);
  const missing: string[] = [];
  const names = new Map<number, string>();
  const compiled = compileMapping({ ...mapping, id }, (column, where) => {
    const index = header.indexOf(column);
    if (index < 0) {
      const near = header.find((h) => h.toLowerCase() === column.toLowerCase());
      missing.push(`mapping.${where} "${column}"${near !== undefined ? ` (did you mean "${near}"?)` : ''}`);
    } else if (!defaulted.has(where)) names.set(index, column);
    return index;
  });
  if (missing.length) {
    throw new ConfigError([`targets.${target.id}.mapping: ${fileName} has no column ${missing.join(', ')} — fix: use a header of the file; available: ${listed(header)}`]);
  }
  const used = describeDefaults([...defaulted.entries()].map(([where, candidates]) => [where, candidates[0] ?? '']));
  return { compiled, names, defaultsUsed: () => used };
}

/**
 * JSON Lines has no header and leaves absent keys out (an Auth0 export omits `last_login` for a user
 * who never logged in), so a defaulted field reads every usual key, first value found wins, and the
 * report names the keys that supplied values.
 */
export function resolveForJsonLines(target: Target): ResolvedMapping<JsonRef> {
  const { mapping, defaulted } = effectiveMapping(target, () => true);
  const id = mapping.id;
  if (id === undefined) {
    throw new ConfigError([`targets.${target.id}.mapping.id: not set and defaultColumns is false — fix: set mapping.id to the path of the record id`]);
  }
  const names = new Map<JsonRef, string>();
  const refs: Array<[string, JsonRef]> = [];
  const compiled = compileMapping({ ...mapping, id }, (column, where) => {
    const texts = defaulted.get(where) ?? [column];
    const paths = texts.map((text) => {
      const parsed = parsePath(text);
      // The schema checked every path when the config was loaded; this only guards direct callers.
      if (!parsed.ok) throw new ConfigError([`targets.${target.id}.mapping.${where}: ${parsed.problem} in "${text}" — fix: write key.key, key[0].key or key[*].key`]);
      return { text, path: parsed.path };
    });
    const ref: JsonRef = { paths, used: new Set() };
    if (defaulted.has(where)) refs.push([where, ref]);
    else names.set(ref, column);
    return ref;
  });
  const defaultsUsed = () => describeDefaults(refs.flatMap(([where, ref]) => [...ref.used].map((text): [string, string] => [where, text])));
  return { compiled, names, defaultsUsed };
}

/** `phones[0]`/`phones[1]` → `phones=Phone+MobilePhone`: one entry per field, in mapping order. */
function describeDefaults(pairs: ReadonlyArray<[string, string]>): string[] {
  const byField = new Map<string, string[]>();
  for (const [where, text] of pairs) {
    const field = where.replace(/\[\d+\]$/, '');
    const texts = byField.get(field) ?? [];
    if (!texts.includes(text)) texts.push(text);
    byField.set(field, texts);
  }
  return [...byField.entries()].map(([field, texts]) => `${field}=${texts.join('+')}`);
}

/** The values of a JSON Lines reference in one object: the first alternative that holds any. */
export function readJsonRef(object: Record<string, unknown>, ref: JsonRef): string[] {
  for (const { text, path } of ref.paths) {
    const values = valuesAt(object, path);
    if (values.some((v) => v.trim() !== '')) {
      ref.used.add(text);
      return values;
    }
  }
  return [];
}
