import { parse } from 'csv-parse/sync';
import { ScanFailure } from '../../src/model/errors.js';

/**
 * Bulk API 2.0 query results are CSV (comma, LF, a header row, "" for null). One result set is
 * parsed at a time (at most `maxRecords` rows) and dropped once mapped to profiles. The parser's
 * messages are not passed on: they may quote a row, which is personal data.
 */
export function parseResultsCsv(text: string): Array<Record<string, string>> {
  if (text.trim() === '') return [];
  try {
    return parse<Record<string, string>>(text, { columns: true, bom: true, skip_empty_lines: true });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw new ScanFailure({
      code: 'UNEXPECTED_SHAPE',
      message: `Bulk API 2.0 query results: the CSV could not be parsed${typeof code === 'string' ? ` (${code})` : ''}`,
      retryable: false,
    });
  }
}
