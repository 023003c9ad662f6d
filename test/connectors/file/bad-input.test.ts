import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/model/errors.js';
import { isComplete } from '../../../src/model/snapshot.js';
import { collectExport, datasetOf, FIXTURES, fileTarget, profilesOf, tempDir } from './helpers.js';

/**
 * Bad input is never silent data loss: rejected rows are counted with their lines, a structurally
 * broken file is one coded error naming file, line and problem, and config mistakes throw ConfigError.
 */
let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  tmp.cleanup();
});

function write(name: string, content: string | Buffer): string {
  writeFileSync(tmp.path(name), content);
  return name;
}

async function collectTmp(overrides: Record<string, unknown>) {
  return collectExport(fileTarget(overrides), tmp.dir);
}

describe('rejected rows: counted by reason with line numbers, the rest read', () => {
  it('missing id, invalid date, wrong column count, impossible date', async () => {
    const snapshot = await collectExport(fileTarget({ path: 'rejected-rows.csv' }));
    expect(profilesOf(snapshot).map((p) => p.localId)).toEqual(['r-1', 'r-6']);
    expect(datasetOf(snapshot)).toMatchObject({ state: 'partial', records: 2, total: 6 });
    expect(snapshot.errors).toEqual([
      {
        code: 'PARTIAL_READ',
        message: 'rejected-rows.csv: 4 of 6 rows rejected — invalid date (createdAt): 2 (lines 4, 6); missing id: 1 (line 3); wrong column count: 1 (line 5)',
        endpoint: 'rejected-rows.csv',
        retryable: false,
        remediation: 'fix the rows at those lines (an id in every row, dates in ISO 8601 or epoch), or correct the mapping',
      },
    ]);
    expect(isComplete(snapshot.coverage, snapshot.errors)).toBe(false);
    expect(snapshot.facts.identityStore?.userStats).toEqual({ state: 'observed', value: { total: 6, read: 2 } });
  });

  it('line numbers count the lines of quoted multi-line fields', async () => {
    const name = write('multi.csv', 'id,note\r\nm-1,"two\r\nlines"\r\n,no id\r\nm-3,x,extra\r\nm-4,"a ""quoted"" word"\r\n');
    const snapshot = await collectTmp({ path: name });
    expect(profilesOf(snapshot).map((p) => p.localId)).toEqual(['m-1', 'm-4']);
    expect(snapshot.errors[0]?.message).toBe('multi.csv: 2 of 4 rows rejected — missing id: 1 (line 4); wrong column count: 1 (line 5)');
  });

  it('JSON Lines: unparseable lines, non-objects and objects without id; blank lines and CRLF are fine', async () => {
    const name = write(
      'users.jsonl',
      ['{"id":"j-1","email":"a@example.com"}', '', '{"id":"j-2"', '[1,2]', '42', '{"email":"b@example.com"}', '   ', '{"id":"j-7","created_at":"2024-01-01"}'].join('\r\n'),
    );
    const snapshot = await collectTmp({ path: name });
    expect(profilesOf(snapshot).map((p) => p.localId)).toEqual(['j-1', 'j-7']);
    expect(datasetOf(snapshot)).toMatchObject({ state: 'partial', records: 2, total: 6 });
    expect(snapshot.errors[0]?.message).toBe('users.jsonl: 4 of 6 rows rejected — missing id: 1 (line 6); not a JSON object: 2 (lines 4, 5); unparseable JSON: 1 (line 3)');
  });

  it('every row rejected: nothing read, still no throw', async () => {
    const name = write('noids.csv', 'id,email\n,a@example.com\n,b@example.com\n');
    const snapshot = await collectTmp({ path: name });
    expect(snapshot.profiles).toBeUndefined();
    expect(datasetOf(snapshot)).toMatchObject({ state: 'partial', records: 0, total: 2 });
    expect(snapshot.errors[0]?.code).toBe('PARTIAL_READ');
    // Rows rejected for their id were not looked at further: no claim about the other columns.
    expect(datasetOf(snapshot).reason).not.toContain('empty in every row');
  });
});

