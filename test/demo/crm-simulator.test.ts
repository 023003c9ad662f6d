/**
 * The CRM simulator against real HTTPS clients: plain node:https with the private CA for the wire
 * shapes, and the vendors' own client libraries (jsforce, @hubspot/api-client) for compatibility.
 */
import https from 'node:https';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client as HubspotClient } from '@hubspot/api-client';
import jsforce from 'jsforce';
import { HUBSPOT_LINK_PROPERTY, SALESFORCE_LINK_FIELD, startCrmBenchSimulator } from '../../bench/simulators/crm.js';
import { createCertificateAuthority, issueServerCertificate, type ServerCertificate } from '../../src/demo/certificates.js';
import { hubspotContact, salesforceRow, startCrmSimulator, type RunningCrmSimulator } from '../../src/demo/crm-simulator.js';
import { person } from '../../src/synthetic/people.js';
import { recordOf, storeRecords, type StoreSpec, type SyntheticRecord, type WorldSpec } from '../../src/synthetic/world.js';

const WORLD: WorldSpec = {
  seed: 7,
  people: 2_500,
  stores: [
    { id: 'app', kind: 'identity-store', coverage: 0.9 },
    {
      id: 'sf',
      kind: 'crm',
      coverage: 0.5,
      duplicateRate: 0.05,
      idStyle: 'salesforce',
      links: { toStore: 'app', kind: 'crm-key', via: 'IdP_Subject__c', rate: 0.6 },
      leads: 150,
    },
    { id: 'hs', kind: 'crm', coverage: 0.4, idStyle: 'numeric', links: { toStore: 'app', kind: 'crm-key', via: 'idp_subject', rate: 0.5 }, leads: 80 },
  ],
};
const SF_RECORDS = [...storeRecords(WORLD, 'sf')];
const HS_RECORDS = [...storeRecords(WORLD, 'hs')];
const SF_CONTACTS = SF_RECORDS.filter((r) => r.lifecycle !== 'lead');
const SF_LEADS = SF_RECORDS.filter((r) => r.lifecycle === 'lead');
const LINK = 'IdP_Subject__c';
const HS_LINK = 'idp_subject';
const hasKey = (r: SyntheticRecord) => r.links.some((l) => l.kind === 'crm-key');

/** A lazy dataset: record i is person i of a one-store world (every 7th index a hole). */
function lazyContacts(count: number, onRead?: () => void): ((index: number) => SyntheticRecord | undefined) & { count: number } {
  const spec: StoreSpec = { id: 'big', kind: 'crm', coverage: 1, idStyle: 'numeric', links: { toStore: 'big', kind: 'crm-key', via: HS_LINK, rate: 0.5 } };
  const world: WorldSpec = { seed: 11, people: count, stores: [spec] };
  return Object.assign(
    (index: number) => {
      onRead?.();
      return index % 7 === 6 ? undefined : recordOf(spec, world, person(index, world), 0);
    },
    { count },
  );
}

let tls: ServerCertificate & { caPem: string };
const agents = new Map<string, https.Agent>();
function agentFor(ca: string): https.Agent {
  let agent = agents.get(ca);
  if (!agent) {
    agent = new https.Agent({ ca, keepAlive: true });
    agents.set(ca, agent);
  }
  return agent;
}

/** Parsed JSON, loosely typed: the assertions poke at vendor documents. */
type Doc = ReturnType<typeof JSON.parse>;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed body (undefined when it is not JSON). */
  json: Doc;
}

