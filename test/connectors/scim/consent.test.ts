import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScimPath, scimConsent, scimUserToProfile, USER_ATTRIBUTES, userAttributes, valueAtPath } from '../../../connectors/scim/interpret-users.js';
import { compileConsent } from '../../../src/connector-kit/consent.js';
import { MARKETING_SCHEMA, startScimServer, type ScimServer } from '../../../src/demo/scim-server.js';
import { dataset, paths, printable, runScim, scimTarget, syntheticUsers, TOKEN } from './helpers.js';

/**
 * profiles.consent on SCIM: a core attribute or an extension attribute named by its schema URN
 * (RFC 7644 §3.10), added to `attributes=`; against the real SCIM server (scimmy) with the demo's
 * marketing extension.
 */
const CONSENT = { attribute: `${MARKETING_SCHEMA}:marketingConsent`, updatedAt: `${MARKETING_SCHEMA}:marketingConsentUpdated` };

/** Users 1..60: user 1, 4, 7, ... opted in, 2, 5, 8, ... opted out, the others carry no extension (the server's dateTime type admits no unparsable time). */
const USERS = syntheticUsers(60).map((u, i) => {
  if (i % 3 === 2) return u;
  return { ...u, marketingConsent: i % 3 === 0, marketingConsentUpdated: new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString() };
});

let server: ScimServer;

beforeAll(async () => {
  server = await startScimServer({ users: USERS, token: TOKEN, maxResults: 25 });
});

afterAll(async () => {
  await server.close();
});

describe('scim: marketing consent from an extension attribute (real SCIM server)', () => {
  it('asks for the extension attributes and fills Profile.consent', async () => {
    const { snapshot, requests } = await runScim(scimTarget(server.baseUrl, { profiles: { consent: CONSENT } }));
    expect(snapshot.errors).toEqual([]);
    const pages = paths(requests).filter((p) => p.startsWith('/Users?startIndex='));
    expect(pages).toHaveLength(3);
    const attributes = new URLSearchParams(pages[0]!.split('?')[1]).get('attributes');
    expect(attributes).toBe(`${USER_ATTRIBUTES},${CONSENT.attribute},${CONSENT.updatedAt}`);
    const byEmail = new Map([...snapshot.profiles!].map((p) => [p.emails[0]?.address, p.consent]));
    expect(byEmail.get('user00001@example.test')).toEqual({ marketing: true, updatedAt: '2025-01-01T00:00:00.000Z' });
    expect(byEmail.get('user00002@example.test')).toEqual({ marketing: false, updatedAt: '2025-01-02T00:00:00.000Z' });
    expect(byEmail.get('user00003@example.test')).toBeUndefined();
    const stated = [...snapshot.profiles!].filter((p) => p.consent !== undefined);
    expect(stated).toHaveLength(40);
    expect(stated.filter((p) => p.consent?.marketing)).toHaveLength(20);
    // Users without the extension are simply unknown: no note, the read is complete.
    expect(dataset(snapshot, 'users')).toEqual({ name: 'users', state: 'complete', records: 60, total: 60, pages: 3 });
    expect(printable(snapshot)).not.toContain(TOKEN);
  });

  it('a path the users do not carry: no consent, and a note that names the attribute', async () => {
    const { snapshot } = await runScim(scimTarget(server.baseUrl, { profiles: { consent: { attribute: `${MARKETING_SCHEMA}:newsletter` } } }));
    expect(snapshot.errors).toEqual([]);
    expect([...snapshot.profiles!].every((p) => p.consent === undefined)).toBe(true);
    expect(dataset(snapshot, 'users')?.reason).toContain(`no record read has a value at "${MARKETING_SCHEMA}:newsletter"`);
  });
});

describe('scim: attribute paths (RFC 7644 §3.10)', () => {
  const resource = {
    id: 'u1',
    userName: 'ada',
    Preferences: { Marketing: 'Subscribed' },
    emails: [{ value: 'a@example.test' }, { value: 'b@example.test' }],
    'urn:ietf:params:scim:schemas:extension:acme:2.0:User': { consent: { marketing: 'no', updated: '2025-05-01T00:00:00Z' } },
  };

  it('parses core, fully qualified core, extension and sub-attribute paths', () => {
    expect(parseScimPath('userName')).toEqual({ attribute: 'userName' });
    expect(parseScimPath('preferences.marketing')).toEqual({ attribute: 'preferences', sub: 'marketing' });
    expect(parseScimPath('urn:ietf:params:scim:schemas:core:2.0:User:userName')).toEqual({ attribute: 'userName' });
    expect(parseScimPath('urn:ietf:params:scim:schemas:extension:acme:2.0:User:consent.marketing')).toEqual({
      schema: 'urn:ietf:params:scim:schemas:extension:acme:2.0:User',
      attribute: 'consent',
      sub: 'marketing',
    });
  });

  it('reads values case-insensitively (RFC 7643 §2.1); a sub-attribute of a multi-valued attribute gives its values', () => {
    expect(valueAtPath(resource, parseScimPath('preferences.marketing'))).toBe('Subscribed');
    expect(valueAtPath(resource, parseScimPath('URN:IETF:params:scim:schemas:extension:ACME:2.0:User:Consent.Marketing'))).toBe('no');
    expect(valueAtPath(resource, parseScimPath('emails.value'))).toEqual(['a@example.test', 'b@example.test']);
    expect(valueAtPath(resource, parseScimPath('urn:ietf:params:scim:schemas:extension:other:2.0:User:consent'))).toBeUndefined();
    expect(valueAtPath(resource, parseScimPath('userName.sub'))).toBeUndefined();
  });

  it('maps consent from any of them, and adds the paths to the attributes requested once', () => {
    const extension = scimConsent(compileConsent({ attribute: 'urn:ietf:params:scim:schemas:extension:acme:2.0:User:consent.marketing', updatedAt: 'urn:ietf:params:scim:schemas:extension:acme:2.0:User:consent.updated' }));
    expect(scimUserToProfile(resource, extension)?.consent).toEqual({ marketing: false, updatedAt: '2025-05-01T00:00:00.000Z' });
    expect(scimUserToProfile(resource, scimConsent(compileConsent({ attribute: 'preferences.marketing' })))?.consent).toEqual({ marketing: true });
    expect(scimUserToProfile(resource)?.consent).toBeUndefined();
    expect(userAttributes()).toBe(USER_ATTRIBUTES);
    expect(userAttributes(compileConsent({ attribute: 'Active' }))).toBe(USER_ATTRIBUTES);
    expect(userAttributes(compileConsent({ attribute: 'preferences.marketing' }))).toBe(`${USER_ATTRIBUTES},preferences.marketing`);
  });
});
