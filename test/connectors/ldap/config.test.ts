import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildConfigSchema } from '../../../src/config/schema.js';
import { ldapConnector } from '../../../connectors/ldap/index.js';
import { transportOf } from '../../../connectors/ldap/config.js';
import { validateConfig } from '../../../src/config/load.js';
import type { AnyConnector } from '../../../src/connector.js';
import { ConfigError } from '../../../src/model/errors.js';

const connectors = [ldapConnector as unknown as AnyConnector];

/** The minimal form from the connector's README. */
const MINIMAL = {
  id: 'loyalty',
  type: 'ldap',
  url: 'ldaps://ldap.example.com',
  bindDn: 'cn=scanner,dc=example,dc=com',
  bindPassword: '${env:LDAP_PASSWORD}',
  baseDn: 'ou=customers,dc=example,dc=com',
};

function load(target: Record<string, unknown>, env: Record<string, string> = { LDAP_PASSWORD: 'from-the-environment' }) {
  return validateConfig({ targets: [target] }, { connectors, rules: [], env, baseDir: '/', source: 'ciamscan.yaml' });
}

function problems(target: Record<string, unknown>): string[] {
  try {
    load(target);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('ldap target config', () => {
  it('accepts the minimal form; the password arrives resolved and is registered as a secret', () => {
    const loaded = load(MINIMAL);
    expect(loaded.config.targets[0]).toMatchObject({ ...MINIMAL, bindPassword: 'from-the-environment' });
    expect(loaded.secrets).toContain('from-the-environment');
    expect(ldapConnector.namedHosts(loaded.config.targets[0] as never)).toEqual(['ldap.example.com']);
    expect(ldapConnector.location(loaded.config.targets[0] as never)).toBe('ldaps://ldap.example.com ou=customers,dc=example,dc=com');
  });

  it('refuses a password written into the config', () => {
    expect(problems({ ...MINIMAL, bindPassword: 'hunter2-in-the-file' })).toEqual([
      'ciamscan.yaml: targets[0].bindPassword: a secret is written in the config — fix: use ${env:NAME} or ${file:path} instead of the value',
    ]);
    expect(ldapConnector.secretKeys).toEqual(['bindPassword']);
  });

  it('refuses a plain ldap:// bind unless allowPlaintextBind, in one line with the fix', () => {
    const plain = problems({ ...MINIMAL, url: 'ldap://ldap.example.com' });
    expect(plain).toHaveLength(1);
    expect(plain[0]).toMatch(/^ciamscan\.yaml: targets\[0\]\.url: refusing to bind over plain ldap:\/\/: the bind password would cross the network in clear — fix: /);
    expect(problems({ ...MINIMAL, url: 'ldap://ldap.example.com', startTls: true })).toEqual([]);
    expect(problems({ ...MINIMAL, url: 'ldap://ldap.example.com', allowPlaintextBind: true })).toEqual([]);
    expect(problems({ ...MINIMAL, startTls: true })[0]).toMatch(/startTls applies to ldap:\/\/ URLs only/);
  });

  it.each([
    ['https://ldap.example.com', 'url'],
    ['ldaps://ldap.example.com/ou=customers,dc=example,dc=com', 'url'],
    ['ldaps://user:pw@ldap.example.com', 'url'],
    ['ldaps://ldap.example.com??sub', 'url'],
  ])('rejects the URL %s', (url, key) => {
    expect(problems({ ...MINIMAL, url }).join('\n')).toContain(`targets[0].${key}`);
  });

  it('checks the filter syntax, the scope, attribute names and unknown keys', () => {
    expect(problems({ ...MINIMAL, filter: '(objectClass=inetOrgPerson' }).join('\n')).toContain('not a valid LDAP filter');
    expect(problems({ ...MINIMAL, filter: '(&(objectClass=inetOrgPerson)(!(ou=staff)))' })).toEqual([]);
    expect(problems({ ...MINIMAL, scope: 'base' }).join('\n')).toContain('targets[0].scope');
    expect(problems({ ...MINIMAL, attributes: { mail: ['mail', 'bad name'] } }).join('\n')).toContain('targets[0].attributes.mail[1]');
    expect(problems({ ...MINIMAL, attributes: { id: 'objectGUID', mail: ['mail;lang-en'], externalIds: ['2.5.4.3'] } })).toEqual([]);
    expect(problems({ ...MINIMAL, pagesize: 100 }).join('\n')).toContain('unknown key "pagesize"');
    expect(problems({ ...MINIMAL, profiles: { read: false, maxRecords: 10 }, pageSize: 250, timeLimitSeconds: 60, activeProbes: true, passwordPolicyDn: 'cn=default,ou=policies,dc=example,dc=com' })).toEqual([]);
  });

  it('names the transport the scan will use', () => {
    expect(transportOf({ url: 'ldaps://x.example' })).toBe('ldaps');
    expect(transportOf({ url: 'LDAPS://x.example' })).toBe('ldaps');
    expect(transportOf({ url: 'ldap://x.example', startTls: true })).toBe('starttls');
    expect(transportOf({ url: 'ldap://x.example' })).toBe('plain');
  });

  it('declares what the README documents: no HTTP, no POST, reads only', () => {
    expect(ldapConnector.allowedPosts).toEqual([]);
    expect(ldapConnector.kind).toBe('identity-store');
    expect(ldapConnector.requiredPermissions.map((p) => p.tier)).toEqual(['T2', 'T2', 'T2', 'T2', 'T2', 'T1']);
    expect(ldapConnector.defaultLimits).toMatchObject({ concurrency: 1, timeoutMs: 120_000 });
  });

  it('joins the config schema and its JSON Schema (refinements stay out of the JSON Schema)', () => {
    const json = JSON.stringify(z.toJSONSchema(buildConfigSchema(connectors), { io: 'input', unrepresentable: 'any' }));
    for (const key of ['bindDn', 'bindPassword', 'baseDn', 'startTls', 'allowPlaintextBind', 'passwordPolicyDn', 'activeProbes']) expect(json).toContain(`"${key}"`);
  });
});
