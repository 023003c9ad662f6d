import { describe, expect, it } from 'vitest';
import { DEFAULT_PROPERTIES, hubspotTargetSchema, propertyNames } from '../../../connectors/hubspot/config.js';
import { hubspotConnector } from '../../../connectors/hubspot/index.js';
import { DAILY_LIMIT, HUBSPOT_DEFAULT_LIMITS, TEN_SECOND_LIMIT, hubspotLimitsFor, plannedDailyLimit, windowAdvice } from '../../../connectors/hubspot/limits.js';
import { SCOPES } from '../../../connectors/hubspot/permissions.js';
import { mergeLimits } from '../../../src/http/defaults.js';
import { validateConfig } from '../../../src/config/load.js';

describe('hubspot config', () => {
  const base = { id: 'hubspot', type: 'hubspot', accessToken: 'x' };

  it('accepts the minimal and the full form', () => {
    expect(hubspotTargetSchema.safeParse(base).success).toBe(true);
    const full = {
      ...base,
      basePath: 'https://api.hubapi.com',
      tier: 'professional',
      dailyLimit: 1_625_000,
      dailyReserve: 0.2,
      linkProperty: 'idp_subject',
      properties: { email: 'email', phone: 'work_phone', consent: 'marketing_consent' },
      lifecycleStages: { customer: ['customer', '1234567'], lead: ['lead'] },
      profiles: { read: true, maxRecords: 1000, pageSize: 100 },
      limits: { windows: [{ requests: 190, perMs: 10_000 }] },
      contact: 'security@example.com',
    };
    expect(hubspotTargetSchema.safeParse(full).success).toBe(true);
  });

  it('refuses unknown keys, http, a query in basePath, unknown tiers, bad property names and a reserve of 1', () => {
    expect(hubspotTargetSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(hubspotTargetSchema.safeParse({ ...base, basePath: 'http://api.hubapi.com' }).success).toBe(false);
    expect(hubspotTargetSchema.safeParse({ ...base, basePath: 'https://api.hubapi.com/?hapikey=1' }).success).toBe(false);
    expect(hubspotTargetSchema.safeParse({ ...base, tier: 'gold' }).success).toBe(false);
    expect(hubspotTargetSchema.safeParse({ ...base, linkProperty: 'idp subject' }).success).toBe(false);
    expect(hubspotTargetSchema.safeParse({ ...base, properties: { fax: 'fax' } }).success).toBe(false);
    expect(hubspotTargetSchema.safeParse({ ...base, dailyReserve: 1 }).success).toBe(false);
  });

  it('a token written into the config is refused: accessToken must be a reference', () => {
    const raw = { version: 1, targets: [{ ...base, accessToken: 'pat-na1-literal' }] };
    expect(() => validateConfig(raw, { connectors: [hubspotConnector], rules: [], baseDir: '.', source: 'test.yaml' })).toThrow(/secret is written in the config/);
    const referenced = { version: 1, targets: [{ ...base, accessToken: '${env:HUBSPOT_TOKEN}' }] };
    const loaded = validateConfig(referenced, { connectors: [hubspotConnector], rules: [], baseDir: '.', source: 'test.yaml', env: { HUBSPOT_TOKEN: 'pat-na1-from-env' } });
    expect(loaded.secrets).toEqual(['pat-na1-from-env']);
    expect(loaded.config.targets[0]).toMatchObject({ type: 'hubspot', accessToken: 'pat-na1-from-env' });
  });

  it('declares its secret, hosts, location, scopes and exactly the two read-only POSTs', () => {
    expect(hubspotConnector.kind).toBe('crm');
    expect(hubspotConnector.secretKeys).toEqual(['accessToken']);
    const parsed = hubspotTargetSchema.parse({ ...base, allowHosts: ['Proxy.Example.com'] });
    expect(hubspotConnector.namedHosts(parsed)).toEqual(['api.hubapi.com', 'proxy.example.com']);
    expect(hubspotConnector.location(parsed)).toBe('https://api.hubapi.com');
    expect(hubspotConnector.location(hubspotTargetSchema.parse({ ...base, basePath: 'https://localhost:8443/' }))).toBe('https://localhost:8443');
    expect(hubspotConnector.requiredPermissions.map((p) => p.permission).sort()).toEqual([SCOPES.contacts, SCOPES.schemas]);
    expect(hubspotConnector.allowedPosts.map((p) => [p.path.source, p.intent])).toEqual([
      ['\\/crm\\/v3\\/objects\\/contacts\\/search$', 'read-only-post'],
      ['\\/oauth\\/v2\\/private-apps\\/get\\/access-token-info$', 'read-only-post'],
    ]);
  });

  it('configured property names override the standard ones', () => {
    expect(propertyNames(hubspotTargetSchema.parse({ ...base, properties: { phone: 'work_phone' } }))).toEqual({ ...DEFAULT_PROPERTIES, phone: 'work_phone' });
  });
});

describe('hubspot limits', () => {
  it('defaults to the lowest published window, one request at a time, and a retry wait longer than the 10 s interval', () => {
    expect(HUBSPOT_DEFAULT_LIMITS.windows).toEqual([{ requests: 100, perMs: 10_000 }]);
    expect(HUBSPOT_DEFAULT_LIMITS.concurrency).toBe(1);
    expect(HUBSPOT_DEFAULT_LIMITS.maxRetryWaitMs).toBeGreaterThan(10_000);
    expect(TEN_SECOND_LIMIT).toEqual({ free: 100, starter: 100, professional: 190, enterprise: 190 });
  });

  it('plans with the configured daily limit, else the tier', () => {
    const parse = (extra: object) => hubspotTargetSchema.parse({ id: 'h', type: 'hubspot', accessToken: 'x', ...extra });
    expect(plannedDailyLimit(parse({}))).toBeUndefined();
    expect(plannedDailyLimit(parse({ tier: 'enterprise' }))).toBe(DAILY_LIMIT.enterprise);
    expect(plannedDailyLimit(parse({ tier: 'starter', dailyLimit: 1_250_000 }))).toBe(1_250_000);
  });

  it('takes the window of the tier it is told, under the target\'s own limits', () => {
    const parse = (extra: object) => hubspotTargetSchema.parse({ id: 'h', type: 'hubspot', accessToken: 'x', ...extra });
    expect(hubspotLimitsFor(parse({}))).toEqual({});
    const enterprise = mergeLimits(HUBSPOT_DEFAULT_LIMITS, hubspotConnector.limitsFor?.(parse({ tier: 'enterprise' })));
    expect(enterprise.windows).toEqual([{ requests: 190, perMs: 10_000 }]);
    expect(enterprise.requestsPerSecond).toBe(19);
    expect(windowAdvice(parse({ tier: 'enterprise' }), enterprise)).toBeUndefined();
    const starter = mergeLimits(HUBSPOT_DEFAULT_LIMITS, hubspotLimitsFor(parse({ tier: 'starter' })));
    expect(starter.windows).toEqual([{ requests: 100, perMs: 10_000 }]);
    const pack = mergeLimits(HUBSPOT_DEFAULT_LIMITS, hubspotLimitsFor(parse({ tier: 'enterprise' })), { windows: [{ requests: 250, perMs: 10_000 }] });
    expect(pack.windows).toEqual([{ requests: 250, perMs: 10_000 }]);
  });

  it('says when the window does not match the tier', () => {
    const parse = (tier: string) => hubspotTargetSchema.parse({ id: 'h', type: 'hubspot', accessToken: 'x', tier });
    const defaults = mergeLimits(HUBSPOT_DEFAULT_LIMITS);
    expect(windowAdvice(parse('starter'), defaults)).toBeUndefined();
    expect(windowAdvice(parse('professional'), defaults)).toMatch(/allows 190 requests per 10 s; this scan keeps 100/);
    expect(windowAdvice(parse('free'), mergeLimits(HUBSPOT_DEFAULT_LIMITS, { windows: [{ requests: 190, perMs: 10_000 }] }))).toMatch(/expect 429s/);
    expect(windowAdvice(parse('enterprise'), mergeLimits(HUBSPOT_DEFAULT_LIMITS, { windows: [] }))).toMatch(/no 10-second window/);
  });
});
