import { pipeline } from 'node:stream/promises';
import { parse, type CsvError } from 'csv-parse';
import { csvProblem, readFailure } from './read-errors.js';
import type { FileLayout } from './layout.js';
import { FileProblem, MAX_LINE_CHARS, type OpenExport } from './source.js';

/** What the CSV reader hands out, record by record. */
export interface CsvSink {
  /** The header row, trimmed. May throw a ConfigError (a mapped column is missing). */
  header(names: readonly string[]): void;
  /** One data row and the line it starts on; false stops reading. */
  row(values: readonly string[], line: number): boolean;
  reject(reason: string, line: number): void;
}

interface ParsedRecord {
  record: string[];
  raw: string;
}

/**
 * Stream a CSV export through csv-parse, one record at a time. Quoted newlines, CRLF and a BOM
 * (removed by the decoder) are handled; blank lines are skipped; a row with the wrong number of
 * fields is rejected and counted. A quoting problem makes the rest of the file unreadable: the
 * records before it are still handed out, then it is thrown as a FileProblem at the record's line.
 * Resolves `{ stopped: true }` when the sink asked to stop.
 */
export async function readCsv(source: OpenExport, layout: FileLayout, sink: CsvSink, signal: AbortSignal): Promise<{ stopped: boolean }> {
  // The parser runs ahead of this loop: a quoting error is noted with the number of records emitted
  // before it, and the loop stops when it reaches that record.
  let quoting: { code: string; records: number } | undefined;
  const parser = parse({
    delimiter: layout.delimiter,
    quote: layout.quote,
    // Column counts are checked here, so that a short row is a counted reject, not the end of the read.
    relax_column_count: true,
    max_record_size: MAX_LINE_CHARS,
    // The raw text of each record gives line numbers that csv-parse's own count gets wrong.
    raw: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      // A runaway record would keep growing: that one ends the read at once.
      if (err?.code === 'CSV_MAX_RECORD_SIZE') throw err;
      quoting ??= { code: err?.code ?? 'CSV_UNKNOWN', records: typeof err?.records === 'number' ? err.records : 0 };
      return undefined;
    },
  });
  const stop = new AbortController();
  let stopped = false;
  let header: readonly string[] | undefined;
  let line = 1;
  let consumed = 0;
  let problem: FileProblem | undefined;
  try {
    await pipeline(
      source.decoder,
      parser,
      async (records: AsyncIterable<ParsedRecord>) => {
        for await (const { record, raw } of records) {
          if (quoting && consumed >= quoting.records) break;
          consumed++;
          const start = line;
          line += lineBreaks(raw);
          if (record.length === 1 && record[0] === '') continue;
          if (!header) {
            header = record.map((name) => name.trim());
            sink.header(header);
            continue;
          }
          if (record.length !== header.length) {
            sink.reject('wrong column count', start);
            continue;
          }
          if (!sink.row(record, start)) {
            stopped = true;
            break;
          }
        }
        // The decoder's problem comes first: a cut file also leaves a quote open.
        problem = source.decoder.problem ?? (quoting ? csvProblem(quoting.code, line) : undefined);
        if (stopped || problem) stop.abort();
      },
      { signal: AbortSignal.any([signal, stop.signal]) },
    );
  } catch (err) {
    if (!stopped && !problem) throw readFailure(err, { line, aborted: signal.aborted });
  }
  if (problem) throw problem;
  if (!header && !stopped) throw new FileProblem(1, 'the file is empty: no header row');
  return { stopped };
}

/** Line breaks in a record's raw text: CRLF, LF and a lone CR each count once. */
function lineBreaks(raw: string): number {
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (raw.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}
