import rule from '../../../rules/flows/flow-pkce-enforced-per-client.js';
import { asInventory } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { client, noPermission, ok, storeInventory } from '../../support/store-inventory.js';

const spa = (id: string, pkce: { required: boolean | 'unknown'; method?: 'S256' | 'plain' } = { required: false }, extra = {}) =>
  client({ id, type: 'public', appType: 'spa', authMethod: 'none', pkce, ...extra });
const web = (id: string, pkce: { required: boolean | 'unknown'; method?: 'S256' | 'plain' } = { required: true, method: 'S256' }) => client({ id, appType: 'web', pkce });
const machine = client({ id: 'batch', grants: ['client_credentials'], serviceAccount: true, pkce: { required: false } });

// Catalog §3 FLOW-PKCE-ENFORCED-PER-CLIENT (RFC 9700 §2.1.1, §4.8): T2 per store over enabled clients that use
// the code flow. FAIL (high) if a public client lacks enforced S256; WARN (medium) if a confidential (or
// unclassified) one does; PASS otherwise. Auth0 has no per-client switch: unknown. Built-in clients only warn.
// A server scanned without any store credential: unknown "needs a read-only admin credential".
testRule(rule, [
  {
    name: 'every code-flow client enforces S256 (a machine client without PKCE does not count): pass',
    inventory: storeInventory({ facts: { clients: ok([web('shop'), spa('shop-spa', { required: true, method: 'S256' }), machine]) } }),
    expected: [{ targetId: 'store', subject: 'realm customers', outcome: 'pass', messageId: 'enforced', messageIncludes: ['all 2 enabled'] }],
  },
  {
    name: 'a public SPA without PKCE fails (high) and a confidential one lacking it is counted too',
    inventory: storeInventory({ facts: { clients: ok([spa('shop-spa'), web('loyalty', { required: false }), web('shop')]) } }),
    expected: [
      {
        outcome: 'fail',
        messageId: 'publicWithout',
        severity: 'high',
        messageIncludes: ['1 public client(s)', 'shop-spa (not required)', '1 other client(s) lack it too'],
        evidence: { publicWithout: { ids: ['shop-spa'] }, otherWithout: { ids: ['loyalty'] } },
      },
    ],
  },
  {
    name: 'a public client that enforces the plain method fails: only S256 counts',
    inventory: storeInventory({ facts: { clients: ok([spa('mobile', { required: true, method: 'plain' }, { appType: 'native' })]) } }),
    expected: [{ outcome: 'fail', messageId: 'publicWithout', messageIncludes: ['mobile (plain)'] }],
  },
  {
    name: 'a confidential client without PKCE warns at medium severity',
    inventory: storeInventory({ facts: { clients: ok([web('shop'), web('loyalty', { required: false })]) } }),
    expected: [{ outcome: 'warn', messageId: 'confidentialWithout', severity: 'medium', messageIncludes: ['loyalty (not required)'] }],
  },
  {
    name: 'an unclassified Okta app (no auth method) and a built-in public client without PKCE only warn',
    inventory: storeInventory({ product: 'okta', facts: { clients: ok([client({ id: 'legacy-app', type: 'unknown', pkce: { required: false } }), spa('account-console', { required: false }, { builtIn: true })]) } }),
    expected: [{ outcome: 'warn', messageId: 'confidentialWithout', messageIncludes: ['2 confidential or unclassified', 'legacy-app', 'account-console'] }],
  },
  {
    name: 'Auth0 has no per-client PKCE switch: unknown, naming the clients',
    inventory: storeInventory({ product: 'auth0', facts: { scope: { kind: 'tenant', name: 'acme' }, clients: ok([spa('shop-spa', { required: 'unknown' }), web('shop', { required: 'unknown' })]) } }),
    expected: [{ subject: 'tenant acme', outcome: 'unknown', messageId: 'notReported', messageIncludes: ['auth0 has no per-client PKCE switch for 2 client(s)', 'shop-spa, shop'] }],
  },
  {
    name: 'no enabled client uses the code flow: N/A',
    inventory: storeInventory({ facts: { clients: ok([machine, spa('old-spa', { required: false }, { enabled: false })]) } }),
    expected: [{ outcome: 'n/a', messageId: 'noCodeFlowClients' }],
  },
  {
    name: 'clients not readable: unknown with the missing permission',
    inventory: storeInventory({ facts: { clients: noPermission('view-clients') } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['403'] }],
  },
  {
    name: 'a server scanned at T0 only: unknown, needs a read-only admin credential',
    inventory: asInventory({ issuer: 'https://id.example.com/realms/customers' }),
    expected: [{ targetId: 'op', subject: 'https://id.example.com/realms/customers', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['needs a read-only admin credential (T2) for keycloak'] }],
  },
  {
    name: 'several stores, and a server covered by one of them (its issuer) gets no credential finding',
    inventory: storeInventory(
      [
        { targetId: 'kc-shop', facts: { issuers: ok(['https://login.example.com']), clients: ok([web('shop')]) } },
        { targetId: 'kc-b2b', facts: { clients: ok([spa('partner-spa')]) } },
      ],
      { extra: asInventory({ targetId: 'op' }).snapshots },
    ),
    expected: [
      { targetId: 'kc-b2b', outcome: 'fail', messageId: 'publicWithout' },
      { targetId: 'kc-shop', outcome: 'pass', messageId: 'enforced' },
    ],
  },
]);