describe('structurally broken files: one coded error with file, line and problem; earlier records kept', () => {
  it('a quote never closed before the end of the file', async () => {
    const snapshot = await collectExport(fileTarget({ path: 'unterminated-quote.csv' }));
    expect(profilesOf(snapshot).map((p) => p.localId)).toEqual(['t-1']);
    expect(datasetOf(snapshot)).toMatchObject({ state: 'partial', records: 1 });
    expect(datasetOf(snapshot).total).toBeUndefined();
    expect(snapshot.errors).toEqual([
      {
        code: 'UNEXPECTED_SHAPE',
        message: 'unterminated-quote.csv: line 3: the record starting here opens a quote that is never closed (end of file)',
        endpoint: 'unterminated-quote.csv',
        retryable: false,
        remediation: 'fix or re-export the file; the 1 record(s) before it were read',
      },
    ]);
  });

  it('a closing quote followed by other characters', async () => {
    const snapshot = await collectTmp({ path: write('q.csv', 'id,email\na-1,x@example.com\n"a-2"x,y@example.com\na-3,z@example.com\n') });
    expect(profilesOf(snapshot)).toHaveLength(1);
    expect(snapshot.errors.map((e) => e.message)).toEqual([
      'q.csv: line 3: malformed quoting in the record starting here: a closing quote is followed by other characters (check csv.quote and csv.delimiter)',
    ]);
  });

  it('an unterminated quote does not buffer the rest of a big file: the record cap stops it', async () => {
    const lines = `${'x'.repeat(63)}\n`.repeat(150_000);
    const snapshot = await collectTmp({ path: write('runaway.csv', `id,note\nr-0,a\nr-1,"${lines}r-2,b\n`) });
    expect(profilesOf(snapshot).map((p) => p.localId)).toEqual(['r-0']);
    expect(snapshot.errors.map((e) => e.message)).toEqual(['runaway.csv: line 3: the record starting here is longer than 8388608 characters: probably an unterminated quote']);
  });

  it('an empty CSV has no header', async () => {
    const snapshot = await collectTmp({ path: write('empty.csv', '') });
    expect(datasetOf(snapshot)).toMatchObject({ state: 'not-read', records: 0 });
    expect(snapshot.errors.map((e) => [e.code, e.message])).toEqual([['UNEXPECTED_SHAPE', 'empty.csv: line 1: the file is empty: no header row']]);
    expect(snapshot.facts.identityStore?.userStats).toMatchObject({ state: 'unknown', reason: { kind: 'collection-error' } });
  });

  it('a header-only CSV and an empty JSON Lines file are complete and empty', async () => {
    for (const name of [write('header.csv', 'id,email\r\n'), write('empty.jsonl', '\n\n')]) {
      const snapshot = await collectTmp({ path: name });
      expect(snapshot.errors).toEqual([]);
      expect(datasetOf(snapshot)).toMatchObject({ state: 'complete', records: 0, total: 0 });
      expect(snapshot.facts.identityStore?.userStats).toEqual({ state: 'observed', value: { total: 0, read: 0 } });
    }
  });

  it('binary garbage', async () => {
    const garbage = Buffer.alloc(4096);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919) % 256;
    const snapshot = await collectTmp({ path: write('users.csv', garbage) });
    expect(snapshot.errors.map((e) => e.message)).toEqual(['users.csv: line 1: binary content (a NUL byte): not a text export, or a wrong csv.encoding']);
    expect(datasetOf(snapshot).state).toBe('not-read');
  });

  it('binary content after good rows keeps the rows', async () => {
    const snapshot = await collectTmp({ path: write('late.csv', Buffer.concat([Buffer.from('id\nb-1\nb-2\n'), Buffer.from([0x00, 0x01, 0x0a])])) });
    expect(profilesOf(snapshot)).toHaveLength(2);
    expect(snapshot.errors.map((e) => e.message)).toEqual(['late.csv: line 4: binary content (a NUL byte): not a text export, or a wrong csv.encoding']);
  });

  it('a gzip file without .gz in its name', async () => {
    const snapshot = await collectTmp({ path: write('users.csv', gzipSync('id\nz-1\n')) });
    expect(snapshot.errors.map((e) => e.message)).toEqual(['users.csv: line 1: the file is gzip-compressed but its name does not end in .gz — fix: rename it to end in .gz']);
  });

  it('invalid gzip', async () => {
    const snapshot = await collectTmp({ path: write('users.csv.gz', 'id,email\nx,y\n') });
    expect(snapshot.errors.map((e) => [e.code, e.message])).toEqual([['UNEXPECTED_SHAPE', 'users.csv.gz: line 1: invalid gzip data (Z_DATA_ERROR)']]);
    expect(datasetOf(snapshot).state).toBe('not-read');
  });

  it('truncated gzip keeps the records decompressed before the cut', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `g-${i},person${i}@example.com,${(i * 7) % 1000}`).join('\n');
    const zipped = gzipSync(`id,email,n\n${rows}\n`);
    const snapshot = await collectTmp({ path: write('users.csv.gz', zipped.subarray(0, Math.floor(zipped.length / 2))) });
    expect(snapshot.errors).toHaveLength(1);
    const dataset = datasetOf(snapshot);
    expect(dataset.state).toBe('partial');
    expect(dataset.records).toBeGreaterThan(1000);
    expect(dataset.records).toBeLessThan(20_000);
    // Every complete line before the cut was read, and the cut line itself was not taken as a record.
    expect(snapshot.errors[0]?.message).toBe(`users.csv.gz: line ${dataset.records! + 2}: the gzip data ends early (truncated file)`);
    const last = profilesOf(snapshot).at(-1)!;
    expect(last.emails[0]?.address).toBe(`person${dataset.records! - 1}@example.com`);
  });

  it('a Keycloak realm export (one JSON document) is explained with the jq conversion', async () => {
    const snapshot = await collectExport(fileTarget({ path: 'keycloak-realm-export.json' }));
    expect(snapshot.errors.map((e) => e.message)).toEqual([
      "keycloak-realm-export.json: line 1: the file is one JSON document, not JSON Lines (one object per line) — fix: convert it, e.g. jq -c '.users[]' realm-export.json > users.jsonl (Keycloak) or jq -c '.[]' users.json > users.jsonl (an array)",
    ]);
    expect(datasetOf(snapshot)).toMatchObject({ state: 'not-read', records: 0 });
  });

  it('a JSON array on one line is not JSON Lines either', async () => {
    const snapshot = await collectTmp({ path: write('users.json', '[{"id":"1"},{"id":"2"}]\n') });
    expect(snapshot.errors[0]?.message).toContain('users.json: line 1: the file is one JSON document, not JSON Lines');
  });

  it('a JSON line longer than 8 MiB', async () => {
    const snapshot = await collectTmp({ path: write('big.jsonl', `{"id":"ok"}\n{"id":"x","blob":"${'y'.repeat(9 * 1024 * 1024)}"}\n`) });
    expect(profilesOf(snapshot)).toHaveLength(1);
    expect(snapshot.errors.map((e) => e.message)).toEqual(['big.jsonl: line 2: a line is longer than 8388608 characters: a broken or binary file']);
  });

  it('an aborted scan stops with ABORTED', async () => {
    const snapshot = await collectExport(fileTarget({ path: 'auth0-users.jsonl' }), FIXTURES, AbortSignal.abort());
    expect(snapshot.errors.map((e) => [e.code, e.retryable])).toEqual([['ABORTED', true]]);
  });
});

