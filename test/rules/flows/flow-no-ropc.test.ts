import rule from '../../../rules/flows/flow-no-ropc.js';
import { asInventory, baseMetadata } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { client, noPermission, ok, storeInventory } from '../../support/store-inventory.js';
import { oauthMetadata, rfc8414Served, without } from '../support.js';

// Catalog §3 FLOW-NO-ROPC (RFC 9700 §2.4): FAIL if `password` is in grant_types_supported (T0); PASS
// otherwise. §1.4: an absent list means authorization_code + implicit, which has no password grant.
// T2 (per store): FAIL when any enabled client, built-in ones included, has the password grant (Keycloak
// directAccessGrantsEnabled; Auth0 password-realm normalised to `password`); disabled clients do not count.
testRule(rule, [
  {
    name: 'grants without password pass',
    inventory: asInventory({}),
    expected: [{ outcome: 'pass', messageId: 'absent' }],
  },
  {
    name: 'the password grant advertised fails',
    inventory: asInventory({ metadata: { ...baseMetadata(), grant_types_supported: ['authorization_code', 'password', 'refresh_token'] } }),
    expected: [{ outcome: 'fail', messageId: 'advertised', severity: 'high' }],
  },
  {
    name: 'absent grant_types_supported defaults to authorization_code + implicit: pass',
    inventory: asInventory({ metadata: without(baseMetadata(), 'grant_types_supported') }),
    expected: [{ outcome: 'pass', messageId: 'absent', evidence: { grantTypesDefaulted: true, grantTypes: ['authorization_code', 'implicit'] } }],
  },
  {
    name: 'the password grant in RFC 8414 metadata fails',
    inventory: asInventory({ metadata: null, rfc8414Exchange: rfc8414Served({ ...oauthMetadata(), grant_types_supported: ['password', 'client_credentials'] }) }),
    expected: [{ outcome: 'fail', messageId: 'advertised' }],
  },
  {
    name: 'no discovery document: unknown (precondition)',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
  {
    name: 'T2: no enabled client has the password grant: pass',
    inventory: storeInventory({ facts: { clients: ok([client({ id: 'web' }), client({ id: 'legacy', grants: ['password'], enabled: false })]) } }),
    expected: [{ targetId: 'store', subject: 'realm customers', outcome: 'pass', messageId: 'noClientPassword', messageIncludes: ['None of the 1 enabled'] }],
  },
  {
    name: 'T2: an app client with the password grant fails',
    inventory: storeInventory({ facts: { clients: ok([client({ id: 'web' }), client({ id: 'mobile-legacy', type: 'public', grants: ['password', 'refresh_token'] })]) } }),
    expected: [{ outcome: 'fail', messageId: 'clientsPassword', severity: 'high', messageIncludes: ['1 of 2 enabled client(s)', 'mobile-legacy'], evidence: { offenders: { count: 1, ids: ['mobile-legacy'] } } }],
  },
  {
    name: 'T2: the built-in admin-cli with direct access grants fails too, and is marked built-in',
    inventory: storeInventory({ facts: { clients: ok([client({ id: 'web' }), client({ id: 'admin-cli', type: 'public', builtIn: true, grants: ['password'] })]) } }),
    expected: [{ outcome: 'fail', messageId: 'clientsPassword', messageIncludes: ['admin-cli (1 built-in)'], evidence: { builtInOffenders: ['admin-cli'] } }],
  },
  {
    name: 'T2: a store with no clients at all is N/A',
    inventory: storeInventory({ product: 'auth0', facts: { scope: { kind: 'tenant', name: 'acme' }, clients: ok([]) } }),
    expected: [{ subject: 'tenant acme', outcome: 'n/a', messageId: 'noActiveClients' }],
  },
  {
    name: 'T2: clients not readable: unknown with the reason',
    inventory: storeInventory({ product: 'auth0', facts: { clients: noPermission('read:clients') } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
  {
    name: 'T0 and T2 side by side: an Okta org with its authorization server and its apps',
    inventory: storeInventory({
      targetId: 'okta',
      product: 'okta',
      facts: { scope: { kind: 'org', name: 'acme' }, clients: ok([client({ id: 'kiosk', grants: ['password'] })]) },
      authorizationServers: [{ issuer: 'https://acme.okta.com/oauth2/default' }],
    }),
    expected: [
      { targetId: 'okta', subject: 'https://acme.okta.com/oauth2/default', outcome: 'pass', messageId: 'absent' },
      { targetId: 'okta', subject: 'org acme', outcome: 'fail', messageId: 'clientsPassword' },
    ],
  },
]);
