import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { CONNECTORS } from '../../connectors/index.js';
import { RULES } from '../../rules/index.js';
import { validateConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/model/errors.js';
import { configJsonSchema } from '../../src/schema/generate.js';

/** profiles.consent of the identity-store targets: every mistake is one line with a fix. */
const dir = mkdtempSync(join(tmpdir(), 'ciamscan-consent-config-'));

function problems(target: Record<string, unknown>): string[] {
  try {
    validateConfig({ targets: [target] }, { connectors: CONNECTORS, rules: RULES, env: { SECRET: 'x' }, baseDir: dir, source: 'c.yaml' });
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

const TARGETS: Record<string, Record<string, unknown>> = {
  keycloak: { id: 'kc', type: 'keycloak', baseUrl: 'https://sso.example.com', realm: 'customers', clientId: 'ciamscan', clientSecret: '${env:SECRET}' },
  auth0: { id: 'a0', type: 'auth0', domain: 'example.eu.auth0.com', clientId: 'ciamscan', clientSecret: '${env:SECRET}' },
  okta: { id: 'okta', type: 'okta', orgUrl: 'https://example.okta.com', auth: { method: 'api-token', token: '${env:SECRET}' } },
  scim: { id: 'scim', type: 'scim', baseUrl: 'https://idp.example.com/scim/v2', token: '${env:SECRET}' },
  ldap: { id: 'ldap', type: 'ldap', url: 'ldaps://ldap.example.com', bindDn: 'cn=scanner,dc=example,dc=com', bindPassword: '${env:SECRET}', baseDn: 'ou=customers,dc=example,dc=com' },
};

const withConsent = (type: string, consent: unknown) => ({ ...TARGETS[type], profiles: { consent } });

function oneLine(lines: string[]): string {
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toContain('\n');
  expect(lines[0]).toContain('— fix:');
  return lines[0]!;
}

describe('profiles.consent in the config', () => {
  it('is accepted by each identity-store connector in its own attribute syntax', () => {
    expect(problems(withConsent('keycloak', { attribute: 'marketingConsent', updatedAt: 'marketingConsentUpdated' }))).toEqual([]);
    expect(problems(withConsent('auth0', { attribute: 'user_metadata.marketing_consent', optedIn: ['granted'], optedOut: ['revoked'] }))).toEqual([]);
    expect(problems(withConsent('auth0', { attribute: 'app_metadata.consents.0.marketing' }))).toEqual([]);
    expect(problems(withConsent('okta', { attribute: 'marketingConsent' }))).toEqual([]);
    expect(problems(withConsent('scim', { attribute: 'urn:ietf:params:scim:schemas:extension:acme:2.0:User:marketingConsent', updatedAt: 'urn:ietf:params:scim:schemas:extension:acme:2.0:User:consent.updated' }))).toEqual([]);
    expect(problems(withConsent('scim', { attribute: 'urn:example:params:scim:schemas:extension:marketing:2.0:User:optIn' }))).toEqual([]);
    expect(problems(withConsent('scim', { attribute: 'preferences.marketing' }))).toEqual([]);
    expect(problems(withConsent('ldap', { attribute: 'marketingConsent', updatedAt: 'marketingConsentTime' }))).toEqual([]);
  });

  it('the JSON Schema for editors accepts the same paths (no regex flag lost on the way)', () => {
    const ajv = new Ajv2020({ strict: false, allowUnionTypes: true });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    const validate = ajv.compile(configJsonSchema());
    const valid = [
      withConsent('scim', { attribute: 'URN:ietf:params:scim:schemas:extension:Acme:2.0:User:marketingConsent' }),
      withConsent('scim', { attribute: 'preferences.Marketing' }),
      withConsent('auth0', { attribute: 'user_metadata.marketingConsent' }),
      withConsent('ldap', { attribute: 'marketingConsent' }),
    ];
    for (const target of valid) {
      expect(problems(target)).toEqual([]);
      expect(validate({ targets: [target] }), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(validate({ targets: [withConsent('scim', { attribute: 'marketing consent' })] })).toBe(false);
  });

  it('a missing attribute, an unknown key, an empty list: one line each', () => {
    expect(problems(withConsent('keycloak', { updatedAt: 'x' }))).toEqual(['c.yaml: targets[0].profiles.consent.attribute: required key is missing — fix: add attribute (string)']);
    expect(oneLine(problems(withConsent('okta', { attribute: 'marketingConsent', optIn: ['yes'] })))).toBe(
      'c.yaml: targets[0].profiles.consent: unknown key "optIn" — fix: remove it or check the spelling',
    );
    expect(oneLine(problems(withConsent('okta', { attribute: 'marketingConsent', optedIn: [] })))).toMatch(/^c\.yaml: targets\[0\]\.profiles\.consent\.optedIn: /);
    expect(oneLine(problems(withConsent('okta', { attribute: '' })))).toMatch(/^c\.yaml: targets\[0\]\.profiles\.consent\.attribute: /);
  });

  it('a value that would mean both opted in and opted out is refused, saying which list to set', () => {
    // An opt-out flag configured half-way: "true" is also a default optedIn value.
    expect(problems(withConsent('keycloak', { attribute: 'emailOptOut', optedOut: ['true', 'Yes'] }))).toEqual([
      'c.yaml: targets[0].profiles.consent.optedOut: "true", "Yes" are also in the default optedIn list — fix: set optedIn as well, so that no value means both',
    ]);
    expect(problems(withConsent('keycloak', { attribute: 'consent', optedIn: ['no'] }))).toEqual([
      'c.yaml: targets[0].profiles.consent.optedIn: "no" is also in the default optedOut list — fix: set optedOut as well, so that no value means both',
    ]);
    expect(problems(withConsent('keycloak', { attribute: 'consent', optedIn: ['x', 'Y '], optedOut: ['y'] }))).toEqual([
      'c.yaml: targets[0].profiles.consent.optedOut: "y" is in both optedIn and optedOut — fix: keep each value in one list only',
    ]);
    expect(problems(withConsent('keycloak', { attribute: 'emailOptOut', optedIn: ['false'], optedOut: ['true'] }))).toEqual([]);
  });

  it('each connector checks the syntax of its paths', () => {
    expect(oneLine(problems(withConsent('ldap', { attribute: 'marketing consent' })))).toBe(
      'c.yaml: targets[0].profiles.consent.attribute: must be an LDAP attribute name, e.g. mail — fix: correct the attribute name',
    );
    expect(oneLine(problems(withConsent('ldap', { attribute: 'marketingConsent', updatedAt: 'consent_time' })))).toMatch(/^c\.yaml: targets\[0\]\.profiles\.consent\.updatedAt: must be an LDAP attribute name/);
    expect(oneLine(problems(withConsent('auth0', { attribute: 'user_metadata..consent' })))).toBe(
      'c.yaml: targets[0].profiles.consent.attribute: must be a dotted path into the user, e.g. user_metadata.marketing_consent — fix: remove spaces and empty segments',
    );
    for (const bad of ['urn:acme:User:', 'marketing consent', 'a.b.c', 'urn:x']) {
      expect(oneLine(problems(withConsent('scim', { attribute: bad }))), bad).toMatch(/^c\.yaml: targets\[0\]\.profiles\.consent\.attribute: must be a SCIM attribute path/);
    }
  });

  it('CRMs and the file connector have no profiles.consent (they map consent their own way): an unknown key', () => {
    const file = { id: 'f', type: 'file', path: 'users.csv', records: 'users', mapping: {}, profiles: { consent: { attribute: 'x' } } };
    expect(problems(file)).toEqual(['c.yaml: targets[0].profiles: unknown key "consent" — fix: remove it or check the spelling']);
  });
});

describe('profiles.consent in the connector READMEs', () => {
  for (const type of Object.keys(TARGETS)) {
    it(`${type}: the "Marketing consent" example is a valid config`, () => {
      const readme = readFileSync(new URL(`../../connectors/${type}/README.md`, import.meta.url), 'utf8');
      const block = /### Marketing consent\n[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
      expect(block, 'a yaml block under "### Marketing consent"').toBeDefined();
      const example = parse(block!) as { profiles: { consent: { attribute: string } } };
      expect(example.profiles.consent.attribute).toBeTruthy();
      expect(problems({ ...TARGETS[type], ...example })).toEqual([]);
    });
  }
});
