import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CONNECTORS } from '../../../connectors/index.js';
import { fileConnector } from '../../../connectors/file/index.js';
import { fileLayout } from '../../../connectors/file/layout.js';
import { RULES } from '../../../rules/index.js';
import { validateConfig } from '../../../src/config/load.js';
import { buildConfigSchema } from '../../../src/config/schema.js';
import type { AnyConnector } from '../../../src/connector.js';
import { ConfigError } from '../../../src/model/errors.js';
import { FIXTURES } from './helpers.js';

/** The `file` target type inside the real config loader (added by hand until the registry lists it). */
const connectors = CONNECTORS.some((c) => c.id === 'file') ? CONNECTORS : [...CONNECTORS, fileConnector as unknown as AnyConnector];

function problems(target: Record<string, unknown>): string[] {
  try {
    validateConfig({ targets: [{ id: 'export', type: 'file', records: 'users', mapping: {}, ...target }] }, { connectors, rules: RULES, env: {}, baseDir: FIXTURES, source: 'c.yaml' });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('file target config', () => {
  it('accepts the minimal and the full form', () => {
    expect(problems({ path: './exports/users.csv' })).toEqual([]);
    expect(
      problems({
        path: 'users.json.gz',
        format: 'jsonl',
        product: 'auth0',
        records: 'users',
        mapping: {
          id: 'user_id',
          emails: ['email', 'user_metadata.work_email'],
          emailVerified: 'email_verified',
          phones: 'phone_number',
          given: 'given_name',
          family: 'family_name',
          fullName: 'name',
          status: { column: 'blocked', disabled: ['true'], active: ['false'] },
          origin: { column: 'identities[0].provider', local: ['auth0'], otherwise: 'federated' },
          createdAt: 'created_at',
          updatedAt: 'updated_at',
          lastLoginAt: 'last_login',
          consent: { column: 'app_metadata.marketing', optedIn: ['true'], optedOut: ['false'], updatedAt: 'app_metadata.marketing_at' },
          lifecycle: { column: 'app_metadata.stage', lead: ['lead'], customer: ['customer'] },
          links: [
            { kind: 'federated-identity', column: 'identities[*].user_id', viaColumn: 'identities[*].provider', skipVia: ['auth0'] },
            { kind: 'external-id', column: 'app_metadata.crm_id', via: 'salesforce' },
          ],
          attributes: ['user_metadata.country'],
        },
        defaultColumns: false,
        profiles: { read: true, maxRecords: 10, pageSize: 500 },
      }),
    ).toEqual([]);
    expect(problems({ path: 'contacts.txt', records: 'contacts', csv: { delimiter: ';', quote: "'", header: true, encoding: 'windows-1252' } })).toEqual([]);
  });

  it('refuses what cannot work, one line each, with a fix', () => {
    expect(problems({ path: 'users.xlsx' })).toEqual(['c.yaml: targets[0].format: cannot tell the format of "users.xlsx" from its extension — fix: set format: csv or format: jsonl']);
    expect(problems({ path: 'users.jsonl', csv: { delimiter: ';' } })).toEqual(['c.yaml: targets[0].csv: CSV options are set but the file is read as JSON Lines — fix: remove csv, or set format: csv']);
    expect(problems({ path: 'users.jsonl', mapping: { id: 'identities[x].id', links: [{ kind: 'crm-key', column: 'a..b', via: 'x' }] } })).toEqual([
      'c.yaml: targets[0].mapping.id: invalid path (use key.key, [n] or [*]) in "identities[x].id" — fix: write key.key, key[0].key or key[*].key',
      'c.yaml: targets[0].mapping.links[0].column: invalid path (use key.key, [n] or [*]) in "a..b" — fix: write key.key, key[0].key or key[*].key',
    ]);
    // The same text is a fine CSV header.
    expect(problems({ path: 'users.csv', mapping: { id: 'identities[x].id' } })).toEqual([]);
    expect(problems({ path: 'users.csv', mapping: { links: [{ kind: 'crm-key', column: 'a', via: 'x', viaColumn: 'y' }, { kind: 'external-id', via: 'x' }] } })).toEqual([
      'c.yaml: targets[0].mapping.links[0].via: give exactly one of via and viaColumn — fix: via: <provider name> or viaColumn: <column holding it>',
      'c.yaml: targets[0].mapping.links[1].column: required key is missing — fix: add column (only a federated identity read with viaColumn may omit it)',
    ]);
    expect(problems({ path: 'users.csv', mapping: { emial: 'x' } })[0]).toMatch(/^c\.yaml: targets\[0\]\.mapping: unknown key "emial"/);
    expect(problems({ path: 'users.csv', records: 'leads' })[0]).toMatch(/^c\.yaml: targets\[0\]\.records: /);
    expect(problems({ path: 'users.csv', csv: { header: false } })[0]).toMatch(/^c\.yaml: targets\[0\]\.csv\.header: /);
    expect(problems({ path: 'users.csv', mapping: undefined })[0]).toMatch(/^c\.yaml: targets\[0\]\.mapping: required key is missing/);
  });

  it('the config JSON Schema can still be generated', () => {
    expect(() => z.toJSONSchema(buildConfigSchema(connectors), { io: 'input', unrepresentable: 'any' })).not.toThrow();
  });
});

describe('layout', () => {
  it.each([
    ['users.csv', { format: 'csv', gzip: false, delimiter: ',' }],
    ['users.CSV.GZ', { format: 'csv', gzip: true }],
    ['users.tsv', { format: 'csv', delimiter: '\t' }],
    ['tenant.json.gz', { format: 'jsonl', gzip: true, encoding: 'utf-8' }],
    ['users.ndjson', { format: 'jsonl', gzip: false }],
  ])('%s', (path, expected) => {
    expect(fileLayout({ id: 't', path })).toMatchObject(expected);
  });

  it('format overrides the extension; JSON Lines is always UTF-8', () => {
    expect(fileLayout({ id: 't', path: 'export.dat', format: 'jsonl' })).toEqual({ format: 'jsonl', gzip: false, delimiter: ',', quote: '"', encoding: 'utf-8' });
    expect(() => fileLayout({ id: 't', path: 'export.dat' })).toThrow(ConfigError);
  });
});

describe('the connector object', () => {
  it('declares no network at all', () => {
    expect(fileConnector).toMatchObject({ id: 'file', kind: 'identity-store', allowedPosts: [], secretKeys: [], defaultLimits: {} });
    const config = { id: 'x', type: 'file' as const, path: './exports/users.csv', records: 'users' as const, mapping: {} };
    expect(fileConnector.namedHosts(config)).toEqual([]);
    expect(fileConnector.location(config)).toBe('./exports/users.csv');
    expect(fileConnector.requiredPermissions.map((p) => p.tier)).toEqual(['T2']);
  });
});
