import { appendFileSync, createReadStream, createWriteStream, statSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../../connectors/file/csv-reader.js';
import { readJsonl } from '../../../connectors/file/jsonl-reader.js';
import { fileLayout } from '../../../connectors/file/layout.js';
import { openExport } from '../../../connectors/file/source.js';
import { collectExport, datasetOf, fileTarget, tempDir } from './helpers.js';

/**
 * A generated export of 200 000 users (and smaller gzip and JSON Lines variants), streamed. Memory stays bounded because records flow through
 * one at a time: asserted without timing, by how far the file read runs ahead of the records handed
 * out (a bounded read-ahead), and by the ProfileStore holding exactly the records read.
 */
const ROWS = 200_000;
const HEADER = 'id,email,first_name,last_name,created_at\n';
/** Fixed-width rows, so that the bytes behind row n are known exactly. */
const pad = (n: number) => String(n).padStart(6, '0');
const row = (i: number) => `u-${pad(i)},user${pad(i)}@example.com,Given${pad(i % 97)},Family${pad(i % 89)},2024-01-01T00:00:00Z\n`;
const ROW_BYTES = Buffer.byteLength(row(0));
const READ_AHEAD_LIMIT = 1024 * 1024;
/** The gzip and JSON Lines variants only check that the same path works; they need not be as big. */
const SMALL_ROWS = 20_000;
/** Generous: the machines this runs on are shared; nothing here asserts a duration. */
const SLOW = 180_000;

let tmp: ReturnType<typeof tempDir>;
beforeAll(async () => {
  tmp = tempDir();
  writeFileSync(tmp.path('users.csv'), HEADER);
  writeFileSync(tmp.path('small.csv'), HEADER);
  writeFileSync(tmp.path('small.jsonl'), '');
  for (let start = 0; start < ROWS; start += 10_000) {
    let csv = '';
    for (let i = start; i < start + 10_000; i++) csv += row(i);
    appendFileSync(tmp.path('users.csv'), csv);
    if (start < SMALL_ROWS) {
      appendFileSync(tmp.path('small.csv'), csv);
      let jsonl = '';
      for (let i = start; i < start + 10_000; i++) jsonl += `${JSON.stringify({ id: `u-${pad(i)}`, email: `user${i}@example.com`, identities: [{ provider: 'auth0', user_id: String(i) }] })}\n`;
      appendFileSync(tmp.path('small.jsonl'), jsonl);
    }
  }
  await pipeline(createReadStream(tmp.path('small.csv')), createGzip(), createWriteStream(tmp.path('small.csv.gz')));
}, SLOW);
afterAll(() => {
  tmp.cleanup();
});

describe(`a generated export of ${ROWS} rows`, () => {
  it('is streamed: the file read never runs more than 1 MiB ahead of the records handed out', async () => {
    const path = tmp.path('users.csv');
    const size = statSync(path).size;
    expect(size).toBe(HEADER.length + ROWS * ROW_BYTES);
    const source = openExport(path, fileLayout({ id: 't', path }));
    let rows = 0;
    let maxAhead = 0;
    await readCsv(
      source,
      fileLayout({ id: 't', path }),
      {
        header: () => undefined,
        row: () => {
          rows++;
          maxAhead = Math.max(maxAhead, source.file.bytesRead - (HEADER.length + rows * ROW_BYTES));
          return true;
        },
        reject: () => expect.fail('no row is rejected'),
      },
      new AbortController().signal,
    );
    expect(rows).toBe(ROWS);
    expect(maxAhead).toBeLessThan(READ_AHEAD_LIMIT);
    expect(source.file.bytesRead).toBe(size);
  }, SLOW);

  it('stopping early stops reading the file', async () => {
    const signal = new AbortController().signal;
    for (const [name, read] of [
      ['users.csv', (s: ReturnType<typeof openExport>, stop: () => boolean) => readCsv(s, fileLayout({ id: 't', path: 'users.csv' }), { header: () => undefined, row: stop, reject: () => undefined }, signal)],
      ['small.jsonl', (s: ReturnType<typeof openExport>, stop: () => boolean) => readJsonl(s, { row: stop, reject: () => undefined }, signal)],
    ] as const) {
      const path = tmp.path(name);
      const source = openExport(path, fileLayout({ id: 't', path }));
      let rows = 0;
      const outcome = await read(source, () => ++rows < 10);
      expect(outcome).toEqual({ stopped: true });
      expect(rows).toBe(10);
      await new Promise((resolve) => setImmediate(resolve));
      expect(source.file.destroyed).toBe(true);
      expect(source.file.bytesRead).toBeLessThan(READ_AHEAD_LIMIT);
    }
  });

  it('collect: the ProfileStore holds exactly the rows read, in batches of the page size', async () => {
    const snapshot = await collectExport(fileTarget({ path: 'users.csv' }), tmp.dir);
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.profiles?.size).toBe(ROWS);
    expect(datasetOf(snapshot)).toMatchObject({ state: 'complete', records: ROWS, total: ROWS, pages: ROWS / 1000 });
    expect(snapshot.profiles?.localId(ROWS - 1)).toBe(`u-${pad(ROWS - 1)}`);
    expect(snapshot.facts.identityStore?.userStats).toEqual({ state: 'observed', value: { total: ROWS, read: ROWS } });
  }, SLOW);

  it('gzip and JSON Lines take the same streaming path', async () => {
    for (const name of ['small.csv.gz', 'small.jsonl']) {
      const mapping = name.endsWith('jsonl') ? { links: [{ kind: 'federated-identity', column: 'identities[*].user_id', viaColumn: 'identities[*].provider' }] } : {};
      const snapshot = await collectExport(fileTarget({ path: name, mapping }), tmp.dir);
      expect(snapshot.errors).toEqual([]);
      expect(snapshot.profiles?.size).toBe(SMALL_ROWS);
      expect(snapshot.profiles?.localId(SMALL_ROWS - 1)).toBe(`u-${pad(SMALL_ROWS - 1)}`);
      expect(datasetOf(snapshot)).toMatchObject({ state: 'complete', records: SMALL_ROWS, total: SMALL_ROWS, pages: SMALL_ROWS / 1000 });
    }
  }, SLOW);

  it('maxRecords caps the store, not just the count', async () => {
    const snapshot = await collectExport(fileTarget({ path: 'small.csv.gz', profiles: { maxRecords: 1234, pageSize: 500 } }), tmp.dir);
    expect(snapshot.profiles?.size).toBe(1234);
    expect(datasetOf(snapshot)).toMatchObject({ state: 'partial', records: 1234, pages: 3, reason: 'stopped at maxRecords 1234. mapping defaults used: id=id, given=first_name, family=last_name, createdAt=created_at, emails=email' });
  });
});
