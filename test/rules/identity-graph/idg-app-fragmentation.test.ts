import rule from '../../../rules/identity-graph/idg-app-fragmentation.js';
import type { ClientFacts, IdentityProviderFacts } from '../../../src/model/store-facts.js';
import { asInventory } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { client, idp, noPermission, ok } from '../../support/store-inventory.js';
import { graphOf, NOT_BUILT, scan, store } from '../graph-support.js';

const SHOP_ISSUER = 'https://login.shop.example/realms/shop';
const AUTH0_ISSUER = 'https://acme.eu.auth0.com/';
const web = (id: string, ...redirectUris: string[]) => client({ id, redirectUris });
const kc = (clients: ClientFacts[], extra: Record<string, unknown> = {}) => ({ targetId: 'kc-shop', facts: { scope: { kind: 'realm' as const, name: 'shop' }, issuers: ok([SHOP_ISSUER]), clients: ok(clients), ...extra } });
const auth0 = (clients: ClientFacts[], extra: Record<string, unknown> = {}) => ({ targetId: 'auth0', product: 'auth0', facts: { scope: { kind: 'tenant' as const, name: 'acme' }, issuers: ok([AUTH0_ISSUER]), clients: ok(clients), ...extra } });
const brokerOfAuth0: IdentityProviderFacts = idp({ alias: 'legacy-acme', upstreamIssuer: AUTH0_ISSUER });
const SHOP_APP = 'https://shop.example.com/callback';

// Catalog §11b IDG-APP-FRAGMENTATION (facts only): enabled, non-built-in clients of every store grouped by
// redirect-URI host (loopback, custom schemes, wildcard hosts and relative URIs ignored); WARN when one app
// host is registered in two or more stores that are not federated (graph federation edge, or a store
// brokering the other's issuer), INFO otherwise; unknown when no store's clients were read.
testRule(rule, [
  {
    name: 'the shop app registered in two unfederated stores: warn',
    inventory: scan({ stores: [kc([web('shop-web', SHOP_APP)]), auth0([web('shop-spa', 'https://shop.example.com/silent'), web('blog', 'https://blog.example.com/cb')])] }),
    graph: NOT_BUILT,
    expected: [
      {
        targetId: '*',
        subject: 'customer-facing apps',
        outcome: 'warn',
        messageId: 'fragmented',
        severity: 'medium',
        messageIncludes: ['1 app host(s)', 'shop.example.com (auth0, kc-shop)'],
        evidence: { appHosts: 2, multiStoreHosts: [{ host: 'shop.example.com', stores: ['auth0', 'kc-shop'], clients: ['auth0:shop-spa', 'kc-shop:shop-web'], federated: false }] },
      },
    ],
  },
  {
    name: 'the same app host in both stores, but the shop realm brokers the Auth0 tenant: info (one platform)',
    inventory: scan({ stores: [kc([web('shop-web', SHOP_APP)], { identityProviders: ok([brokerOfAuth0]) }), auth0([web('shop-spa', SHOP_APP)])] }),
    graph: NOT_BUILT,
    expected: [{ targetId: '*', outcome: 'info', messageId: 'onePlatform', messageIncludes: ['1 app host(s) across 2 identity store(s)', 'go through federated stores (shop.example.com (auth0, kc-shop))'], evidence: { multiStoreHosts: [{ federated: true }] } }],
  },
  {
    name: 'federation seen only as an identity-graph edge (providers not readable): info',
    inventory: scan({ stores: [kc([web('shop-web', SHOP_APP)], { identityProviders: noPermission('view-identity-providers') }), auth0([web('shop-spa', SHOP_APP)])] }),
    graph: graphOf([store('auth0', 800), store('kc-shop', 1000)], { overlaps: [{ targetA: 'auth0', targetB: 'kc-shop', shared: 600, edges: [{ kind: 'federation', from: 'kc-shop', detail: 'identity provider legacy brokers auth0' }] }] }),
    expected: [{ targetId: '*', outcome: 'info', messageId: 'onePlatform' }],
  },
  {
    name: 'the graph compared the stores and found no federation edge (providers not readable): warn',
    inventory: scan({ stores: [kc([web('shop-web', SHOP_APP)], { identityProviders: noPermission('view-identity-providers') }), auth0([web('shop-spa', SHOP_APP)])] }),
    graph: graphOf([store('auth0', 800), store('kc-shop', 1000)], { overlaps: [{ targetA: 'auth0', targetB: 'kc-shop', shared: 600, edges: [] }] }),
    expected: [{ targetId: '*', outcome: 'warn', messageId: 'fragmented' }],
  },
  {
    name: 'providers not readable and no graph: whether the stores are federated is unknown',
    inventory: scan({ stores: [kc([web('shop-web', SHOP_APP)], { identityProviders: noPermission('view-identity-providers') }), auth0([web('shop-spa', SHOP_APP)])] }),
    graph: NOT_BUILT,
    expected: [{ targetId: '*', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['shop.example.com (auth0, kc-shop) are registered in several stores', 'not observed'] }],
  },
  {
    name: 'loopback, custom-scheme, wildcard and relative redirects, built-in and disabled clients do not make an app: info',
    inventory: scan({
      stores: [
        kc([
          web('native', 'http://127.0.0.1:8400/cb', 'com.example.shop:/oauth2redirect'),
          client({ id: 'account-console', builtIn: true, redirectUris: [SHOP_APP] }),
          web('legacy', '/realms/shop/account/*', 'https://*.example.com/cb'),
          web('shop-web', SHOP_APP),
        ]),
        auth0([web('cli', 'http://localhost:3000/callback', 'com.example.shop:/oauth2redirect'), client({ id: 'old-shop', enabled: false, redirectUris: [SHOP_APP] })]),
      ],
    }),
    graph: NOT_BUILT,
    expected: [{ targetId: '*', outcome: 'info', messageId: 'onePlatform', messageIncludes: ['1 app host(s) across 2 identity store(s)'], evidence: { appHosts: 1, multiStoreHostCount: 0, clientsConsidered: 4 } }],
  },
  {
    name: 'one store\'s clients not readable, and an issuer without a store credential: info (partial)',
    inventory: scan({ stores: [kc([web('shop-web', SHOP_APP)]), { targetId: 'auth0', product: 'auth0', facts: { clients: noPermission('read:clients') } }], extra: asInventory({ targetId: 'op' }).snapshots }),
    graph: NOT_BUILT,
    expected: [{ targetId: '*', outcome: 'info', messageId: 'partial', messageIncludes: ['the 1 store(s) whose clients were read', 'realm customers (auth0), https://login.example.com'], evidence: { notRead: ['realm customers (auth0)', 'https://login.example.com'] } }],
  },
  {
    name: 'no store\'s clients readable: unknown',
    inventory: scan({ stores: [{ targetId: 'kc', facts: { clients: noPermission('view-clients') } }] }),
    graph: NOT_BUILT,
    expected: [{ targetId: '*', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['the clients were not read for realm customers (kc) (access denied (HTTP 403))'] }],
  },
]);
