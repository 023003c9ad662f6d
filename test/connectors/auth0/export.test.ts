import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../../src/http/types.js';
import type { TestContext } from '../../support/collect-context.js';
import { exportFile, fakeTenant, fakeUsers, fixture, target, usersPage, type Route } from './fake-tenant.js';
import { scan, useNock, value } from './harness.js';

useNock();

const EXPORT_HOST = 'auth0-exports.example-s3.invalid';
const EXPORT_PATH = '/job_InventedExport0001/example-shop.json.gz';
const USERS = fakeUsers(3000);

/** The export job routes: created pending, then `statuses` in turn (the last one repeats). */
function jobRoutes(statuses: Array<'pending' | 'processing' | 'completed' | 'failed'>, seen: { bodies: unknown[] }): Record<string, Route> {
  return {
    'GET /api/v2/users': ({ url }) => [200, usersPage(url, USERS)],
    'POST /api/v2/jobs/users-exports': ({ body }) => {
      seen.bodies.push(body);
      return [201, fixture('job-pending.json')];
    },
    'GET /api/v2/jobs/job_InventedExport0001': ({ hit }) => {
      const status = statuses[Math.min(hit, statuses.length - 1)];
      if (status === 'completed') return [200, fixture('job-completed.json')];
      if (status === 'failed') return [200, fixture('job-failed.json')];
      return [200, { ...(fixture('job-pending.json') as object), status }];
    },
  };
}

/** Capture what the connector hands to the HTTP client for its streamed download. */
function captureStreams(test: TestContext, into: HttpRequest[]): void {
  const original = test.ctx.http.bind(test.ctx);
  test.ctx.http = (options) => {
    const client = original(options);
    return {
      ...client,
      stream: (req) => {
        into.push(req);
        return client.stream(req);
      },
    };
  };
}

