import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { isMainThread, workerData } from 'node:worker_threads';

/**
 * The one place a phone spelling becomes E.164 (libphonenumber, full metadata), and the worker
 * that does the same for a share of a batch. This module imports nothing of ours, so a worker can
 * run it directly: the compiled .js, or the .ts source through Node's type stripping under tests.
 */

/**
 * A spelling (see phoneSpellingKey) to E.164, or undefined when it is not a valid number: a wrong
 * match is worse than no match.
 */
export function parseE164(spelling: string, region: string | undefined): string | undefined {
  // 00 is the international prefix in most of the world; libphonenumber wants "+".
  const text = spelling.replace(/^00(?=[1-9])/, '+');
  const parsed = parsePhoneNumberFromString(text, region ? { defaultCountry: region.toUpperCase() as CountryCode } : undefined);
  if (!parsed?.isValid()) return undefined;
  return parsed.number;
}

/** A batch shared by the main thread and its workers: each claims chunks until none is left. */
export interface ParseBatch {
  spellings: string[];
  region: string | undefined;
  chunk: number;
  /** [next unclaimed spelling, spellings finished]. */
  progress: Int32Array;
  /** Per chunk: 0 unclaimed, 1 claimed, 2 done. */
  chunks: Int32Array;
  /** Per spelling: the E.164 digits as a number (at most 15 digits, so exact), 0 when invalid. */
  results: Float64Array;
}

/** Claim and parse chunks until the batch is exhausted; returns how many spellings this thread parsed. */
export function parseClaimed(batch: ParseBatch): number {
  const { spellings, chunk, progress } = batch;
  let parsed = 0;
  for (;;) {
    const from = Atomics.add(progress, 0, chunk);
    if (from >= spellings.length) return parsed;
    const count = parseChunk(batch, from / chunk);
    parsed += count;
    Atomics.add(progress, 1, count);
    Atomics.notify(progress, 1);
  }
}

/**
 * Parse one chunk (again, if another thread claimed it and never finished: the results are the
 * same); returns its size.
 */
export function parseChunk(batch: ParseBatch, c: number): number {
  Atomics.store(batch.chunks, c, 1);
  const from = c * batch.chunk;
  const end = Math.min(batch.spellings.length, from + batch.chunk);
  for (let i = from; i < end; i++) {
    const e164 = parseE164(batch.spellings[i] as string, batch.region);
    batch.results[i] = e164 ? Number(e164.slice(1)) : 0;
  }
  Atomics.store(batch.chunks, c, 2);
  return end - from;
}

export const WORKER_MARK = 'ciamscan-phone-parse';

interface WorkerBatch {
  mark: string;
  spellings: string[];
  region: string | undefined;
  chunk: number;
  progress: SharedArrayBuffer;
  chunks: SharedArrayBuffer;
  results: SharedArrayBuffer;
}

if (!isMainThread && (workerData as WorkerBatch | undefined)?.mark === WORKER_MARK) {
  const data = workerData as WorkerBatch;
  void parseClaimed({
    spellings: data.spellings,
    region: data.region,
    chunk: data.chunk,
    progress: new Int32Array(data.progress),
    chunks: new Int32Array(data.chunks),
    results: new Float64Array(data.results),
  });
}
