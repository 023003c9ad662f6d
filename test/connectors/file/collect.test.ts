import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileConnector } from '../../../connectors/file/index.js';
import { createLogger } from '../../../src/log.js';
import { Redactor } from '../../../src/privacy/redact.js';
import { testCollectContext } from '../../support/collect-context.js';
import { collectExport, datasetOf, FIXTURES, fileTarget, profilesOf, tempDir } from './helpers.js';

/** The connector end to end on the fixtures: facts, profiles, coverage, options. No network at all. */
const AUTH0_MAPPING = {
  status: { column: 'blocked', disabled: ['true'] },
  origin: { column: 'identities[0].isSocial', local: ['false'], federated: ['true'] },
  links: [{ kind: 'federated-identity', column: 'identities[*].user_id', viaColumn: 'identities[*].provider', skipVia: ['auth0', 'sms', 'email'] }],
};

beforeAll(() => {
  nock.disableNetConnect();
});
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('users export (Auth0 NDJSON)', () => {
  const target = fileTarget({ id: 'auth0-export', path: 'auth0-users.jsonl', product: 'auth0', mapping: AUTH0_MAPPING });

  it('is an identity store scoped to the file, with counts only in userStats', async () => {
    const snapshot = await collectExport(target);
    expect(snapshot).toMatchObject({ targetId: 'auth0-export', kind: 'identity-store', product: 'auth0', errors: [] });
    expect(snapshot.facts).toEqual({
      identityStore: {
        scope: { kind: 'file', name: 'auth0-users.jsonl' },
        userStats: {
          state: 'observed',
          value: { total: 7, read: 7, enabled: 6, disabled: 1, emailVerified: 4, emailUnverified: 2, withFederatedIdentity: 2, withSeveralIdentities: 1 },
        },
      },
    });
    expect(snapshot.coverage).toMatchObject({ requests: 0, retries: 0, throttled: 0, missingPermissions: [] });
    expect(datasetOf(snapshot)).toMatchObject({ name: 'users', state: 'complete', records: 7, total: 7, pages: 1 });
    expect(datasetOf(snapshot).reason).toContain('mapping defaults used: id=user_id, emails=email, emailVerified=email_verified, phones=phone_number');
  });

  it('shows the weaknesses the identity rules look for: unverified and colliding emails, social duplicates, a blocked account', async () => {
    const profiles = profilesOf(await collectExport(target));
    const byEmail = (address: string) => profiles.filter((p) => p.emails.some((e) => e.address.toLowerCase() === address));
    // IDG-SOCIAL-DUPLICATES: one person, a password account and a separate Google account.
    expect(byEmail('ava.lindqvist@example.com').map((p) => p.origin)).toEqual(['local', 'federated']);
    // IDG-DUPLICATES-WITHIN-STORE and REG-EMAIL-VERIFICATION: the same unverified address twice.
    expect(byEmail('bruno.okafor@example.org').map((p) => p.emails[0]?.verified)).toEqual([false, false]);
    // IDG-LIFECYCLE-DRIFT (with the CRM side): a disabled identity.
    expect(byEmail('chen.wei@example.net').map((p) => p.status)).toEqual(['disabled']);
    expect(profiles.every((p) => p.targetId === 'auth0-export')).toBe(true);
  });

  it('pages are batches of profiles.pageSize records', async () => {
    const snapshot = await collectExport({ ...target, profiles: { pageSize: 2 } });
    expect(datasetOf(snapshot)).toMatchObject({ state: 'complete', records: 7, pages: 4 });
  });

  it('profiles.maxRecords stops the read: partial, no total, no error', async () => {
    const snapshot = await collectExport({ ...target, profiles: { maxRecords: 3 } });
    expect(profilesOf(snapshot)).toHaveLength(3);
    expect(datasetOf(snapshot)).toMatchObject({ state: 'partial', records: 3 });
    expect(datasetOf(snapshot).total).toBeUndefined();
    expect(datasetOf(snapshot).reason).toContain('stopped at maxRecords 3');
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.facts.identityStore?.userStats).toMatchObject({ state: 'observed', value: { total: 3, read: 3 } });
  });

  it('profiles.read: false opens nothing: not-applicable, no profiles, userStats not observed', async () => {
    const tmp = tempDir();
    try {
      // Binary content would be an error if it were read.
      writeFileSync(tmp.path('users.csv'), Buffer.from([0, 1, 2, 3, 255]));
      const snapshot = await collectExport(fileTarget({ path: 'users.csv', profiles: { read: false } }), tmp.dir);
      expect(snapshot.profiles).toBeUndefined();
      expect(snapshot.errors).toEqual([]);
      expect(datasetOf(snapshot)).toMatchObject({ name: 'users', state: 'not-applicable' });
      expect(snapshot.facts.identityStore).toEqual({
        scope: { kind: 'file', name: 'users.csv' },
        userStats: { state: 'unknown', reason: { kind: 'not-observed', detail: 'profiles.read is false for this target: the export was not read' } },
      });
    } finally {
      tmp.cleanup();
    }
  });
});

