import { accessSync, constants, createReadStream, statSync, type ReadStream } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createGunzip } from 'node:zlib';
import { ConfigError, type ScanErrorCode } from '../../src/model/errors.js';
import type { FileLayout } from './layout.js';

/**
 * Opening an export and turning its bytes into text, one chunk at a time: never the whole file.
 * A problem that makes the rest of the file unreadable is a FileProblem with the line it was found
 * on (kept by the decoder, or thrown by a reader); the connector turns it into one coded ScanError.
 */
export class FileProblem extends Error {
  readonly line: number;
  readonly code: ScanErrorCode;
  readonly retryable: boolean;
  constructor(line: number, problem: string, code: ScanErrorCode = 'UNEXPECTED_SHAPE', retryable = false) {
    super(problem);
    this.name = 'FileProblem';
    this.line = line;
    this.code = code;
    this.retryable = retryable;
  }
}

/** A line longer than this is not a record of personal data but a broken or binary file. */
export const MAX_LINE_CHARS = 8 * 1024 * 1024;

/** Resolve the configured path and check it is a readable file; anything else is a config mistake. */
export function resolveExportFile(targetId: string, baseDir: string, path: string): string {
  const absolute = resolve(baseDir, path);
  let isFile: boolean;
  try {
    isFile = statSync(absolute).isFile();
    if (isFile) accessSync(absolute, constants.R_OK);
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'unreadable';
    const why = code === 'ENOENT' ? 'file not found' : `cannot read the file (${code})`;
    throw new ConfigError([`targets.${targetId}.path: ${why}: ${absolute} — fix: check the path (it is relative to the config file)`]);
  }
  if (!isFile) throw new ConfigError([`targets.${targetId}.path: not a regular file: ${absolute} — fix: point path at the export file itself`]);
  return absolute;
}

/**
 * An opened export: `decoder` is the text the readers consume. The file (and gunzip) are piped into
 * it outside the readers' pipeline so that an upstream failure (a truncated gzip, a read error) ends
 * the text cleanly after the last complete line, with the problem kept on the decoder, instead of
 * destroying the records already parsed but not yet consumed.
 */
export interface OpenExport {
  name: string;
  file: ReadStream;
  decoder: TextDecodeStream;
}

export function openExport(absolute: string, layout: FileLayout): OpenExport {
  const file = createReadStream(absolute);
  const decoder = new TextDecodeStream(layout.encoding, MAX_LINE_CHARS);
  const fail = (err: unknown) => decoder.fail(upstreamProblem(err, decoder.line));
  file.on('error', fail);
  if (layout.gzip) {
    const unzip = createGunzip();
    unzip.on('error', fail);
    file.pipe(unzip).pipe(decoder);
    decoder.on('close', () => unzip.destroy());
  } else file.pipe(decoder);
  // A reader that stops early (maxRecords, a problem) closes the decoder: stop reading the file too.
  decoder.on('close', () => file.destroy());
  return { name: basename(absolute), file, decoder };
}

function upstreamProblem(err: unknown, line: number): FileProblem {
  const code = (err as { code?: unknown }).code;
  switch (code) {
    case 'Z_BUF_ERROR':
      return new FileProblem(line, 'the gzip data ends early (truncated file)');
    case 'Z_DATA_ERROR':
    case 'Z_STREAM_ERROR':
    case 'Z_NEED_DICT':
      return new FileProblem(line, `invalid gzip data (${code})`);
    default:
      return new FileProblem(line, `reading the file failed (${typeof code === 'string' ? code : 'I/O error'})`, 'PARTIAL_READ', true);
  }
}

/**
 * Bytes to text with the configured encoding (a byte-order mark is dropped), handed on in whole
 * lines only, so that a file cut mid-line never yields a cut record. Counts lines so that every
 * problem can say where it is. A NUL character never occurs in a text export: it is binary content
 * (or a compressed file without its .gz suffix). A problem ends the text after the last complete
 * line and is kept in `problem` for the reader to report.
 */
export class TextDecodeStream extends Transform {
  readonly #decoder: TextDecoder;
  readonly #maxLineChars: number;
  /** The line the pending text starts on (1-based). */
  #line = 1;
  #pending = '';
  #replacements = 0;
  #started = false;
  #problem: FileProblem | undefined;

  constructor(encoding: string, maxLineChars: number) {
    super({ readableObjectMode: true });
    this.#decoder = new TextDecoder(encoding);
    this.#maxLineChars = maxLineChars;
  }

  /** The line being decoded (1-based). */
  get line(): number {
    return this.#line;
  }

  /** U+FFFD characters produced: bytes that are not valid in the configured encoding. */
  get invalidSequences(): number {
    return this.#replacements;
  }

  get problem(): FileProblem | undefined {
    return this.#problem;
  }

  /** End the text here: what was handed on stays valid, the rest of the file is not read. */
  fail(problem: FileProblem): void {
    if (this.#problem || this.readableEnded || this.destroyed) return;
    this.#problem = problem;
    this.#pending = '';
    this.push(null);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.#problem) this.#take(this.#decoder.decode(chunk, { stream: true }));
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (!this.#problem) this.#take(this.#decoder.decode());
    if (!this.#problem && this.#pending) {
      // The last line may end without a line break.
      this.#hand(this.#pending);
      this.#pending = '';
    }
    callback();
  }

  #take(text: string): void {
    if (!this.#started && text.length) {
      this.#started = true;
      // The gzip magic 1f 8b, decoded as UTF-8 (8b is invalid: U+FFFD), Latin-1 or windows-1252.
      if (text.charCodeAt(0) === 0x1f && [0x8b, 0x2039, 0xfffd].includes(text.charCodeAt(1))) {
        this.fail(new FileProblem(1, 'the file is gzip-compressed but its name does not end in .gz — fix: rename it to end in .gz'));
        return;
      }
    }
    // Only the new text is scanned: the pending part holds no line break and no NUL by construction.
    const nul = text.indexOf('\u0000');
    const usable = nul >= 0 ? text.slice(0, nul) : text;
    const cut = usable.lastIndexOf('\n');
    if (cut >= 0) {
      this.#hand(this.#pending + usable.slice(0, cut + 1));
      this.#pending = usable.slice(cut + 1);
    } else this.#pending += usable;
    if (nul >= 0) this.fail(new FileProblem(this.#line, 'binary content (a NUL byte): not a text export, or a wrong csv.encoding'));
    else if (this.#pending.length > this.#maxLineChars) {
      this.fail(new FileProblem(this.#line, `a line is longer than ${this.#maxLineChars} characters: a broken or binary file`));
    }
  }

  #hand(text: string): void {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.#line++;
    for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) this.#replacements++;
    this.push(text);
  }
}
