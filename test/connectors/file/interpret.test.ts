import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { fileTargetSchema } from '../../../connectors/file/config.js';
import { interpretRecord } from '../../../connectors/file/interpret.js';
import { mappedCounts } from '../../../connectors/file/user-stats.js';
import { UserStatsCounter } from '../../../src/connector-kit/user-stats.js';
import { parseFlag, parseTimestamp } from '../../../connectors/file/values.js';
import { withDefaults } from '../../../connectors/file/mapping.js';
import { RejectTally } from '../../../connectors/file/rejects.js';
import { readJsonRef, resolveForHeader, resolveForJsonLines } from '../../../connectors/file/resolve-mapping.js';
import type { ProfileInput } from '../../../src/identity/profile-store.js';
import { FIXTURES } from './helpers.js';

/** interpret.ts is pure: these tests feed it fixture records parsed in memory, without the connector's I/O. */
function jsonlProfiles(file: string, mapping: Record<string, unknown>, defaultColumns = true): Array<ProfileInput | string> {
  const target = fileTargetSchema.parse({ id: 't', type: 'file', path: file, records: 'users', mapping, defaultColumns });
  const { compiled } = resolveForJsonLines(target);
  return readFileSync(FIXTURES + file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((line) => {
      const object = JSON.parse(line) as Record<string, unknown>;
      const out = interpretRecord(compiled, (ref) => readJsonRef(object, ref));
      return 'profile' in out ? out.profile : out.reject;
    });
}

function csvProfiles(file: string, mapping: Record<string, unknown>): Array<ProfileInput | string> {
  const rows: string[][] = parse(readFileSync(FIXTURES + file), { bom: true });
  const header = rows.shift();
  const target = fileTargetSchema.parse({ id: 't', type: 'file', path: file, records: 'contacts', mapping, defaultColumns: false });
  const { compiled } = resolveForHeader(target, file, header!);
  return rows.map((row) => {
    const out = interpretRecord(compiled, (i) => [row[i] ?? '']);
    return 'profile' in out ? out.profile : out.reject;
  });
}

describe('interpret: Auth0 NDJSON export', () => {
  const profiles = jsonlProfiles('auth0-users.jsonl', {
    status: { column: 'blocked', disabled: ['true'] },
    origin: { column: 'identities[0].isSocial', local: ['false'], federated: ['true'] },
    links: [{ kind: 'federated-identity', column: 'identities[*].user_id', viaColumn: 'identities[*].provider', skipVia: ['auth0', 'sms', 'email'] }],
  }) as ProfileInput[];

  it('maps every user, with defaults for the plain fields', () => {
    expect(profiles).toHaveLength(7);
    expect(profiles[0]).toEqual({
      localId: 'auth0|64a1f0c2e1d3b2a100000001',
      emails: [{ address: 'ava.lindqvist@example.com', verified: true, primary: true }],
      phones: [],
      names: { given: 'Ava', family: 'Lindqvist' },
      links: [],
      status: 'active',
      origin: 'local',
      filledAttributes: 3,
      createdAt: '2021-03-04T08:15:30.120Z',
      updatedAt: '2024-05-02T10:00:00.000Z',
      lastLoginAt: '2024-05-02T09:59:58.000Z',
    });
  });

  it('reads the social account, the blocked one, the unverified ones and the linked identities', () => {
    expect(profiles[1]).toMatchObject({ origin: 'federated', links: [{ kind: 'federated-identity', via: 'google-oauth2', value: '110000000000000000001' }] });
    expect(profiles[2]!.emails).toEqual([{ address: 'bruno.okafor@example.org', verified: false, primary: true }]);
    expect(profiles[3]!.status).toBe('disabled');
    expect(profiles[4]!.links).toEqual([
      { kind: 'federated-identity', via: 'google-oauth2', value: '110000000000000000005' },
      { kind: 'federated-identity', via: 'facebook', value: '10000000000005' },
    ]);
    expect(profiles[4]!.phones).toEqual(['+447700900123']);
    expect(profiles[4]!.filledAttributes).toBe(4);
    expect(profiles[6]).toMatchObject({ emails: [], phones: ['+15555550107'], links: [], origin: 'local' });
  });
});

describe('interpret: Keycloak users (jq -c .users[])', () => {
  const profiles = jsonlProfiles(
    'keycloak-users.jsonl',
    {
      id: 'id',
      emails: 'email',
      emailVerified: 'emailVerified',
      given: 'firstName',
      family: 'lastName',
      phones: 'attributes.phoneNumber',
      createdAt: 'createdTimestamp',
      status: { column: 'enabled', disabled: ['false'] },
      links: [{ kind: 'federated-identity', column: 'federatedIdentities[*].userId', viaColumn: 'federatedIdentities[*].identityProvider' }],
    },
    false,
  ) as ProfileInput[];

  it('reads epoch-millisecond timestamps, attribute arrays, disabled users and brokered identities', () => {
    expect(profiles.map((p) => p.createdAt)).toEqual(['2021-03-29T06:40:00.000Z', '2022-04-15T05:20:00.000Z', '2023-11-14T22:13:20.000Z', '2024-03-09T16:00:00.000Z']);
    expect(profiles[0]!.phones).toEqual(['+447700900201']);
    expect(profiles[1]).toMatchObject({ status: 'disabled', names: { given: 'Félix', family: 'Moreau' }, emails: [{ verified: false }] });
    expect(profiles[2]!.links).toEqual([
      { kind: 'federated-identity', via: 'google', value: '110000000000000000301' },
      { kind: 'federated-identity', via: 'github', value: '900301' },
    ]);
    expect(profiles[3]!.links).toEqual([{ kind: 'federated-identity', via: 'corporate-saml', value: 'hsato' }]);
  });
});

describe('interpret: CRM contacts', () => {
  it('Salesforce: opt-out flag as consent, CRM key links, quoted multi-line street counted, +0000 offsets', () => {
    const profiles = csvProfiles('salesforce-contacts.csv', {
      id: 'Id',
      emails: 'Email',
      phones: ['Phone', 'MobilePhone'],
      given: 'FirstName',
      family: 'LastName',
      createdAt: 'CreatedDate',
      updatedAt: 'LastModifiedDate',
      consent: { column: 'HasOptedOutOfEmail', optedIn: ['false'], optedOut: ['true'] },
      links: [{ kind: 'crm-key', column: 'Auth0_User_Id__c', via: 'auth0' }],
      attributes: ['MailingStreet'],
    }) as ProfileInput[];
    expect(profiles).toHaveLength(5);
    expect(profiles[0]).toMatchObject({
      localId: '003000000000001AAA',
      consent: { marketing: true },
      links: [{ kind: 'crm-key', via: 'auth0', value: 'auth0|64a1f0c2e1d3b2a100000001' }],
      createdAt: '2021-03-05T09:00:00.000Z',
      filledAttributes: 5,
      status: 'unknown',
    });
    expect(profiles[2]).toMatchObject({ consent: { marketing: false }, links: [] });
    // The weakness CRM-STABLE-KEY looks for: an email stored as the IAM key.
    expect(profiles[4]!.links).toEqual([{ kind: 'crm-key', via: 'auth0', value: 'ines.duarte@example.com' }]);
  });

  it('HubSpot: lifecycle stages, an empty opt-out cell is unknown consent', () => {
    const profiles = csvProfiles('hubspot-contacts.csv', {
      id: 'Record ID',
      emails: 'Email',
      createdAt: 'Create Date',
      lifecycle: { column: 'Lifecycle Stage', lead: ['Subscriber', 'Lead', 'Marketing Qualified Lead'], customer: ['Customer'] },
      consent: { column: 'Unsubscribed from all email', optedIn: ['false'], optedOut: ['true'] },
    }) as ProfileInput[];
    expect(profiles.map((p) => p.lifecycle)).toEqual(['customer', 'customer', 'lead', 'lead']);
    expect(profiles.map((p) => p.consent?.marketing)).toEqual([true, true, undefined, false]);
    expect(profiles[0]!.createdAt).toBe('2021-03-06T10:00:00.000Z');
  });
});

describe('interpret: rules of the mapping', () => {
  const target = (mapping: Record<string, unknown>) => fileTargetSchema.parse({ id: 't', type: 'file', path: 'x.csv', records: 'users', mapping, defaultColumns: false });
  const one = (mapping: Record<string, unknown>, header: string[], row: string[]) => {
    const { compiled } = resolveForHeader(target(mapping), 'x.csv', header);
    return interpretRecord(compiled, (i) => [row[i] ?? '']);
  };

  it('rejects a row without id and a row with an invalid date, naming the field, never the value', () => {
    expect(one({ id: 'id' }, ['id'], ['  '])).toEqual({ reject: 'missing id' });
    expect(one({ id: 'id', lastLoginAt: 'at' }, ['id', 'at'], ['1', '2024-13-01'])).toEqual({ reject: 'invalid date (lastLoginAt)' });
    expect(one({ id: 'id', consent: { column: 'c', optedIn: ['y'], updatedAt: 'at' } }, ['id', 'c', 'at'], ['1', 'y', 'soon'])).toEqual({ reject: 'invalid date (consent.updatedAt)' });
  });

  it('status: without an active list every other value (also empty) is active; with one, unmatched is unknown', () => {
    const status = (value: string, active?: string[]) => {
      const out = one({ id: 'id', status: { column: 's', disabled: ['Blocked', 'INACTIVE'], ...(active ? { active } : {}) } }, ['id', 's'], ['1', value]);
      return 'profile' in out ? out.profile.status : out.reject;
    };
    expect([status(' blocked '), status('inactive'), status(''), status('anything')]).toEqual(['disabled', 'disabled', 'active', 'active']);
    expect([status('on', ['on']), status('off', ['on'])]).toEqual(['active', 'unknown']);
  });

  it('origin, lifecycle and consent lists; unmatched values follow the documented fallbacks', () => {
    const p = (row: string[]) => {
      const out = one(
        {
          id: 'id',
          origin: { column: 'o', local: ['auth0'], otherwise: 'federated' },
          lifecycle: { column: 'l', lead: ['lead'], customer: ['customer'] },
          consent: { column: 'c', optedIn: ['yes'] },
        },
        ['id', 'o', 'l', 'c'],
        row,
      );
      if (!('profile' in out)) throw new Error(out.reject);
      return [out.profile.origin, out.profile.lifecycle, out.profile.consent?.marketing];
    };
    expect(p(['1', 'AUTH0', 'Customer', 'Yes'])).toEqual(['local', 'customer', true]);
    expect(p(['2', 'google', 'evangelist', 'no'])).toEqual(['federated', 'other', false]);
    expect(p(['3', '', '', ''])).toEqual(['federated', undefined, undefined]);
  });

  it('emails: primary first, duplicates in any case kept once, verified flags by position', () => {
    const out = one({ id: 'id', emails: ['e1', 'e2', 'e3'], emailVerified: ['v1', 'v2'] }, ['id', 'e1', 'e2', 'e3', 'v1', 'v2'], ['1', 'A@example.com', 'a@EXAMPLE.com', 'b@example.com', 'yes', 'maybe']);
    expect('profile' in out && out.profile.emails).toEqual([{ address: 'A@example.com', verified: true, primary: true }, { address: 'b@example.com' }]);
    expect('profile' in out && out.profile.filledAttributes).toBe(3);
  });

  it('links: a fixed via needs a value; skipVia drops providers; a federated identity by viaColumn alone keeps value ""', () => {
    const out = one(
      {
        id: 'id',
        links: [
          { kind: 'external-id', column: 'ext', via: 'legacy' },
          { kind: 'crm-key', column: 'crm', via: 'salesforce' },
          { kind: 'federated-identity', viaColumn: 'provider', skipVia: ['auth0'] },
        ],
      },
      ['id', 'ext', 'crm', 'provider'],
      ['1', 'L-9', '', 'google-oauth2'],
    );
    expect('profile' in out && out.profile.links).toEqual([
      { kind: 'external-id', via: 'legacy', value: 'L-9' },
      { kind: 'federated-identity', via: 'google-oauth2', value: '' },
    ]);
    const local = one({ id: 'id', links: [{ kind: 'federated-identity', viaColumn: 'provider', skipVia: ['AUTH0'] }] }, ['id', 'provider'], ['1', 'auth0']);
    expect('profile' in local && local.profile.links).toEqual([]);
  });
});

describe('timestamps and flags', () => {
  it.each([
    ['2024-01-15', '2024-01-15T00:00:00.000Z'],
    ['2024-01-15T10:30:00Z', '2024-01-15T10:30:00.000Z'],
    ['2024-01-15T10:30:00.123456Z', '2024-01-15T10:30:00.123Z'],
    ['2024-01-15 10:30', '2024-01-15T10:30:00.000Z'],
    ['2024-01-15T10:30:00.000+0000', '2024-01-15T10:30:00.000Z'],
    ['2024-01-15T10:30:00+02:00', '2024-01-15T08:30:00.000Z'],
    ['2024-01-15T10:30:00-05', '2024-01-15T15:30:00.000Z'],
    ['1617000000000', '2021-03-29T06:40:00.000Z'],
    ['1617000000', '2021-03-29T06:40:00.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseTimestamp(text)).toBe(iso);
  });

  it.each(['', 'yesterday', '01/15/2024', '2024-02-30', '2024-13-01', '2024-01-15T25:00', '2024', '12345', '2024-01-15T10:30:00+19:00'])('invalid: %j', (text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });

  it('flags', () => {
    expect(['TRUE', 'yes', '1', 'Verified'].map(parseFlag)).toEqual([true, true, true, true]);
    expect(['false', 'No', '0', 'f'].map(parseFlag)).toEqual([false, false, false, false]);
    expect(['', 'maybe'].map(parseFlag)).toEqual([undefined, undefined]);
  });
});

describe('defaults', () => {
  it('fills only unset fields, only from exact usual names present, and says which', () => {
    const header = ['ID', 'Email', 'email_verified', 'first_name', 'Phone', 'MobilePhone', 'email '];
    const { mapping, defaulted } = withDefaults({ given: 'custom_given' }, (n) => header.includes(n));
    expect(mapping).toEqual({ given: 'custom_given', id: 'ID', emails: ['Email'], emailVerified: ['email_verified'], phones: ['Phone', 'MobilePhone'] });
    expect([...defaulted.keys()]).toEqual(['id', 'emails[0]', 'emailVerified[0]', 'phones[0]', 'phones[1]']);
  });

  it('never defaults status, origin, consent, lifecycle or links', () => {
    const { mapping } = withDefaults({}, () => true);
    expect(Object.keys(mapping).sort()).toEqual(['createdAt', 'emailVerified', 'emails', 'family', 'given', 'id', 'lastLoginAt', 'phones', 'updatedAt']);
  });
});

describe('user statistics and rejects', () => {
  it('counts only what the mapping can tell: unmapped counts stay absent', () => {
    const base: ProfileInput = { localId: '1', emails: [{ address: 'a@example.com', verified: false }], phones: [], names: {}, links: [], status: 'disabled', filledAttributes: 1 };
    const full = new UserStatsCounter();
    full.add(base);
    full.add({ ...base, status: 'active', emails: [{ address: 'b@example.com', verified: true }], links: [{ kind: 'federated-identity', via: 'g', value: '1' }, { kind: 'federated-identity', via: 'f', value: '2' }] });
    expect(full.facts(3, { status: true, verified: true, federated: true })).toEqual({ total: 3, read: 2, enabled: 1, disabled: 1, emailVerified: 1, emailUnverified: 1, withFederatedIdentity: 1, withSeveralIdentities: 1 });
    const bare = new UserStatsCounter();
    bare.add(base);
    expect(bare.facts(1, { status: false, verified: false, federated: false })).toEqual({ total: 1, read: 1 });
  });

  it('mappedCounts follows the compiled mapping', () => {
    const target = fileTargetSchema.parse({ id: 't', type: 'file', path: 'x.csv', records: 'users', mapping: { id: 'id', emails: 'e', emailVerified: 'v' }, defaultColumns: false });
    expect(mappedCounts(resolveForHeader(target, 'x.csv', ['id', 'e', 'v']).compiled)).toEqual({ status: false, verified: true, federated: false });
  });

  it('reject summaries carry reasons, counts and the first five line numbers, sorted by reason', () => {
    const tally = new RejectTally();
    for (const line of [3, 5, 8, 13, 21, 34]) tally.add('missing id', line);
    tally.add('invalid date (createdAt)', 2);
    expect(tally.total).toBe(7);
    expect(tally.summary()).toBe('invalid date (createdAt): 1 (line 2); missing id: 6 (lines 3, 5, 8, 13, 21, ...)');
  });
});