describe('contacts export', () => {
  it('records: contacts → a CRM snapshot with empty facts and lifecycle/consent/key profiles', async () => {
    const snapshot = await collectExport(
      fileTarget({
        id: 'hubspot',
        path: 'hubspot-contacts.csv',
        records: 'contacts',
        product: 'hubspot',
        mapping: {
          id: 'Record ID',
          emails: 'Email',
          lifecycle: { column: 'Lifecycle Stage', lead: ['Lead', 'Marketing Qualified Lead'], customer: ['Customer'] },
          consent: { column: 'Unsubscribed from all email', optedIn: ['false'], optedOut: ['true'] },
          links: [{ kind: 'crm-key', column: 'auth0_user_id', via: 'auth0' }],
        },
        defaultColumns: false,
      }),
    );
    expect(snapshot).toMatchObject({ kind: 'crm', product: 'hubspot', facts: {}, errors: [] });
    expect(datasetOf(snapshot)).toMatchObject({ name: 'contacts', state: 'complete', records: 4, total: 4 });
    const profiles = profilesOf(snapshot);
    // The BOM before "Record ID" is gone, CRLF line ends are handled.
    expect(profiles.map((p) => p.localId)).toEqual(['51', '52', '53', '54']);
    // The blocked Auth0 user's contact is still marketable: IDG-LIFECYCLE-DRIFT / IDG-CONSENT-CONSISTENCY evidence.
    expect(profiles[1]).toMatchObject({ lifecycle: 'customer', consent: { marketing: true }, links: [{ kind: 'crm-key', via: 'auth0', value: 'auth0|64a1f0c2e1d3b2a100000004' }] });
    // An unlinked lead: IDG-CRM-COVERAGE evidence.
    expect(profiles[2]).toMatchObject({ lifecycle: 'lead', links: [] });
  });

  it('Salesforce: CRLF with a quoted line break inside a field, counted as one record', async () => {
    const snapshot = await collectExport(fileTarget({ path: 'salesforce-contacts.csv', records: 'contacts', mapping: { id: 'Id', attributes: ['MailingStreet'] } }));
    expect(datasetOf(snapshot)).toMatchObject({ state: 'complete', records: 5, total: 5 });
    expect(profilesOf(snapshot).map((p) => p.localId)).toEqual(['003000000000001AAA', '003000000000002AAA', '003000000000003AAA', '003000000000004AAA', '003000000000005AAA']);
  });
});

describe('defaults and duplicates', () => {
  it('mapping: {} works for id/email/first_name/last_name and reports the defaults it used', async () => {
    const snapshot = await collectExport(fileTarget({ path: 'users-default-columns.csv' }));
    const profiles = profilesOf(snapshot);
    expect(profiles[0]).toMatchObject({ localId: 'u-1', emails: [{ address: 'lena.fischer@example.com', primary: true }], names: { given: 'Lena', family: 'Fischer' }, filledAttributes: 3 });
    expect(datasetOf(snapshot).reason).toContain('mapping defaults used: id=id, given=first_name, family=last_name, emails=email');
    // No status mapped: the counts that need it are absent, not zero.
    expect(snapshot.facts.identityStore?.userStats).toEqual({ state: 'observed', value: { total: 4, read: 4 } });
  });

  it('duplicate ids are counted and both records kept (a finding, not a parse error)', async () => {
    const snapshot = await collectExport(fileTarget({ path: 'users-default-columns.csv' }));
    expect(profilesOf(snapshot).filter((p) => p.localId === 'u-2')).toHaveLength(2);
    expect(datasetOf(snapshot)).toMatchObject({ state: 'complete', records: 4 });
    expect(datasetOf(snapshot).reason).toContain('1 row(s) repeat an id already read (every record kept)');
    expect(snapshot.errors).toEqual([]);
  });

  it('defaultColumns: false reads only what the mapping names', async () => {
    const snapshot = await collectExport(fileTarget({ path: 'users-default-columns.csv', mapping: { id: 'id' }, defaultColumns: false }));
    expect(profilesOf(snapshot)[0]).toEqual({ targetId: 'export', localId: 'u-1', emails: [], phones: [], names: {}, links: [], status: 'unknown', filledAttributes: 0 });
    expect(datasetOf(snapshot).reason).toContain('1 row(s) repeat an id');
    expect(datasetOf(snapshot).reason).not.toContain('defaults');
  });

  it('attributes are counted into filledAttributes, and a mapped column that is never filled is noted', async () => {
    const snapshot = await collectExport(fileTarget({ path: 'users-default-columns.csv', mapping: { attributes: ['country'] } }));
    expect(profilesOf(snapshot).map((p) => p.filledAttributes)).toEqual([4, 4, 3, 4]);
    const jsonl = await collectExport(fileTarget({ path: 'auth0-users.jsonl', mapping: { given: 'profile.given_name' } }));
    expect(datasetOf(jsonl).reason).toContain('mapped columns empty in every row: profile.given_name');
  });
});

