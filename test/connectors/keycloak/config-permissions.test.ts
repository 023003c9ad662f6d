import { describe, expect, it } from 'vitest';
import { keycloakTargetSchema } from '../../../connectors/keycloak/config.js';
import { keycloakConnector } from '../../../connectors/keycloak/index.js';
import { grantsFromToken, READ_ROLES } from '../../../connectors/keycloak/permissions.js';
import { keycloakUrls, TOKEN_PATH } from '../../../connectors/keycloak/urls.js';
import { jwt } from './mock-keycloak.js';

const token = (roles: string[] | undefined, realm = 'realm-management', realmRoles: string[] = []) =>
  jwt({ realm_access: { roles: realmRoles }, ...(roles ? { resource_access: { [realm]: { roles } } } : {}) });

describe('granted roles from the access token', () => {
  it('view roles, and manage roles that imply them', () => {
    const g = grantsFromToken(token(['view-realm', 'manage-clients', 'query-users']), 'customers');
    expect(g.known).toBe(true);
    expect(READ_ROLES.filter((r) => g.allows(r))).toEqual(['view-realm', 'view-clients']);
    expect(g.queryUsersOnly()).toBe(true);
    expect(g.anyAdminRole()).toBe(true);
  });

  it('realm-admin allows everything', () => {
    const g = grantsFromToken(token(['realm-admin']), 'customers');
    expect(READ_ROLES.every((r) => g.allows(r))).toBe(true);
  });

  it('a token without client roles has no admin role at all', () => {
    const g = grantsFromToken(jwt({ resource_access: { account: { roles: ['view-profile'] } } }), 'customers');
    expect(g.known).toBe(true);
    expect(READ_ROLES.some((r) => g.allows(r))).toBe(false);
    expect(g.anyAdminRole()).toBe(false);
  });

  it('no resource_access claim, or an opaque token: unknown, every read is tried', () => {
    for (const t of [token(undefined), 'opaque-token-value']) {
      const g = grantsFromToken(t, 'customers');
      expect(g.known).toBe(false);
      expect(READ_ROLES.every((r) => g.allows(r))).toBe(true);
    }
  });

  it('the master realm keeps its roles on master-realm, and the admin realm role covers all', () => {
    expect(grantsFromToken(token(['view-users'], 'master-realm'), 'master').allows('view-users')).toBe(true);
    expect(grantsFromToken(token([], 'master-realm', ['admin']), 'master').allows('view-events')).toBe(true);
  });
});

describe('config', () => {
  const base = { id: 'kc', type: 'keycloak', baseUrl: 'https://sso.example.com', realm: 'customers', clientId: 'ciamscan' };

  it('takes a client secret or a private key, not both, not neither', () => {
    expect(keycloakTargetSchema.safeParse({ ...base, clientSecret: 's' }).success).toBe(true);
    const pem = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n';
    expect(keycloakTargetSchema.safeParse({ ...base, privateKey: pem, kid: 'k1', keyAlgorithm: 'PS256' }).success).toBe(true);
    expect(keycloakTargetSchema.safeParse({ ...base, privateKey: 'not a pem' }).success).toBe(false);
    expect(keycloakTargetSchema.safeParse({ ...base, clientSecret: 's', privateKey: pem }).success).toBe(false);
    expect(keycloakTargetSchema.safeParse(base).success).toBe(false);
    expect(keycloakTargetSchema.safeParse({ ...base, clientSecret: 's', kid: 'k1' }).success).toBe(false);
  });

  it('is strict and validates the URL parts', () => {
    expect(keycloakTargetSchema.safeParse({ ...base, clientSecret: 's', realmName: 'x' }).success).toBe(false);
    expect(keycloakTargetSchema.safeParse({ ...base, clientSecret: 's', baseUrl: 'sso.example.com' }).success).toBe(false);
    expect(keycloakTargetSchema.safeParse({ ...base, clientSecret: 's', contextPath: 'auth/' }).success).toBe(false);
    expect(keycloakTargetSchema.safeParse({ ...base, clientSecret: 's', contextPath: '/auth', idpLinks: 'per-user', perUserLinkLimit: 50 }).success).toBe(true);
    expect(keycloakTargetSchema.safeParse({ ...base, clientSecret: 's', idpLinks: 'all' }).success).toBe(false);
  });

  it('builds the realm URLs with and without the legacy /auth prefix', () => {
    expect(keycloakUrls({ baseUrl: 'https://sso.example.com/', realm: 'customers' })).toEqual({
      issuer: 'https://sso.example.com/realms/customers',
      tokenEndpoint: 'https://sso.example.com/realms/customers/protocol/openid-connect/token',
      admin: 'https://sso.example.com/admin/realms/customers',
    });
    expect(keycloakUrls({ baseUrl: 'https://sso.example.com', contextPath: '/auth', realm: 'a b' }).admin).toBe('https://sso.example.com/auth/admin/realms/a%20b');
  });

  it('allows exactly one POST: the realm token endpoint', () => {
    expect(keycloakConnector.allowedPosts).toHaveLength(1);
    expect(TOKEN_PATH.test('/realms/customers/protocol/openid-connect/token')).toBe(true);
    expect(TOKEN_PATH.test('/auth/realms/customers/protocol/openid-connect/token')).toBe(true);
    expect(TOKEN_PATH.test('/admin/realms/customers/users')).toBe(false);
    expect(TOKEN_PATH.test('/realms/customers/clients-registrations/openid-connect')).toBe(false);
    expect(keycloakConnector.secretKeys).toEqual(['clientSecret', 'privateKey']);
  });

  it('names only the configured hosts', () => {
    const config = keycloakTargetSchema.parse({ ...base, clientSecret: 's', allowHosts: ['Admin.Example.com'] });
    expect(keycloakConnector.namedHosts(config)).toEqual(['admin.example.com', 'sso.example.com']);
    expect(keycloakConnector.location(config)).toBe('https://sso.example.com/realms/customers');
  });
});