describe('auth0 users: the export job for tenants above the paging limit', () => {
  it('creates the job, polls it twice, streams the gzip NDJSON from the storage host into the store', async () => {
    const seen = { bodies: [] as unknown[] };
    const fake = fakeTenant({ users: USERS, routes: jobRoutes(['pending', 'completed'], seen) });
    let authorizationSent: string | null = 'not requested';
    const storage = nock(`https://${EXPORT_HOST}`)
      .get(EXPORT_PATH)
      .query(true)
      .reply((req: Request) => {
        authorizationSent = req.headers.get('authorization');
        return [200, exportFile(USERS), { 'content-type': 'application/gzip' }];
      });
    const streams: HttpRequest[] = [];
    const { snapshot, facts, test } = await scan(target(), {}, (t) => captureStreams(t, streams));

    expect(storage.isDone()).toBe(true);
    expect(fake.hits('POST /api/v2/jobs/users-exports')).toBe(1);
    expect(fake.hits('GET /api/v2/jobs/job_InventedExport0001')).toBe(2);
    expect(seen.bodies).toEqual([{ format: 'json', fields: ['user_id', 'email', 'email_verified', 'phone_number', 'given_name', 'family_name', 'name', 'identities', 'blocked', 'created_at', 'updated_at', 'last_login'].map((name) => ({ name })) }]);
    // The one off-origin request: that host exactly, for that request only, without our bearer token.
    expect(streams).toHaveLength(1);
    expect(streams[0]).toMatchObject({ allowHostOnce: EXPORT_HOST });
    expect(new URL(streams[0]!.url).hostname).toBe(EXPORT_HOST);
    expect(authorizationSent).toBeNull();
    const { allowHostOnce: _allowed, ...withoutAllowance } = streams[0]!;
    await expect(test.ctx.http().stream(withoutAllowance)).rejects.toMatchObject({ scanError: { code: 'HOST_NOT_ALLOWED' } });

    expect(snapshot.errors).toEqual([]);
    expect(snapshot.profiles?.size).toBe(3000);
    const ids = new Set([...snapshot.profiles!].map((p) => p.localId));
    expect(ids.size).toBe(3000);
    expect(snapshot.coverage.datasets.find((d) => d.name === 'users')).toMatchObject({ state: 'complete', records: 3000, total: 3000 });
    expect(value(facts.userStats)).toEqual({ total: 3000, read: 3000, enabled: 2940, disabled: 60, emailVerified: 2400, emailUnverified: 600, withFederatedIdentity: 300, withSeveralIdentities: 300 });
  });

  it('the exportThreshold decides: below it the users are paged', async () => {
    const seen = { bodies: [] as unknown[] };
    const fake = fakeTenant({ users: USERS.slice(0, 900), routes: { ...jobRoutes(['completed'], seen), 'GET /api/v2/users': ({ url }) => [200, usersPage(url, USERS.slice(0, 900))] } });
    const { snapshot } = await scan(target());
    expect(fake.hits('POST /api/v2/jobs/users-exports')).toBe(0);
    expect(snapshot.profiles?.size).toBe(900);
  });

  it('a failed job: the first page is kept, the dataset is partial with the error', async () => {
    fakeTenant({ users: USERS, routes: jobRoutes(['processing', 'failed'], { bodies: [] }) });
    const { snapshot, facts } = await scan(target());
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'SERVER_ERROR', message: expect.stringContaining('export job failed') })]);
    expect(snapshot.coverage.datasets.find((d) => d.name === 'users')).toMatchObject({ state: 'partial', records: 100, total: 3000 });
    expect(value(facts.userStats)).toMatchObject({ read: 100, total: 3000 });
  });

  it('a download refused with 403 (also with a fresh link): partial, coded, no signature in the error', async () => {
    const fake = fakeTenant({ users: USERS, routes: jobRoutes(['completed'], { bodies: [] }) });
    const storage = nock(`https://${EXPORT_HOST}`).get(EXPORT_PATH).query(true).times(2).reply(403, '<Error><Code>AccessDenied</Code></Error>', { 'content-type': 'application/xml' });
    const { snapshot } = await scan(target());
    expect(storage.isDone()).toBe(true);
    // The link expires after 60 s: the job is read once more for a fresh one.
    expect(fake.hits('GET /api/v2/jobs/job_InventedExport0001')).toBe(2);
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'PERMISSION_DENIED', status: 403 })]);
    expect(JSON.stringify(snapshot.errors)).not.toMatch(/Signature|Credential/);
    expect(snapshot.coverage.datasets.find((d) => d.name === 'users')).toMatchObject({ state: 'partial', records: 100 });
  });

  it('maxRecords is passed to the job as its limit and stops the stream', async () => {
    const seen = { bodies: [] as unknown[] };
    fakeTenant({ users: USERS, routes: jobRoutes(['completed'], seen) });
    nock(`https://${EXPORT_HOST}`).get(EXPORT_PATH).query(true).reply(200, exportFile(USERS), { 'content-type': 'application/gzip' });
    const { snapshot } = await scan(target({ profiles: { maxRecords: 500 } }));
    expect(seen.bodies[0]).toMatchObject({ limit: 500 });
    expect(snapshot.profiles?.size).toBe(500);
    expect(snapshot.coverage.datasets.find((d) => d.name === 'users')).toMatchObject({ state: 'partial', reason: 'stopped at maxRecords 500' });
  });

  it('a corrupt file and lines that are not JSON: coded errors, the users read so far are kept', async () => {
    fakeTenant({ users: USERS, routes: jobRoutes(['completed'], { bodies: [] }) });
    const good = exportFile(USERS.slice(0, 1500));
    nock(`https://${EXPORT_HOST}`).get(EXPORT_PATH).query(true).reply(200, Buffer.concat([good.subarray(0, good.length - 40), Buffer.from('garbage-not-gzip')]), { 'content-type': 'application/gzip' });
    const { snapshot } = await scan(target());
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'UNEXPECTED_SHAPE', message: expect.stringContaining('not valid gzip') })]);
    expect(snapshot.profiles!.size).toBeGreaterThan(100);
    expect(snapshot.coverage.datasets.find((d) => d.name === 'users')).toMatchObject({ state: 'partial' });
  });

  it('a plain (already decoded) NDJSON body with a broken line', async () => {
    fakeTenant({ users: USERS, routes: jobRoutes(['completed'], { bodies: [] }) });
    const lines = [...USERS.map((u) => JSON.stringify(u)).slice(0, 2000), '{"user_id": "auth0|broken', ...USERS.slice(2000).map((u) => JSON.stringify(u))];
    nock(`https://${EXPORT_HOST}`).get(EXPORT_PATH).query(true).reply(200, lines.join('\r\n'), { 'content-type': 'application/x-ndjson' });
    const { snapshot } = await scan(target());
    expect(snapshot.profiles?.size).toBe(3000);
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'INVALID_JSON', message: '1 line(s) of the users export are not JSON and were skipped' })]);
  });

  it('a job that never completes: a TIMEOUT after exportMaxWaitSeconds', async () => {
    fakeTenant({ users: USERS, routes: jobRoutes(['processing'], { bodies: [] }) });
    const { snapshot } = await scan(target({ exportMaxWaitSeconds: 1, exportPollMs: 50 }));
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'TIMEOUT' })]);
    expect(snapshot.coverage.datasets.find((d) => d.name === 'users')).toMatchObject({ state: 'partial', records: 100 });
  });

  it('an export location that is not https is refused before anything is sent', async () => {
    const routes = jobRoutes(['completed'], { bodies: [] });
    routes['GET /api/v2/jobs/job_InventedExport0001'] = () => [200, { ...(fixture('job-completed.json') as object), location: `http://${EXPORT_HOST}${EXPORT_PATH}` }];
    fakeTenant({ users: USERS, routes });
    const { snapshot, test } = await scan(target());
    expect(test.requests.some((r) => r.url.includes(EXPORT_HOST))).toBe(false);
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'UNSUPPORTED' })]);
  });
});
