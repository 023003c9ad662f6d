import readline from 'node:readline';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { createGunzip, type Gunzip } from 'node:zlib';
import { ScanFailure } from '../../src/model/errors.js';

/**
 * The lines of a users-export file as they arrive: gunzipped on the fly when the body is gzip
 * (Auth0 serves `.json.gz`; a proxy may already have decoded it), split by node:readline. The
 * file is never buffered, so a million-user export costs the memory of one line at a time.
 */
export async function* ndjsonLines(body: Readable): AsyncGenerator<string> {
  const text = pipeline(body, new GunzipIfCompressed(), () => undefined);
  const lines = readline.createInterface({ input: text, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (line.trim() !== '') yield line;
    }
  } finally {
    lines.close();
    // Stopping early (a record cap) must release the connection, not drain a gigabyte.
    text.destroy();
    body.destroy();
  }
}

/** gzip starts with the magic bytes 1f 8b (RFC 1952 §2.3.1); anything else passes through. */
class GunzipIfCompressed extends Transform {
  #gunzip: Gunzip | undefined;
  #decided = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.#decided) {
      this.#decided = true;
      if (chunk.length >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b) this.#startGunzip();
    }
    if (!this.#gunzip) {
      callback(null, chunk);
      return;
    }
    this.#gunzip.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    const gunzip = this.#gunzip;
    if (!gunzip) {
      callback();
      return;
    }
    gunzip.once('end', () => callback());
    gunzip.end();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#gunzip?.destroy();
    callback(error);
  }

  #startGunzip(): void {
    const gunzip = createGunzip();
    gunzip.on('data', (data: Buffer) => this.push(data));
    gunzip.on('error', (error) =>
      this.destroy(
        new ScanFailure({
          code: 'UNEXPECTED_SHAPE',
          message: `the users-export file is not valid gzip (${error.message.split('\n')[0] ?? ''})`,
          endpoint: 'users-export download',
          retryable: true,
          remediation: 'scan again: a download cut short or corrupted in transit leaves a broken file',
        }),
      ),
    );
    this.#gunzip = gunzip;
  }
}
