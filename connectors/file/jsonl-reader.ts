import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { readFailure } from './read-errors.js';
import { FileProblem, type OpenExport } from './source.js';

export interface JsonlSink {
  /** One JSON object and its line; false stops reading. */
  row(object: Record<string, unknown>, line: number): boolean;
  reject(reason: string, line: number): void;
}

/**
 * Stream a JSON Lines export with node:readline: one JSON object per line, blank lines skipped,
 * CRLF accepted. A line that does not parse, or is not an object, is rejected and counted. A file
 * that is one JSON document (a Keycloak realm export, a JSON array) is not JSON Lines: that is
 * recognised on its first line and thrown as a FileProblem that says how to convert it.
 */
export async function readJsonl(source: OpenExport, sink: JsonlSink, signal: AbortSignal): Promise<{ stopped: boolean }> {
  const stop = new AbortController();
  let stopped = false;
  let problem: FileProblem | undefined;
  let line = 0;
  try {
    await pipeline(
      source.decoder,
      async (text: AsyncIterable<string>) => {
        const input = text instanceof Readable ? text : Readable.from(text);
        const lines = createInterface({ input, crlfDelay: Infinity });
        // Errors reach the loop below through the pipeline; this keeps an ended interface from rethrowing them.
        lines.on('error', () => undefined);
        let seenContent = false;
        for await (const raw of lines) {
          line++;
          const trimmed = raw.trim();
          if (!trimmed) continue;
          const first = !seenContent;
          seenContent = true;
          let value: unknown;
          try {
            value = JSON.parse(trimmed);
          } catch {
            if (first && looksLikeDocumentStart(trimmed)) throw wholeDocument(line);
            sink.reject('unparseable JSON', line);
            continue;
          }
          if (first && Array.isArray(value)) throw wholeDocument(line);
          if (value === null || typeof value !== 'object' || Array.isArray(value)) {
            sink.reject('not a JSON object', line);
            continue;
          }
          if (!sink.row(value as Record<string, unknown>, line)) {
            stopped = true;
            break;
          }
        }
        lines.close();
        problem = source.decoder.problem;
        if (stopped || problem) stop.abort();
      },
      { signal: AbortSignal.any([signal, stop.signal]) },
    );
  } catch (err) {
    if (!stopped && !problem) throw readFailure(err, { line: Math.max(line, 1), aborted: signal.aborted });
  }
  if (problem) throw problem;
  return { stopped };
}

/** `{` or `[` alone, a `[` that opens an array, or `{ "key": value,` — a pretty-printed document. */
function looksLikeDocumentStart(text: string): boolean {
  return text === '{' || text.startsWith('[') || (text.startsWith('{') && text.endsWith(','));
}

function wholeDocument(line: number): FileProblem {
  return new FileProblem(
    line,
    "the file is one JSON document, not JSON Lines (one object per line) — fix: convert it, e.g. jq -c '.users[]' realm-export.json > users.jsonl (Keycloak) or jq -c '.[]' users.json > users.jsonl (an array)",
  );
}
