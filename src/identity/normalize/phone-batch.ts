import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseChunk, parseClaimed, WORKER_MARK, type ParseBatch } from './phone-parse.js';

/**
 * Parse many distinct phone spellings to E.164, on every core: libphonenumber's validation costs
 * about 20 µs a number, the dearest step of identity resolution. Synchronous for its caller: the
 * main thread parses alongside its workers, claiming chunks from a shared counter, then waits
 * (Atomics.wait) only for chunks a worker has claimed and not finished. A worker that cannot start
 * or dies costs nothing but time: its unfinished chunks are parsed again here.
 */
export interface BatchOptions {
  /** Worker threads besides the main thread (default: cores - 1, at most 3). */
  workers?: number;
  /** Below this many spellings the main thread parses alone: starting a worker costs ~0.1 s. */
  minParallel?: number;
  /** Work the main thread does between starting the workers and helping them (emails, names). */
  meanwhile?: () => void;
  /** false: the main thread only waits (tests use it to prove the workers do the work). */
  mainHelps?: boolean;
}

export interface BatchResult {
  /** Per spelling: the E.164 digits as a number, 0 when it is no valid number. */
  results: Float64Array;
  /** Spellings parsed by the workers (the rest by the main thread). */
  byWorkers: number;
}

const CHUNK = 2048;
/** How long the main thread waits without progress before parsing a worker's chunks itself. */
const STALL_MS = 5_000;

export function parseSpellings(spellings: string[], region: string | undefined, options: BatchOptions = {}): BatchResult {
  const results = new Float64Array(new SharedArrayBuffer(Math.max(8, spellings.length * 8)));
  const progress = new Int32Array(new SharedArrayBuffer(8));
  const chunkCount = Math.ceil(spellings.length / CHUNK);
  const chunks = new Int32Array(new SharedArrayBuffer(Math.max(4, chunkCount * 4)));
  const batch: ParseBatch = { spellings, region, chunk: CHUNK, progress, chunks, results };
  const wanted = spellings.length >= (options.minParallel ?? 20_000) ? (options.workers ?? Math.min(3, availableParallelism() - 1)) : 0;
  const workers = startWorkers(batch, wanted);
  options.meanwhile?.();
  let byMain = options.mainHelps === false && workers.length > 0 ? 0 : parseClaimed(batch);
  let finished = Atomics.load(progress, 1);
  while (finished < spellings.length) {
    // Woken by each finished chunk; a stall means a worker died holding chunks.
    if (Atomics.wait(progress, 1, finished, STALL_MS) === 'timed-out' && Atomics.load(progress, 1) === finished) {
      for (let c = 0; c < chunkCount; c++) if (Atomics.load(chunks, c) !== 2) byMain += parseChunk(batch, c);
      break;
    }
    finished = Atomics.load(progress, 1);
  }
  for (const w of workers) void w.terminate();
  return { results, byWorkers: spellings.length - byMain };
}

function workerFile(): string | undefined {
  // Compiled: phone-parse.js next to this file; under the tests: the .ts source (Node strips types).
  const url = new URL(import.meta.url.endsWith('.ts') ? './phone-parse.ts' : './phone-parse.js', import.meta.url);
  const path = fileURLToPath(url);
  return existsSync(path) ? path : undefined;
}

function startWorkers(batch: ParseBatch, count: number): Worker[] {
  const file = count > 0 ? workerFile() : undefined;
  if (!file) return [];
  const workers: Worker[] = [];
  for (let i = 0; i < count; i++) {
    try {
      const worker = new Worker(file, {
        workerData: {
          mark: WORKER_MARK,
          spellings: batch.spellings,
          region: batch.region,
          chunk: batch.chunk,
          progress: batch.progress.buffer,
          chunks: batch.chunks.buffer,
          results: batch.results.buffer,
        },
      });
      // A failing worker is replaced by the main thread's own parsing; nothing to report.
      worker.on('error', () => undefined);
      worker.unref();
      workers.push(worker);
    } catch {
      break;
    }
  }
  return workers;
}
