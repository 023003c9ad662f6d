import { basename } from 'node:path';
import { ConfigError } from '../../src/model/errors.js';
import type { FileTargetConfig } from './config.js';

/** How the bytes of an export are to be read: format, compression and CSV dialect. */
export interface FileLayout {
  format: 'csv' | 'jsonl';
  gzip: boolean;
  delimiter: string;
  quote: string;
  /** A WHATWG encoding label for TextDecoder; JSON Lines is always UTF-8 (RFC 8259 §8.1). */
  encoding: 'utf-8' | 'utf-16le' | 'latin1' | 'windows-1252';
}

const CSV_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);
const JSONL_EXTENSIONS = new Set(['.jsonl', '.ndjson', '.json']);

/**
 * Pure: the layout from the config and the file name. `.gz` means gzip; the extension before it
 * picks the format unless `format` is set. `.json` reads as JSON Lines because that is what Auth0's
 * export job writes (NDJSON); a whole JSON document is detected while reading and explained.
 */
export function fileLayout(config: Pick<FileTargetConfig, 'id' | 'path' | 'format' | 'csv'>): FileLayout {
  const { gzip, extension } = nameParts(config.path);
  const format = config.format ?? formatFromName(config.path);
  if (!format) throw new ConfigError([`targets.${config.id}.format: ${UNKNOWN_FORMAT(config.path)}`]);
  if (format === 'jsonl' && config.csv) throw new ConfigError([`targets.${config.id}.csv: ${CSV_WITH_JSONL}`]);
  return {
    format,
    gzip,
    delimiter: config.csv?.delimiter ?? (extension === '.tsv' ? '\t' : ','),
    quote: config.csv?.quote ?? '"',
    encoding: format === 'csv' ? (config.csv?.encoding ?? 'utf-8') : 'utf-8',
  };
}

export const UNKNOWN_FORMAT = (path: string) =>
  `cannot tell the format of "${basename(path)}" from its extension — fix: set format: csv or format: jsonl`;
export const CSV_WITH_JSONL = 'CSV options are set but the file is read as JSON Lines — fix: remove csv, or set format: csv';

function nameParts(path: string): { gzip: boolean; extension: string } {
  const name = basename(path).toLowerCase();
  const gzip = name.endsWith('.gz');
  const inner = gzip ? name.slice(0, -3) : name;
  const dot = inner.lastIndexOf('.');
  return { gzip, extension: dot > 0 ? inner.slice(dot) : '' };
}

/** The format the file name implies, if any. */
export function formatFromName(path: string): 'csv' | 'jsonl' | undefined {
  const { extension } = nameParts(path);
  if (CSV_EXTENSIONS.has(extension)) return 'csv';
  if (JSONL_EXTENSIONS.has(extension)) return 'jsonl';
  return undefined;
}