describe('gzip', () => {
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['auth0-users.jsonl', 'my-tenant.json.gz', AUTH0_MAPPING],
    ['auth0-users.jsonl', 'users.jsonl.gz', AUTH0_MAPPING],
    ['salesforce-contacts.csv', 'Contact.csv.gz', { id: 'Id' }],
    ['hubspot-contacts.csv', 'contacts.CSV.GZ', { id: 'Record ID' }],
  ];
  it.each(cases)('%s compressed as %s reads the same profiles as the plain file', async (fixture, name, mapping) => {
    const tmp = tempDir();
    try {
      writeFileSync(tmp.path(name), gzipSync(readFileSync(FIXTURES + fixture)));
      const zipped = await collectExport(fileTarget({ path: name, mapping }), tmp.dir);
      const plain = await collectExport(fileTarget({ path: fixture, mapping }));
      expect(zipped.errors).toEqual([]);
      expect(profilesOf(zipped)).toEqual(profilesOf(plain));
      expect(datasetOf(zipped)).toEqual(datasetOf(plain));
    } finally {
      tmp.cleanup();
    }
  });
});

describe('encodings', () => {
  const csv = 'id,email,first_name\nx-1,zoe.muller@example.com,Zoë\n';

  it('latin1 read as UTF-8 is noted; csv.encoding: latin1 reads it right', async () => {
    const tmp = tempDir();
    try {
      writeFileSync(tmp.path('latin1.csv'), Buffer.from(csv, 'latin1'));
      const wrong = await collectExport(fileTarget({ path: 'latin1.csv' }), tmp.dir);
      expect(datasetOf(wrong).reason).toContain('1 character(s) not valid utf-8 (set csv.encoding?)');
      const right = await collectExport(fileTarget({ path: 'latin1.csv', csv: { encoding: 'latin1' } }), tmp.dir);
      expect(profilesOf(right)[0]!.names.given).toBe('Zoë');
      expect(datasetOf(right).reason).not.toContain('not valid');
    } finally {
      tmp.cleanup();
    }
  });

  it('UTF-16LE with a byte-order mark, and a UTF-8 BOM', async () => {
    const tmp = tempDir();
    try {
      writeFileSync(tmp.path('utf16.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]));
      writeFileSync(tmp.path('bom.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]));
      const utf16 = await collectExport(fileTarget({ path: 'utf16.csv', csv: { encoding: 'utf-16le' } }), tmp.dir);
      const bom = await collectExport(fileTarget({ path: 'bom.csv' }), tmp.dir);
      for (const snapshot of [utf16, bom]) {
        expect(snapshot.errors).toEqual([]);
        expect(profilesOf(snapshot)[0]).toMatchObject({ localId: 'x-1', names: { given: 'Zoë' } });
      }
    } finally {
      tmp.cleanup();
    }
  });

  it('a semicolon-delimited file with another quote character, and a .tsv', async () => {
    const tmp = tempDir();
    try {
      writeFileSync(tmp.path('semi.csv'), "id;email\n'a;1';a@example.com\n");
      writeFileSync(tmp.path('users.tsv'), 'id\temail\nt-1\tb@example.com\n');
      const semi = await collectExport(fileTarget({ path: 'semi.csv', csv: { delimiter: ';', quote: "'" } }), tmp.dir);
      expect(profilesOf(semi)[0]!.localId).toBe('a;1');
      const tsv = await collectExport(fileTarget({ path: 'users.tsv' }), tmp.dir);
      expect(profilesOf(tsv)[0]).toMatchObject({ localId: 't-1', emails: [{ address: 'b@example.com' }] });
    } finally {
      tmp.cleanup();
    }
  });
});

describe('privacy', () => {
  it('no profile value reaches the log, the errors or the coverage', async () => {
    const lines: string[] = [];
    const config = fileTarget({ path: 'rejected-rows.csv' });
    const { ctx } = testCollectContext(fileConnector, config, { baseDir: FIXTURES });
    const log = createLogger({ level: 'debug', redactor: new Redactor(), write: (line) => lines.push(line) });
    const snapshot = await fileConnector.collect(config, { ...ctx, log, progress: (m) => lines.push(m) });
    expect(snapshot.errors).toHaveLength(1);
    const visible = JSON.stringify({ ...snapshot, profiles: undefined }) + lines.join('\n');
    for (const value of ['olga', 'petrova', 'no.id', 'not-a-date', 'quinn', 'rosa', '2023-02-30', 'sam.lee', 'example.com']) {
      expect(visible).not.toContain(value);
    }
    expect(lines.join('\n')).toContain('rejected-rows.csv: 4 of 6 rows rejected');
  });
});
