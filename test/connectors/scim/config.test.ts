import { describe, expect, it } from 'vitest';
import { scimConnector } from '../../../connectors/scim/index.js';
import { validateConfig } from '../../../src/config/load.js';
import { ConfigError } from '../../../src/model/errors.js';

/** The scim target schema through the real config loader (secret references, one line per problem). */
function problems(target: Record<string, unknown>, env: Record<string, string> = {}): string[] {
  try {
    validateConfig({ targets: [target] }, { connectors: [scimConnector], rules: [], env, baseDir: process.cwd(), source: 'c.yaml' });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

const base = { id: 'scim', type: 'scim', baseUrl: 'https://idp.example.com/scim/v2' };

describe('scim target config', () => {
  it('accepts a bearer token from the environment, and no credential at all', () => {
    expect(problems({ ...base, token: '${env:SCIM_TOKEN}', maxCount: 500, activeProbes: true, profiles: { maxRecords: 10 } }, { SCIM_TOKEN: 'tok-123456' })).toEqual([]);
    expect(problems(base)).toEqual([]);
  });

  it('refuses a secret written into the config', () => {
    expect(problems({ ...base, token: 'literal-token-value' })).toEqual([
      'c.yaml: targets[0].token: a secret is written in the config — fix: use ${env:NAME} or ${file:path} instead of the value',
    ]);
    const basic = problems({ ...base, authScheme: 'basic', username: 'scanner', password: 'hunter2-literal' });
    expect(basic).toEqual(['c.yaml: targets[0].password: a secret is written in the config — fix: use ${env:NAME} or ${file:path} instead of the value']);
    for (const line of basic) expect(line).not.toContain('hunter2-literal');
  });

  it('checks the auth scheme against the keys given', () => {
    expect(problems({ ...base, authScheme: 'basic', username: 'scanner' })).toEqual(['c.yaml: targets[0].password: authScheme basic needs a password — fix: add password: ${env:SCIM_PASSWORD}']);
    expect(problems({ ...base, authScheme: 'basic', username: 'u', password: '${env:P}', token: '${env:T}' }, { P: 'pass-1234', T: 'tok-1234' })).toEqual([
      'c.yaml: targets[0].token: authScheme basic uses username and password, not token — fix: remove token or set authScheme: bearer',
    ]);
    expect(problems({ ...base, username: 'u' })).toEqual(['c.yaml: targets[0].username: username and password are for authScheme basic — fix: set authScheme: basic, or use token']);
  });

  it('rejects unknown keys, bad URLs and out-of-range page sizes', () => {
    expect(problems({ ...base, tokne: 'x' })[0]).toContain('unknown key "tokne"');
    expect(problems({ ...base, baseUrl: 'https://idp.example.com/scim/v2?x=1' })[0]).toContain('targets[0].baseUrl: must be an absolute http(s) URL without query');
    expect(problems({ ...base, baseUrl: 'ftp://idp.example.com' })[0]).toContain('targets[0].baseUrl');
    expect(problems({ ...base, maxCount: 5000 })[0]).toContain('targets[0].maxCount');
  });

  it('names the hosts it may contact and prints the location without secrets', () => {
    const config = scimConnector.configSchema.parse({ ...base, baseUrl: 'https://IdP.Example.com:8443/scim/v2', allowHosts: ['other.example.com'] });
    expect(scimConnector.namedHosts(config)).toEqual(['idp.example.com', 'other.example.com']);
    expect(scimConnector.location(config)).toBe('https://idp.example.com:8443/scim/v2');
    expect(scimConnector.secretKeys).toEqual(['token', 'password']);
    expect(scimConnector.allowedPosts).toEqual([]);
  });
});
