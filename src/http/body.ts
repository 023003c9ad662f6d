/**
 * Response bodies under the client's rules: counted while they stream (never buffered past
 * `maxResponseBytes`), cut off when the attempt's deadline passes, and every failure a coded
 * ScanFailure. When the guarded stream closes, however it closes, the source socket is destroyed
 * if unfinished and `onClose` frees the concurrency slot and the timer.
 */
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import type { ScanFailure } from '../model/errors.js';

export interface BodyGuard {
  maxBytes: number;
  /** Aborts when the attempt's deadline passes or the caller aborts. */
  signal: AbortSignal;
  tooLarge(): ScanFailure;
  /** Map a source or abort error to the failure the reader sees. */
  failureFor(error: unknown): ScanFailure;
  onClose(): void;
}

export function guardBody(source: Readable, guard: BodyGuard): Readable {
  let received = 0;
  const out = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > guard.maxBytes) callback(guard.tooLarge());
      else callback(null, chunk);
    },
  });
  const onAbort = (): void => {
    out.destroy(guard.failureFor(guard.signal.reason));
  };
  source.on('error', (error: unknown) => out.destroy(guard.failureFor(error)));
  guard.signal.addEventListener('abort', onAbort, { once: true });
  out.once('close', () => {
    guard.signal.removeEventListener('abort', onAbort);
    if (!source.readableEnded) source.destroy();
    guard.onClose();
  });
  // A body nobody reads may still fail (deadline); without a listener that error would crash the
  // process. Readers still see it: an errored stream rethrows on read and in `for await`.
  out.on('error', () => undefined);
  if (guard.signal.aborted) onAbort();
  else source.pipe(out);
  return out;
}

/** Read a guarded body to the end (it enforces the cap itself). */
export async function collectBody(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Throw away a body we will not use (a retried or redirected response): frees the socket and slot. */
export function discardBody(body: Readable): void {
  body.destroy();
}
