import { describe, expect, it } from 'vitest';
import { oktaTargetSchema } from '../../../connectors/okta/config.js';
import { oktaConnector } from '../../../connectors/okta/index.js';

describe('okta config', () => {
  const base = { id: 'okta', type: 'okta', orgUrl: 'https://example.okta.com', auth: { method: 'api-token', token: 'x' } };

  it('accepts both credential kinds and the options', () => {
    expect(oktaTargetSchema.safeParse(base).success).toBe(true);
    const full = {
      ...base,
      auth: { method: 'private-key-jwt', clientId: '0oa1', privateKey: '-----BEGIN PRIVATE KEY-----', kid: 'k' },
      profiles: { read: true, maxRecords: 10, pageSize: 100 },
      scanAuthorizationServers: false,
      linkedIdps: { maxUsers: 10 },
      rateLimitReserve: 0.4,
      tlsProbe: false,
      allowHosts: ['id.example.com'],
    };
    expect(oktaTargetSchema.safeParse(full).success).toBe(true);
  });

  it('refuses unknown keys, http or paths in orgUrl, and unknown auth methods', () => {
    expect(oktaTargetSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(oktaTargetSchema.safeParse({ ...base, orgUrl: 'http://example.okta.com' }).success).toBe(false);
    expect(oktaTargetSchema.safeParse({ ...base, orgUrl: 'https://example.okta.com/oauth2/default' }).success).toBe(false);
    expect(oktaTargetSchema.safeParse({ ...base, auth: { method: 'password', token: 'x' } }).success).toBe(false);
    expect(oktaTargetSchema.safeParse({ ...base, rateLimitReserve: 1 }).success).toBe(false);
  });

  it('declares its secrets, hosts, location and the single token POST', () => {
    expect(oktaConnector.secretKeys).toEqual(['token', 'privateKey']);
    const parsed = oktaTargetSchema.parse({ ...base, allowHosts: ['ID.Example.com'] });
    expect(oktaConnector.namedHosts(parsed)).toEqual(['example.okta.com', 'id.example.com']);
    expect(oktaConnector.location(parsed)).toBe('https://example.okta.com');
    expect(oktaConnector.allowedPosts.map((p) => [p.path.source, p.intent])).toEqual([['^\\/oauth2\\/v1\\/token$', 'token']]);
  });
});