async function call(
  sim: RunningCrmSimulator,
  system: 'salesforce' | 'hubspot',
  method: string,
  path: string,
  init: { token?: string | null; headers?: Record<string, string>; body?: string | object; form?: Record<string, string> } = {},
): Promise<Reply> {
  const origin = system === 'salesforce' ? sim.salesforce.instanceUrl : sim.hubspot.basePath;
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  const token = init.token === undefined ? 'test-token' : init.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (init.form) {
    body = new URLSearchParams(init.form).toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  } else if (typeof init.body === 'string') body = init.body;
  else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['Content-Type'] = 'application/json';
  }
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(path, origin), { method, headers, agent: agentFor(sim.caPem) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Doc;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const sf = (sim: RunningCrmSimulator, path: string, init?: Parameters<typeof call>[4]) => call(sim, 'salesforce', 'GET', path, init);
const soql = (sim: RunningCrmSimulator, q: string, init?: Parameters<typeof call>[4]) => sf(sim, `/services/data/v62.0/query?q=${encodeURIComponent(q)}`, init);

/** Every page of a query, following nextRecordsUrl. */
async function queryAll(sim: RunningCrmSimulator, q: string, batchSize?: number): Promise<{ pages: Doc[]; records: Doc[] }> {
  const headers = batchSize ? { 'Sforce-Query-Options': `batchSize=${batchSize}` } : undefined;
  let reply = await soql(sim, q, { headers });
  const pages: Doc[] = [];
  for (;;) {
    expect(reply.status).toBe(200);
    const page = reply.json;
    pages.push(page);
    if (page.done) break;
    reply = await sf(sim, page.nextRecordsUrl, { headers });
  }
  const records: Doc[] = [];
  for (const page of pages) records.push(...page.records);
  return { pages, records };
}

/** A minimal RFC 4180 reader for the Bulk results (every cell quoted, as Salesforce writes them). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    rows.push([...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] ?? '').replace(/""/g, '"')));
  }
  return rows;
}

beforeAll(async () => {
  const ca = await createCertificateAuthority('crm simulator test CA');
  tls = { ...(await issueServerCertificate(ca, { hosts: ['127.0.0.1', 'localhost'] })), caPem: ca.certPem };
});

afterAll(() => {
  for (const agent of agents.values()) agent.destroy();
});

describe('CRM simulator: Salesforce', () => {
  let sim: RunningCrmSimulator;
  const rules = [
    { DeveloperName: 'Contact_Email_Rule', IsActive: true, SobjectType: 'Contact' },
    { DeveloperName: 'Lead_Rule', IsActive: false, SobjectType: 'Lead' },
  ];
  beforeAll(async () => {
    sim = await startCrmSimulator({ tls, salesforce: { contacts: SF_RECORDS, linkField: LINK, duplicateRules: rules, personAccounts: true } });
  });
  afterAll(() => sim.close());

  it('serves on 127.0.0.1 with the login and instance URL the same origin', () => {
    expect(sim.salesforce.loginUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.salesforce.instanceUrl).toBe(sim.salesforce.loginUrl);
    expect(sim.hubspot.basePath).toMatch(/^https:\/\/localhost:\d+$/);
    expect(sim.caPem).toBe(tls.caPem);
  });

  it('lists API versions without a token', async () => {
    const reply = await sf(sim, '/services/data/', { token: null });
    expect(reply.status).toBe(200);
    expect(reply.json).toContainEqual({ label: "Winter '25", url: '/services/data/v62.0', version: '62.0' });
  });

  it('issues tokens for client credentials and JWT bearer grants', async () => {
    const tokenPath = `${sim.salesforce.loginUrl}/services/oauth2/token`;
    const cc = await call(sim, 'salesforce', 'POST', tokenPath, { token: null, form: { grant_type: 'client_credentials', client_id: 'id', client_secret: 'secret' } });
    expect(cc.status).toBe(200);
    const issued = cc.json;
    expect(issued).toMatchObject({ instance_url: sim.salesforce.instanceUrl, token_type: 'Bearer', scope: 'api' });
    expect(issued.access_token).toMatch(/^00D\w{12}!/);
    expect(issued.issued_at).toMatch(/^\d{13}$/);
    expect(typeof issued.signature).toBe('string');
    expect(issued.id).toMatch(/\/id\/00D\w+\/005\w+$/);

    const basic = await call(sim, 'salesforce', 'POST', tokenPath, {
      token: null,
      form: { grant_type: 'client_credentials' },
      headers: { Authorization: `Basic ${Buffer.from('id:secret').toString('base64')}` },
    });
    expect(basic.status).toBe(200);

    const segment = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = (exp: number) => `${segment({ alg: 'RS256' })}.${segment({ iss: 'client', sub: 'user@example.com', aud: 'https://login.salesforce.com', exp })}.c2ln`;
    const bearer = await call(sim, 'salesforce', 'POST', tokenPath, { token: null, form: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt(Math.floor(Date.now() / 1000) + 180) } });
    expect(bearer.status).toBe(200);
    expect(bearer.json).toMatchObject({ token_type: 'Bearer', instance_url: sim.salesforce.instanceUrl });
    expect(bearer.json.refresh_token).toBeUndefined();

    const expired = await call(sim, 'salesforce', 'POST', tokenPath, { token: null, form: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt(1000) } });
    expect(expired.status).toBe(400);
    expect(expired.json.error).toBe('invalid_grant');
    const garbage = await call(sim, 'salesforce', 'POST', tokenPath, { token: null, form: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: 'nope' } });
    expect(garbage.json).toEqual({ error: 'invalid_grant', error_description: 'invalid assertion' });
    const noClient = await call(sim, 'salesforce', 'POST', tokenPath, { token: null, form: { grant_type: 'client_credentials' } });
    expect(noClient.status).toBe(400);
    expect(noClient.json.error).toBe('invalid_client_id');
    const password = await call(sim, 'salesforce', 'POST', tokenPath, { token: null, form: { grant_type: 'password', username: 'u', password: 'p' } });
    expect(password.json).toEqual({ error: 'unsupported_grant_type', error_description: 'grant type not supported' });

    const limits = await sf(sim, '/services/data/v62.0/limits', { token: issued.access_token });
    expect(limits.status).toBe(200);
  });

  it('refuses API calls without a bearer token', async () => {
    const reply = await sf(sim, '/services/data/v62.0/limits', { token: null });
    expect(reply.status).toBe(401);
    expect(reply.json).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });

  it('describes Contact, Lead, Account and Individual', async () => {
    const contact = (await sf(sim, '/services/data/v62.0/sobjects/Contact/describe')).json;
    expect(contact).toMatchObject({ name: 'Contact', keyPrefix: '003', queryable: true });
    const fields = new Map<string, Record<string, unknown>>();
    for (const f of contact.fields) fields.set(String(f.name), f);
    const field = (name: string) => fields.get(name);
    for (const name of ['Id', 'Email', 'Phone', 'MobilePhone', 'FirstName', 'LastName', 'Name', 'HasOptedOutOfEmail', 'IndividualId', 'LeadSource', 'CreatedDate', 'LastModifiedDate']) {
      expect(field(name), name).toMatchObject({ name, custom: false });
      for (const key of ['label', 'type', 'externalId', 'unique', 'idLookup', 'custom', 'nillable']) expect(field(name)).toHaveProperty(key);
    }
    expect(field('Id')).toMatchObject({ type: 'id', idLookup: true, nillable: false });
    expect(field('Email')).toMatchObject({ type: 'email', idLookup: true, nillable: true });
    expect(field('HasOptedOutOfEmail')).toMatchObject({ type: 'boolean', nillable: false });
    expect(field('IndividualId')).toMatchObject({ type: 'reference', referenceTo: ['Individual'] });
    expect(field('CreatedDate')).toMatchObject({ type: 'datetime' });
    expect(field(LINK)).toMatchObject({ type: 'string', externalId: true, unique: true, idLookup: true, custom: true, nillable: true });
    expect(field('IsPersonAccount')).toMatchObject({ type: 'boolean' });

    const lead = (await sf(sim, '/services/data/v62.0/sobjects/Lead/describe')).json;
    expect(lead.fields.find((f: Doc) => f.name === 'Status')).toMatchObject({ type: 'picklist' });
    const account = (await sf(sim, '/services/data/v62.0/sobjects/Account/describe')).json;
    expect(account.fields.map((f: Doc) => String(f.name))).toEqual(expect.arrayContaining(['IsPersonAccount', 'PersonEmail', 'PersonContactId']));
    const individual = (await sf(sim, '/services/data/v62.0/sobjects/Individual/describe')).json;
    expect(individual.fields.map((f: Doc) => String(f.name))).toEqual(expect.arrayContaining(['HasOptedOutProcessing', 'ShouldForget']));
    expect((await sf(sim, '/services/data/v62.0/sobjects/Nope__c/describe')).status).toBe(404);
  });

  it('pages a query with queryMore at the requested batch size', async () => {
    const { pages, records } = await queryAll(sim, `SELECT Id, Email, Phone, MobilePhone, FirstName, LastName, Name, HasOptedOutOfEmail, LeadSource, CreatedDate, LastModifiedDate, ${LINK} FROM Contact`, 300);
    expect(pages[0].totalSize).toBe(SF_CONTACTS.length);
    expect(pages.slice(0, -1).every((p) => p.records.length === 300 && p.done === false)).toBe(true);
    expect(pages.at(-1).done).toBe(true);
    expect(pages.at(-1).nextRecordsUrl).toBeUndefined();
    expect(pages[0].nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g\w+-300$/);
    expect(records).toHaveLength(SF_CONTACTS.length);
    expect(new Set(records.map((r) => String(r.Id))).size).toBe(records.length);
    const first = SF_CONTACTS[0]!;
    const expected = salesforceRow(first, { linkField: LINK });
    expect(records[0]).toEqual({
      attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${String(expected.Id)}` },
      Id: expected.Id,
      Email: first.emails[0]?.address ?? null,
      Phone: first.phones[0] ?? null,
      MobilePhone: first.phones[1] ?? null,
      FirstName: first.given ?? null,
      LastName: first.family ?? null,
      Name: expected.Name,
      HasOptedOutOfEmail: !first.marketingConsent,
      LeadSource: expected.LeadSource,
      CreatedDate: new Date(first.createdAt).toISOString().replace('Z', '+0000'),
      LastModifiedDate: new Date(first.updatedAt).toISOString().replace('Z', '+0000'),
      [LINK]: first.links.find((l) => l.kind === 'crm-key')?.value ?? null,
    });
    expect(records[0].Id).toMatch(/^003[0-9A-Za-z]{15}$/);
    expect(records[0].CreatedDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(records.map((r) => r.Email as string | null)).toEqual(SF_CONTACTS.map((r) => r.emails[0]?.address ?? null));
  });

  it('clamps the batch size to 200..2000 and defaults to 2000', async () => {
    const small = await soql(sim, 'SELECT Id FROM Contact', { headers: { 'Sforce-Query-Options': 'batchSize=10' } });
    expect(small.json.records).toHaveLength(200);
    const big = await soql(sim, 'SELECT Id FROM Contact', { headers: { 'Sforce-Query-Options': 'batchSize=5000' } });
    expect(big.json.records).toHaveLength(Math.min(2000, SF_CONTACTS.length));
    const plain = await soql(sim, 'SELECT Id FROM Contact');
    expect(plain.json.records).toHaveLength(Math.min(2000, SF_CONTACTS.length));
  });

  it('filters on a non-null field, limits and maps leads', async () => {
    const linked = await queryAll(sim, `SELECT Id, ${LINK} FROM Contact WHERE ${LINK} != null ORDER BY Id`, 200);
    expect(linked.pages[0].totalSize).toBe(SF_CONTACTS.filter(hasKey).length);
    expect(linked.records.every((r) => typeof r[LINK] === 'string')).toBe(true);
    expect(linked.records).toHaveLength(SF_CONTACTS.filter(hasKey).length);

    const limited = await queryAll(sim, 'SELECT Id FROM Contact LIMIT 450', 200);
    expect(limited.pages.map((p) => Number(p.records.length))).toEqual([200, 200, 50]);
    expect(limited.pages[0].totalSize).toBe(450);

    const leads = await queryAll(sim, 'select id, email, status, company from lead');
    expect(leads.records).toHaveLength(SF_LEADS.length);
    expect(leads.records[0]).toMatchObject({ attributes: { type: 'Lead' }, Status: 'Open - Not Contacted', Email: SF_LEADS[0]!.emails[0]!.address });
    expect(leads.records[0].Id).toMatch(/^00Q/);
  });

  it('answers COUNT() queries and duplicate rules', async () => {
    expect((await soql(sim, 'SELECT COUNT() FROM Contact')).json).toEqual({ totalSize: SF_CONTACTS.length, done: true, records: [] });
    expect((await soql(sim, `SELECT COUNT() FROM Contact WHERE ${LINK} != null`)).json.totalSize).toBe(SF_CONTACTS.filter(hasKey).length);
    expect((await soql(sim, 'SELECT COUNT() FROM Lead')).json.totalSize).toBe(SF_LEADS.length);
    expect((await soql(sim, 'SELECT COUNT() FROM Account')).json.totalSize).toBe(0);
    const dup = (await soql(sim, 'SELECT DeveloperName, IsActive, SobjectType FROM DuplicateRule')).json;
    expect(dup.totalSize).toBe(2);
    expect(dup.records.map((r: Doc) => ({ type: String(r.attributes.type), DeveloperName: String(r.DeveloperName), IsActive: Boolean(r.IsActive), SobjectType: String(r.SobjectType) }))).toEqual(rules.map((r) => ({ type: 'DuplicateRule', ...r })));
  });

  it('refuses SOQL outside the subset the way Salesforce does', async () => {
    const code = async (q: string) => {
      const reply = await soql(sim, q);
      expect(reply.status, q).toBe(400);
      const body = reply.json;
      expect(body).toHaveLength(1);
      expect(typeof body[0].message).toBe('string');
      return String(body[0].errorCode);
    };
    expect(await code("SELECT Id FROM Contact WHERE Email = 'a@b.c'")).toBe('MALFORMED_QUERY');
    expect(await code('SELECT Id FROM Contact GROUP BY Id')).toBe('MALFORMED_QUERY');
    expect(await code('SELECT Account.Name FROM Contact')).toBe('MALFORMED_QUERY');
    expect(await code('SELECT Id, (SELECT Id FROM Cases) FROM Contact')).toBe('MALFORMED_QUERY');
    expect(await code('SELECT Id FROM Contact ORDER BY Email')).toBe('MALFORMED_QUERY');
    expect(await code('SELECT Id FROM')).toBe('MALFORMED_QUERY');
    expect(await code('SELECT Nope__c FROM Contact')).toBe('INVALID_FIELD');
    expect(await code('SELECT Id FROM Nope__c')).toBe('INVALID_TYPE');
    expect((await sf(sim, '/services/data/v62.0/query/01gXXXXXXXXXXXXXXX-200')).json[0].errorCode).toBe('INVALID_QUERY_LOCATOR');
  });

  it('runs a Bulk API 2.0 query job and pages its CSV results', async () => {
    const base = '/services/data/v62.0/jobs/query';
    const created = await call(sim, 'salesforce', 'POST', base, { body: { operation: 'query', query: `SELECT Id, Email, ${LINK} FROM Contact` } });
    expect(created.status).toBe(200);
    const job = created.json;
    expect(job).toMatchObject({ operation: 'query', object: 'Contact', state: 'UploadComplete', contentType: 'CSV', apiVersion: 62, lineEnding: 'LF', columnDelimiter: 'COMMA' });
    expect(job.id).toMatch(/^750\w{15}$/);
    expect((await sf(sim, `${base}/${job.id}/results`)).status).toBe(400);

    expect((await sf(sim, `${base}/${job.id}`)).json.state).toBe('InProgress');
    const complete = (await sf(sim, `${base}/${job.id}`)).json;
    expect(complete).toMatchObject({ state: 'JobComplete', jobType: 'V2Query', numberRecordsProcessed: SF_CONTACTS.length, retries: 0 });

    const rows: string[][] = [];
    let locator: string | undefined;
    let pages = 0;
    do {
      const reply = await sf(sim, `${base}/${job.id}/results?maxRecords=400${locator ? `&locator=${locator}` : ''}`);
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toMatch(/^text\/csv/);
      const csv = parseCsv(reply.text);
      expect(csv[0]).toEqual(['Id', 'Email', LINK]);
      expect(Number(reply.headers['sforce-numberofrecords'])).toBe(csv.length - 1);
      rows.push(...csv.slice(1));
      locator = String(reply.headers['sforce-locator']);
      pages += 1;
    } while (locator !== 'null');
    expect(pages).toBe(Math.ceil(SF_CONTACTS.length / 400));
    expect(rows).toHaveLength(SF_CONTACTS.length);
    expect(rows.map((r) => r[1] || null)).toEqual(SF_CONTACTS.map((r) => r.emails[0]?.address ?? null));
    expect(rows.filter((r) => r[2] !== '')).toHaveLength(SF_CONTACTS.filter(hasKey).length);

    const refused = await call(sim, 'salesforce', 'POST', base, { body: { operation: 'query', query: 'SELECT COUNT() FROM Contact' } });
    expect(refused.status).toBe(400);
    const malformed = await call(sim, 'salesforce', 'POST', base, { body: { operation: 'query', query: 'SELECT Id FROM Contact WHERE' } });
    expect(malformed.json[0].errorCode).toBe('MALFORMED_QUERY');
    expect((await call(sim, 'salesforce', 'DELETE', `${base}/${job.id}`)).status).toBe(204);
    expect((await sf(sim, `${base}/${job.id}`)).status).toBe(404);
  });

  it('reports DailyApiRequests and answers REQUEST_LIMIT_EXCEEDED beyond it', async () => {
    const limited = await startCrmSimulator({ tls, salesforce: { contacts: SF_RECORDS.slice(0, 10), dailyApiRequests: 5 }, token: 'only-this' });
    try {
      expect((await sf(limited, '/services/data/v62.0/limits')).status).toBe(401);
      const remaining: number[] = [];
      for (let i = 0; i < 3; i++) {
        const reply = await sf(limited, '/services/data/v62.0/limits', { token: 'only-this' });
        expect(reply.headers['sforce-limit-info']).toBe(`api-usage=${i + 1}/5`);
        const limits = reply.json;
        expect(limits.DailyApiRequests?.Max).toBe(5);
        remaining.push(limits.DailyApiRequests.Remaining);
      }
      expect(remaining).toEqual([4, 3, 2]);
      expect((await soql(limited, 'SELECT COUNT() FROM Contact', { token: 'only-this' })).status).toBe(200);
      expect((await sf(limited, '/services/data/v62.0/sobjects/Contact/describe', { token: 'only-this' })).status).toBe(200);
      const refused = await soql(limited, 'SELECT Id FROM Contact', { token: 'only-this' });
      expect(refused.status).toBe(403);
      expect(refused.json).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
      expect(refused.headers['retry-after']).toBeUndefined();
      expect((await sf(limited, '/services/data/v62.0/limits', { token: 'only-this' })).status).toBe(403);
      expect(limited.requests().filter((r) => r.status === 403)).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });

  it('works with jsforce: query with autoFetch, Bulk 2.0, describe, limits, client-credentials login', async () => {
    const globalCa = https.globalAgent.options.ca;
    // jsforce's node-fetch requests go through the global agent.
    https.globalAgent.options.ca = sim.caPem;
    try {
      const oauth = new jsforce.Connection({ oauth2: { loginUrl: sim.salesforce.loginUrl, clientId: 'cid', clientSecret: 'secret' }, version: '62.0' });
      await oauth.authorize({ grant_type: 'client_credentials' });
      expect(oauth.instanceUrl).toBe(sim.salesforce.instanceUrl);
      const conn = new jsforce.Connection({ instanceUrl: sim.salesforce.instanceUrl, accessToken: oauth.accessToken ?? '', version: '62.0' });
      const result = await conn.query(`SELECT Id, Email FROM Contact`, { autoFetch: true, maxFetch: 100_000, headers: { 'Sforce-Query-Options': 'batchSize=500' } });
      expect(result.totalSize).toBe(SF_CONTACTS.length);
      expect(result.records).toHaveLength(SF_CONTACTS.length);
      expect(result.done).toBe(true);
      const describe = await conn.sobject('Contact').describe();
      expect(describe.fields.some((f) => f.name === LINK && f.externalId)).toBe(true);
      const limits = await conn.limits();
      expect(limits.DailyApiRequests?.Max).toBe(100_000);
      const count = await conn.query('SELECT COUNT() FROM Lead');
      expect(count.totalSize).toBe(SF_LEADS.length);
      const bulk = await conn.bulk2.query('SELECT Id, Email FROM Lead', { pollInterval: 10, pollTimeout: 10_000 });
      const rows = await bulk.toArray();
      expect(rows).toHaveLength(SF_LEADS.length);
      expect(rows[0]).toMatchObject({ Email: SF_LEADS[0]!.emails[0]!.address });
    } finally {
      https.globalAgent.options.ca = globalCa;
    }
  });
});

describe('CRM simulator: HubSpot', () => {
  let sim: RunningCrmSimulator;
  beforeAll(async () => {
    sim = await startCrmSimulator({ tls, hubspot: { contacts: HS_RECORDS, linkProperty: HS_LINK, tenSecondLimit: 10_000 } });
  });
  afterAll(() => sim.close());

  const hs = (path: string, init?: Parameters<typeof call>[4]) => call(sim, 'hubspot', 'GET', path, init);

  it('pages the contacts list to the end with the requested properties', async () => {
    const results: Doc[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const reply = await hs(`/crm/v3/objects/contacts?limit=100&archived=false&properties=email,phone,lifecyclestage,${HS_LINK}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      expect(reply.status).toBe(200);
      expect(reply.headers['x-hubspot-ratelimit-interval-milliseconds']).toBe('10000');
      const page = reply.json;
      results.push(...page.results);
      after = page.paging?.next?.after;
      if (after) expect(page.paging.next.link).toContain(`after=${encodeURIComponent(after)}`);
      pages += 1;
    } while (after);
    expect(pages).toBe(Math.ceil(HS_RECORDS.length / 100));
    expect(results).toHaveLength(HS_RECORDS.length);
    const first = HS_RECORDS[0]!;
    expect(results[0]).toEqual({
      id: first.localId,
      properties: {
        email: first.emails[0]!.address,
        phone: first.phones[0] ?? null,
        lifecyclestage: 'customer',
        [HS_LINK]: first.links.find((l) => l.kind === 'crm-key')?.value ?? null,
        createdate: new Date(first.createdAt).toISOString(),
        lastmodifieddate: new Date(first.updatedAt).toISOString(),
        hs_object_id: first.localId,
      },
      createdAt: new Date(first.createdAt).toISOString(),
      updatedAt: new Date(first.updatedAt).toISOString(),
      archived: false,
    });
    expect(results.at(-1).properties.lifecyclestage).toBe('lead');
    expect(results.map((r) => String(r.id))).toEqual(HS_RECORDS.map((r) => r.localId));
  });

  it('maps consent and defaults the properties', async () => {
    const page = (await hs('/crm/v3/objects/contacts')).json;
    expect(page.results).toHaveLength(10);
    expect(Object.keys(page.results[0].properties).sort()).toEqual(['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname']);
    const full = hubspotContact(HS_RECORDS[3]!, 3, HS_LINK).properties;
    expect(full.hs_email_optout).toBe(String(!HS_RECORDS[3]!.marketingConsent));
    expect(full.hs_marketable_status).toBe(String(HS_RECORDS[3]!.marketingConsent));
    expect((await hs('/crm/v3/objects/contacts?limit=101')).status).toBe(400);
    expect((await hs('/crm/v3/objects/contacts?archived=true')).json).toEqual({ results: [] });
  });

  it('describes the contact properties', async () => {
    const reply = await hs('/crm/v3/properties/contacts');
    expect(reply.status).toBe(200);
    const properties = reply.json.results;
    const names = properties.map((p: Doc) => String(p.name));
    for (const name of ['email', 'hs_additional_emails', 'phone', 'mobilephone', 'firstname', 'lastname', 'lifecyclestage', 'hs_marketable_status', 'hs_email_optout', 'createdate', 'lastmodifieddate', HS_LINK]) {
      expect(names).toContain(name);
    }
    for (const p of properties) for (const key of ['name', 'label', 'type', 'fieldType', 'hasUniqueValue', 'groupName']) expect(p).toHaveProperty(key);
    expect(properties.find((p: Doc) => p.name === HS_LINK)).toMatchObject({ hasUniqueValue: true, hubspotDefined: false, type: 'string' });
    expect(properties.find((p: Doc) => p.name === 'email')).toMatchObject({ hasUniqueValue: false });
  });

  it('searches with HAS_PROPERTY and EQ, with the total', async () => {
    const search = (body: object) => call(sim, 'hubspot', 'POST', '/crm/v3/objects/contacts/search', { body });
    const linked = HS_RECORDS.filter(hasKey);
    const first = (await search({ filterGroups: [{ filters: [{ propertyName: HS_LINK, operator: 'HAS_PROPERTY' }] }], properties: [HS_LINK], limit: 200 })).json;
    expect(first.total).toBe(linked.length);
    expect(first.results).toHaveLength(Math.min(200, linked.length));
    expect(first.paging.next.after).toBe('200');
    expect(first.results[0].properties[HS_LINK]).toBe(linked[0]!.links.find((l) => l.kind === 'crm-key')!.value);
    const second = (await search({ filterGroups: [{ filters: [{ propertyName: HS_LINK, operator: 'HAS_PROPERTY' }] }], limit: 200, after: '200' })).json;
    expect(second.results[0].id).toBe(linked[200]!.localId);

    const target = HS_RECORDS[42]!;
    const byEmail = (await search({ filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: target.emails[0]!.address.toUpperCase() }] }], properties: ['email'] })).json;
    expect(byEmail.results.map((r: Doc) => String(r.id))).toContain(target.localId);
    expect(byEmail.total).toBe(HS_RECORDS.filter((r) => r.emails[0]?.address.toLowerCase() === target.emails[0]!.address.toLowerCase()).length);

    expect((await search({ limit: 201 })).status).toBe(400);
    expect((await search({ query: 'smith' })).status).toBe(400);
    expect((await search({ sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }] })).status).toBe(200);
    expect((await search({ sorts: [{ propertyName: 'createdate', direction: 'DESCENDING' }] })).status).toBe(400);
    expect((await search({ filterGroups: [{ filters: [{ propertyName: 'email', operator: 'CONTAINS_TOKEN', value: 'x' }] }] })).status).toBe(400);
    expect((await search({ filterGroups: [{ filters: [{ propertyName: 'nope', operator: 'HAS_PROPERTY' }] }] })).json.category).toBe('VALIDATION_ERROR');
  });

  it('refuses to page a search past 10,000 results', async () => {
    const big = await startCrmSimulator({ tls, hubspot: { contacts: lazyContacts(12_000), tenSecondLimit: 10_000 } });
    try {
      const search = (body: object) => call(big, 'hubspot', 'POST', '/crm/v3/objects/contacts/search', { body });
      const all = (await search({ limit: 100, after: '9900' })).json;
      const expectedTotal = 12_000 - Math.floor(12_000 / 7);
      expect(all.total).toBe(expectedTotal);
      expect(all.results).toHaveLength(100);
      expect(all.paging.next.after).toBe('10000');
      const refused = await search({ limit: 100, after: '10000' });
      expect(refused.status).toBe(400);
      expect(refused.json).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
      expect(typeof refused.json.correlationId).toBe('string');
    } finally {
      await big.close();
    }
  });

  it('answers 429 with the rate-limit headers beyond the ten-second limit, per token', async () => {
    const limited = await startCrmSimulator({ tls, hubspot: { contacts: HS_RECORDS.slice(0, 5), tenSecondLimit: 5, dailyLimit: 7 } });
    try {
      const remaining: string[] = [];
      for (let i = 0; i < 5; i++) {
        const reply = await call(limited, 'hubspot', 'GET', '/crm/v3/objects/contacts', { token: 'a' });
        expect(reply.status).toBe(200);
        expect(reply.headers['x-hubspot-ratelimit-max']).toBe('5');
        expect(reply.headers['x-hubspot-ratelimit-daily']).toBe('7');
        remaining.push(String(reply.headers['x-hubspot-ratelimit-remaining']));
      }
      expect(remaining).toEqual(['4', '3', '2', '1', '0']);
      const refused = await call(limited, 'hubspot', 'GET', '/crm/v3/objects/contacts', { token: 'a' });
      expect(refused.status).toBe(429);
      const body = refused.json;
      expect(body).toMatchObject({ status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
      expect(body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(refused.headers['x-hubspot-ratelimit-remaining']).toBe('0');
      expect(refused.headers['x-hubspot-ratelimit-interval-milliseconds']).toBe('10000');
      expect(refused.headers['x-hubspot-ratelimit-daily-remaining']).toBe('2');

      // Another token has its own window; the daily allowance runs out after 7 admitted requests.
      expect((await call(limited, 'hubspot', 'GET', '/crm/v3/properties/contacts', { token: 'b' })).status).toBe(200);
      expect((await call(limited, 'hubspot', 'GET', '/crm/v3/objects/contacts', { token: 'a' })).status).toBe(429);
      const log = limited.requests();
      expect(log.filter((r) => r.status === 429)).toHaveLength(2);
      expect(log.every((r) => r.system === 'hubspot')).toBe(true);
      expect(log[0]).toMatchObject({ method: 'GET', path: '/crm/v3/objects/contacts', status: 200 });
      expect(limited.counts().hubspot).toEqual({ 200: 6, 429: 2 });
    } finally {
      await limited.close();
    }
    const daily = await startCrmSimulator({ tls, hubspot: { contacts: HS_RECORDS.slice(0, 5), dailyLimit: 2 } });
    try {
      for (let i = 0; i < 2; i++) expect((await call(daily, 'hubspot', 'GET', '/crm/v3/objects/contacts')).status).toBe(200);
      const refused = await call(daily, 'hubspot', 'GET', '/crm/v3/objects/contacts');
      expect(refused.status).toBe(429);
      expect(refused.json).toMatchObject({ policyName: 'DAILY', errorType: 'RATE_LIMIT' });
      expect(refused.headers['x-hubspot-ratelimit-daily-remaining']).toBe('0');
    } finally {
      await daily.close();
    }
  });

  it('works with @hubspot/api-client: getPage, search, properties', async () => {
    const client = new HubspotClient({ accessToken: 'pat-na1-test', basePath: sim.hubspot.basePath, httpAgent: agentFor(sim.caPem), limiterOptions: { maxConcurrent: 4, minTime: 0 } });
    // @hubspot/api-client 13.5.0 applies the configured middleware (and so httpAgent) only when a
    // call passes its own middleware options: an empty list appended keeps the configured ones.
    const withAgent = { middleware: [], middlewareMergeStrategy: 'append' as const };
    const page = await client.crm.contacts.basicApi.getPage(100, undefined, ['email', HS_LINK], undefined, undefined, false, withAgent);
    expect(page.results).toHaveLength(100);
    expect(page.results[0]!.properties.email).toBe(HS_RECORDS[0]!.emails[0]!.address);
    expect(page.paging?.next?.after).toBeTruthy();
    const next = await client.crm.contacts.basicApi.getPage(100, page.paging!.next!.after, ['email'], undefined, undefined, false, withAgent);
    expect(next.results[0]!.id).toBe(HS_RECORDS[100]!.localId);
    const found = await client.crm.contacts.searchApi.doSearch(
      { filterGroups: [{ filters: [{ propertyName: HS_LINK, operator: 'HAS_PROPERTY' as never }] }], limit: 10, properties: [HS_LINK], sorts: [], after: '0' },
      withAgent,
    );
    expect(found.total).toBe(HS_RECORDS.filter(hasKey).length);
    expect(found.results).toHaveLength(10);
    const properties = await client.crm.properties.coreApi.getAll('contacts', false, undefined, withAgent);
    expect(properties.results.find((p) => p.name === HS_LINK)?.hasUniqueValue).toBe(true);
  });
});

describe('CRM simulator: both systems on one server', () => {
  it('routes by host name and records every request', async () => {
    const sim = await startCrmSimulator({ tls, salesforce: { contacts: SF_RECORDS.slice(0, 20) }, hubspot: { contacts: HS_RECORDS.slice(0, 20) } });
    try {
      expect(new URL(sim.salesforce.instanceUrl).port).toBe(new URL(sim.hubspot.basePath).port);
      expect((await soql(sim, 'SELECT COUNT() FROM Contact')).status).toBe(200);
      expect((await call(sim, 'hubspot', 'GET', '/crm/v3/objects/contacts')).status).toBe(200);
      // Each API lives on its own host name only.
      expect((await call(sim, 'hubspot', 'GET', '/services/data/v62.0/limits')).status).toBe(404);
      expect((await sf(sim, '/crm/v3/objects/contacts')).status).toBe(404);
      const log = sim.requests();
      expect(log.map((r) => [r.system, r.method, r.path, r.status])).toEqual([
        ['salesforce', 'GET', '/services/data/v62.0/query', 200],
        ['hubspot', 'GET', '/crm/v3/objects/contacts', 200],
        ['hubspot', 'GET', '/services/data/v62.0/limits', 404],
        ['salesforce', 'GET', '/crm/v3/objects/contacts', 404],
      ]);
      expect(log.every((r) => typeof r.at === 'number' && r.at <= Date.now())).toBe(true);
    } finally {
      await sim.close();
    }
  });

  it('makes its own CA when given no certificate', async () => {
    const sim = await startCrmSimulator({ hubspot: { contacts: HS_RECORDS.slice(0, 3) } });
    try {
      expect(sim.caPem).toMatch(/BEGIN CERTIFICATE/);
      expect((await call(sim, 'hubspot', 'GET', '/crm/v3/objects/contacts')).json.results).toHaveLength(3);
    } finally {
      await sim.close();
    }
  });

  it('pages 200,000 lazily generated contacts without materialising them', async () => {
    const count = 200_000;
    let reads = 0;
    const contacts = lazyContacts(count, () => {
      reads += 1;
    });
    const present = count - Math.floor(count / 7);
    const sim = await startCrmSimulator({ tls, salesforce: { contacts, linkField: LINK }, hubspot: { contacts, tenSecondLimit: 100_000 }, requestLogLimit: 1_000 });
    try {
      // Full collections before each sample: what the simulator holds, not garbage yet to collect.
      // V8 sizes its heap up once during the first page (the count pass generates every record at
      // full speed), so RSS is compared from there on; the heap after collection from the start.
      v8.setFlagsFromString('--expose_gc');
      const gc = vm.runInNewContext('gc') as () => void;
      gc();
      const heapBefore = process.memoryUsage().heapUsed;
      let rssBefore = 0;
      let rssPeak = 0;
      let heapPeak = heapBefore;
      let samples = 0;
      const sample = () => {
        gc();
        samples += 1;
        const memory = process.memoryUsage();
        if (rssBefore === 0) rssBefore = memory.rss;
        rssPeak = Math.max(rssPeak, memory.rss);
        heapPeak = Math.max(heapPeak, memory.heapUsed);
      };
      // Salesforce: query + queryMore through every contact.
      let reply = await soql(sim, 'SELECT Id, Email FROM Contact');
      sample();
      let seen = 0;
      let lastId = '';
      for (;;) {
        const page = reply.json;
        expect(page.totalSize).toBe(present);
        seen += page.records.length;
        lastId = page.records.at(-1)?.Id ?? lastId;
        if (seen % 40_000 === 0) sample();
        if (page.done) break;
        reply = await sf(sim, page.nextRecordsUrl);
      }
      expect(seen).toBe(present);
      expect(lastId).toMatch(/^003/);
      // HubSpot: the list, 100 at a time, through the last quarter of the index space.
      const from = (count * 3) / 4;
      let after: string | undefined = Buffer.from(`${from}\n`).toString('base64');
      let hsSeen = 0;
      while (after) {
        const page: Doc = (await call(sim, 'hubspot', 'GET', `/crm/v3/objects/contacts?limit=100&after=${encodeURIComponent(after)}`)).json;
        hsSeen += page.results.length;
        after = page.paging?.next?.after;
        if (hsSeen % 12_500 === 0) sample();
      }
      sample();
      let lastQuarter = 0;
      for (let i = from; i < count; i++) if (i % 7 !== 6) lastQuarter += 1;
      expect(hsSeen).toBe(lastQuarter);
      // Read on demand: the dataset is read a bounded number of times over, never all at once.
      expect(reads).toBeLessThan(count * 3);
      expect(sim.requests().length).toBeLessThanOrEqual(1_000);
      expect(samples).toBeGreaterThan(5);
      const mib = (bytes: number) => bytes / 1_048_576;
      // 200k SyntheticRecords held at once take about 140 MiB of heap and 250 MiB of RSS (measured).
      expect(mib(rssPeak - rssBefore)).toBeLessThan(80);
      expect(mib(heapPeak - heapBefore)).toBeLessThan(30);
    } finally {
      await sim.close();
    }
  }, 120_000);

  it('seeds the benchmark wrapper lazily with contacts, duplicates, leads and identity keys', async () => {
    const sim = await startCrmBenchSimulator({ contacts: 4_000, linkRate: 0.5 });
    try {
      const count = async (q: string) => (await soql(sim, q)).json.totalSize as number;
      expect(await count('SELECT COUNT() FROM Lead')).toBe(200);
      expect(await count('SELECT COUNT() FROM Contact')).toBe(3_800);
      const linked = await count(`SELECT COUNT() FROM Contact WHERE ${SALESFORCE_LINK_FIELD} != null`);
      expect(linked).toBeGreaterThan(1_000);
      expect(linked).toBeLessThan(2_500);
      const ids = (await queryAll(sim, 'SELECT Id FROM Contact')).records.map((r) => String(r.Id));
      expect(new Set(ids).size).toBe(3_800);
      const search = await call(sim, 'hubspot', 'POST', '/crm/v3/objects/contacts/search', {
        body: { filterGroups: [{ filters: [{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'lead' }] }] },
      });
      expect(search.json.total).toBe(200);
      const keyed = await call(sim, 'hubspot', 'POST', '/crm/v3/objects/contacts/search', {
        body: { filterGroups: [{ filters: [{ propertyName: HUBSPOT_LINK_PROPERTY, operator: 'HAS_PROPERTY' }] }] },
      });
      expect(keyed.json.total).toBeGreaterThan(1_000);
      expect(keyed.headers['x-hubspot-ratelimit-max']).toBe('190');
    } finally {
      await sim.close();
    }
  });
});
