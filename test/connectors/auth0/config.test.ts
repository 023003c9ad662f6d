import { describe, expect, it } from 'vitest';
import { auth0Endpoints, auth0NamedHosts, auth0TargetSchema } from '../../../connectors/auth0/config.js';
import { auth0Connector } from '../../../connectors/auth0/index.js';
import { validateConfig } from '../../../src/config/load.js';
import { ConfigError } from '../../../src/model/errors.js';
import { connector } from './harness.js';

const base = { id: 'shop', type: 'auth0', domain: 'example-shop.eu.auth0.com', clientId: 'scanner-client-id', clientSecret: 'x' };

describe('auth0 config', () => {
  it('accepts a tenant domain, a custom domain and a host with a port', () => {
    for (const domain of ['example-shop.eu.auth0.com', 'login.shop.example.com', '127.0.0.1:8443', 'localhost:3000']) {
      expect(auth0TargetSchema.safeParse({ ...base, domain }).success).toBe(true);
    }
  });

  it('refuses URLs, paths and empty domains with a fix in the message', () => {
    for (const domain of ['https://example-shop.eu.auth0.com', 'example-shop.eu.auth0.com/api/v2', '', 'exa mple.com']) {
      const result = auth0TargetSchema.safeParse({ ...base, domain });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toContain('without https://');
    }
  });

  it('needs exactly one of clientSecret and privateKey; unknown keys are refused', () => {
    expect(auth0TargetSchema.safeParse({ ...base, clientSecret: undefined }).success).toBe(false);
    expect(auth0TargetSchema.safeParse({ ...base, privateKey: 'pem' }).success).toBe(false);
    expect(auth0TargetSchema.safeParse({ ...base, clientSecret: undefined, privateKey: 'pem', privateKeyId: 'kid-1' }).success).toBe(true);
    expect(auth0TargetSchema.safeParse({ ...base, clientSecrt: 'typo' }).success).toBe(false);
    expect(auth0TargetSchema.safeParse({ ...base, exportThreshold: 5000 }).success).toBe(false);
  });

  it('secrets must be references: a literal clientSecret is refused, ${env:…} resolves', () => {
    const options = { connectors: [connector], rules: [], baseDir: '/', source: 'ciamscan.yaml' };
    expect(() => validateConfig({ targets: [base] }, options)).toThrow(ConfigError);
    try {
      validateConfig({ targets: [base] }, options);
    } catch (err) {
      expect((err as ConfigError).problems.join('\n')).toContain('targets[0].clientSecret: a secret is written in the config');
    }
    const loaded = validateConfig({ targets: [{ ...base, clientSecret: '${env:AUTH0_SECRET}' }] }, { ...options, env: { AUTH0_SECRET: 'resolved-secret-value' } });
    expect(loaded.secrets).toEqual(['resolved-secret-value']);
    expect(auth0Connector.secretKeys).toEqual(['clientSecret', 'privateKey']);
  });

  it('derives the issuer, the Management API, the token endpoint and the audience', () => {
    const plain = auth0TargetSchema.parse(base);
    expect(auth0Endpoints(plain)).toEqual({
      issuer: 'https://example-shop.eu.auth0.com/',
      issuers: ['https://example-shop.eu.auth0.com/'],
      managementBase: 'https://example-shop.eu.auth0.com/api/v2',
      tokenEndpoint: 'https://example-shop.eu.auth0.com/oauth/token',
      tokenIssuer: 'https://example-shop.eu.auth0.com/',
      audience: 'https://example-shop.eu.auth0.com/api/v2/',
      tenantName: 'example-shop.eu.auth0.com',
    });
    const custom = auth0TargetSchema.parse({ ...base, domain: 'Login.Shop.Example.com', managementDomain: 'example-shop.eu.auth0.com', audience: 'https://example-shop.eu.auth0.com/api/v2/' });
    expect(auth0Endpoints(custom)).toMatchObject({ issuers: ['https://login.shop.example.com/', 'https://example-shop.eu.auth0.com/'], tokenEndpoint: 'https://example-shop.eu.auth0.com/oauth/token' });
  });

  it('named hosts are host names without ports, plus allowHosts', () => {
    expect(auth0NamedHosts(auth0TargetSchema.parse({ ...base, domain: '127.0.0.1:8443', allowHosts: ['Extra.example.com'] }))).toEqual(['127.0.0.1', 'extra.example.com']);
    expect(auth0Connector.location(auth0TargetSchema.parse(base))).toBe('https://example-shop.eu.auth0.com');
  });

  it('documents exactly the POSTs it may send', () => {
    expect(auth0Connector.allowedPosts.map((p) => [p.path.source, p.intent])).toEqual([
      ['^\\/oauth\\/token$', 'token'],
      ['^\\/api\\/v2\\/jobs\\/users-exports$', 'read-only-post'],
    ]);
  });
});
