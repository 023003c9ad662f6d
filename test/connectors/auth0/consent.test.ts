import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { USER_FIELDS } from '../../../connectors/auth0/map-users.js';
import { exportFile, fakeTenant, fakeUsers, fixture, target, usersPage } from './fake-tenant.js';
import { scan, useNock } from './harness.js';

useNock();

/**
 * profiles.consent on Auth0: a dotted path into the user (user_metadata / app_metadata). The
 * Management API's `fields=` and the export job take top-level names, so the top-level field of the
 * path is requested with the identifying ones.
 */
const CONSENT = { attribute: 'app_metadata.consent.marketing', updatedAt: 'app_metadata.consent.updated_at' };
const METADATA: Array<Record<string, unknown> | undefined> = [
  { consent: { marketing: true, updated_at: '2025-03-01T10:00:00.000Z' } },
  { consent: { marketing: 'unsubscribed', updated_at: 1_740_823_200 } },
  { consent: { marketing: 'ask-me-later' } },
  { consent: { marketing: false, updated_at: 'never' } },
  undefined,
];

function users(count: number): Array<Record<string, unknown>> {
  return fakeUsers(count).map((u, i) => {
    const metadata = METADATA[i % METADATA.length];
    return metadata ? { ...u, app_metadata: metadata } : u;
  });
}

describe('auth0: marketing consent from user or app metadata', () => {
  it('pages: asks for the top-level field of the path and fills Profile.consent', async () => {
    const all = users(5);
    fakeTenant({ users: all });
    const { snapshot, test } = await scan(target({ profiles: { consent: CONSENT } }));
    const page = new URL(test.requests.find((r) => r.url.includes('/api/v2/users'))!.url).searchParams;
    expect(page.get('fields')).toBe([...USER_FIELDS, 'app_metadata'].join(','));
    expect(snapshot.errors).toEqual([]);
    const consent = [...snapshot.profiles!].map((p) => p.consent);
    expect(consent).toEqual([
      { marketing: true, updatedAt: '2025-03-01T10:00:00.000Z' },
      // Epoch seconds, and a value from the default optedOut list.
      { marketing: false, updatedAt: '2025-03-01T10:00:00.000Z' },
      // Neither list: unknown, not guessed.
      undefined,
      // The timestamp is not a date: dropped, the consent kept.
      { marketing: false },
      undefined,
    ]);
    expect(snapshot.coverage.datasets.find((d) => d.name === 'users')).toMatchObject({
      state: 'complete',
      reason: expect.stringContaining('1 timestamp(s) at "app_metadata.consent.updated_at" are not dates and were dropped'),
    });
  });

  it('user_metadata: the same path syntax; a field already requested is not asked for twice', async () => {
    fakeTenant({ users: [{ ...fakeUsers(1)[0], user_metadata: { marketing_consent: 'Yes' } }] });
    const { snapshot, test } = await scan(target({ profiles: { consent: { attribute: 'user_metadata.marketing_consent', updatedAt: 'updated_at' } } }));
    const page = new URL(test.requests.find((r) => r.url.includes('/api/v2/users'))!.url).searchParams;
    expect(page.get('fields')).toBe([...USER_FIELDS, 'user_metadata'].join(','));
    expect(snapshot.profiles?.get(0).consent).toEqual({ marketing: true, updatedAt: '2025-01-01T00:00:00.000Z' });
  });

  it('the users-export job asks for the top-level field too, and its lines carry the consent', async () => {
    const host = 'auth0-exports.example-s3.invalid';
    const all = users(1500);
    const bodies: unknown[] = [];
    fakeTenant({
      users: all,
      routes: {
        'GET /api/v2/users': ({ url }) => [200, usersPage(url, all)],
        'POST /api/v2/jobs/users-exports': ({ body }) => {
          bodies.push(body);
          return [201, fixture('job-pending.json')];
        },
        'GET /api/v2/jobs/job_InventedExport0001': () => [200, fixture('job-completed.json')],
      },
    });
    nock(`https://${host}`).get('/job_InventedExport0001/example-shop.json.gz').query(true).reply(200, exportFile(all), { 'content-type': 'application/gzip' });
    const { snapshot } = await scan(target({ profiles: { consent: CONSENT } }));
    expect(bodies).toEqual([{ format: 'json', fields: [...USER_FIELDS, 'app_metadata'].map((name) => ({ name })) }]);
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.profiles?.size).toBe(1500);
    const stated = [...snapshot.profiles!].filter((p) => p.consent !== undefined);
    expect(stated).toHaveLength(900);
    expect(stated.filter((p) => p.consent?.marketing === true)).toHaveLength(300);
  });
});
