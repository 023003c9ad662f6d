import { ConfigError } from '../../src/model/errors.js';
import { FileProblem, MAX_LINE_CHARS } from './source.js';

/**
 * A csv-parse error as a FileProblem located at the record it concerns (`recordLine`, counted by the
 * reader: csv-parse counts a CRLF inside quotes as two lines). Parser messages are never passed on as
 * they are: they quote the offending characters, which are personal data.
 */
export function csvProblem(code: string, recordLine: number): FileProblem {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new FileProblem(recordLine, `the record starting here opens a quote that is never closed (end of file)`);
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return new FileProblem(recordLine, 'malformed quoting in the record starting here: a closing quote is followed by other characters (check csv.quote and csv.delimiter)');
    case 'CSV_MAX_RECORD_SIZE':
      return new FileProblem(recordLine, `the record starting here is longer than ${MAX_LINE_CHARS} characters: probably an unterminated quote`);
    default:
      return new FileProblem(recordLine, `CSV cannot be parsed (${code})`);
  }
}

/**
 * Whatever else ended a read, as a FileProblem with a line and a one-line description. A
 * ConfigError passes through untouched (it exits 2).
 */
export function readFailure(err: unknown, where: { line: number; aborted: boolean }): FileProblem | ConfigError {
  if (err instanceof ConfigError || err instanceof FileProblem) return err;
  if (where.aborted) return new FileProblem(where.line, 'reading was aborted', 'ABORTED', true);
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('CSV_')) return csvProblem(code, where.line);
  const message = err instanceof Error ? err.message : String(err);
  return new FileProblem(where.line, `unexpected error: ${message.split('\n')[0] ?? ''}`, 'INTERNAL');
}