describe('configuration mistakes throw ConfigError (exit 2)', () => {
  it('a missing file names the resolved path', async () => {
    await expect(collectTmp({ path: 'exports/nope.csv' })).rejects.toThrow(
      new ConfigError([`targets.export.path: file not found: ${join(tmp.dir, 'exports/nope.csv')} — fix: check the path (it is relative to the config file)`]),
    );
  });

  it('a directory is not an export', async () => {
    mkdirSync(tmp.path('dir.csv'));
    await expect(collectTmp({ path: 'dir.csv' })).rejects.toThrow(/targets\.export\.path: not a regular file: .*dir\.csv/);
  });

  it('a mapped column the header lacks: one line listing the available headers, with a near match', async () => {
    const error = await collectExport(fileTarget({ path: 'users-default-columns.csv', mapping: { emails: ['EMAIL'], given: 'givenName' } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'targets.export.mapping: users-default-columns.csv has no column mapping.emails[0] "EMAIL" (did you mean "email"?), mapping.given "givenName" — fix: use a header of the file; available: "id", "email", "first_name", "last_name", "country"',
    ]);
  });

  it('no id mapped and no usual id header', async () => {
    const name = write('people.csv', 'identifier,email\n1,a@example.com\n');
    await expect(collectTmp({ path: name })).rejects.toThrow(/targets\.export\.mapping\.id: not set, and none of the usual id names .* is among the headers of people\.csv — fix: set mapping\.id; available: "identifier", "email"/);
  });

  it('JSON Lines without an id path and without defaults', async () => {
    await expect(collectExport(fileTarget({ path: 'auth0-users.jsonl', defaultColumns: false }))).rejects.toThrow(/mapping\.id: not set and defaultColumns is false/);
  });
});
