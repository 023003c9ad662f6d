import rule from '../../../rules/session/sess-post-logout-redirect.js';
import type { ClientFacts } from '../../../src/model/store-facts.js';
import { asInventory } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { client, noPermission, ok, storeInventory } from '../../support/store-inventory.js';

const app = (id: string, postLogoutRedirectUris: ClientFacts['postLogoutRedirectUris'], extra: Partial<ClientFacts> = {}) => client({ id, postLogoutRedirectUris, ...extra });
const many = (n: number) => Array.from({ length: n }, (_, i) => `https://shop.example.com/logged-out/${i}`);

// Catalog §6 SESS-POST-LOGOUT-REDIRECT (RP-Initiated Logout §2, §3; RFC 9700 §4.11), T2 per store over
// enabled clients with post-logout redirect URIs: FAIL on wildcards or http on non-loopback hosts (high for a
// URI that matches anything); WARN on custom schemes and on lists longer than maxUris (default 10); Keycloak
// "+" (same-as-redirect) inherits the redirect URIs and their verdict (FLOW-REDIRECT-URI-HYGIENE).
testRule(rule, [
  {
    name: 'exact https and loopback URIs pass; "+" with exact redirect URIs passes too',
    inventory: storeInventory({
      facts: { clients: ok([app('shop', ['https://shop.example.com/bye']), app('cli', ['http://127.0.0.1:8400/bye'], { type: 'public' }), app('loyalty', 'same-as-redirect')]) },
    }),
    expected: [{ targetId: 'store', subject: 'realm customers', outcome: 'pass', messageId: 'exact', messageIncludes: ['All 3 post-logout redirect URI(s) of 3 client(s)', '1 client(s) reuse their redirect URIs'] }],
  },
  {
    name: 'a wildcard path and plain http on a public host fail at medium severity',
    inventory: storeInventory({ facts: { clients: ok([app('shop', ['https://shop.example.com/*']), app('legacy', ['http://legacy.example.com/bye'])]) } }),
    expected: [{ outcome: 'fail', messageId: 'unsafe', severity: 'medium', messageIncludes: ['2 of 2', 'wildcard in the path', 'plain http on a non-loopback host'] }],
  },
  {
    name: 'a post-logout URI that matches anything fails at high severity (open redirector)',
    inventory: storeInventory({ facts: { clients: ok([app('test-app', ['*'])]) } }),
    expected: [{ outcome: 'fail', messageId: 'unsafe', severity: 'high', messageIncludes: ['test-app (*: matches any URL)'] }],
  },
  {
    name: '"+" inherits wildcard redirect URIs: fail, marked as inherited',
    inventory: storeInventory({ facts: { clients: ok([app('shop', 'same-as-redirect', { redirectUris: ['https://*.shop.example.com/cb'] })]) } }),
    expected: [{ outcome: 'fail', messageId: 'unsafe', messageIncludes: ['[inherited from the redirect URIs]'], evidence: { inheritedFromRedirect: ['shop'] } }],
  },
  {
    name: 'twelve exact URIs on one client is a very broad list: warn',
    inventory: storeInventory({ facts: { clients: ok([app('shop', many(12))]) } }),
    expected: [{ outcome: 'warn', messageId: 'weak', messageIncludes: ['more than 10 URIs on one client', 'shop (12 URIs)'] }],
  },
  {
    name: 'with maxUris 20 the same twelve URIs pass',
    inventory: storeInventory({ facts: { clients: ok([app('shop', many(12))]) } }),
    options: { maxUris: 20 },
    expected: [{ outcome: 'pass', messageId: 'exact' }],
  },
  {
    name: 'a custom scheme of a native app warns',
    inventory: storeInventory({ facts: { clients: ok([app('mobile', ['com.example.shop:/logout'], { type: 'public', appType: 'native' })]) } }),
    expected: [{ outcome: 'warn', messageId: 'weak', messageIncludes: ['custom URI scheme'] }],
  },
  {
    name: 'no enabled client registers a post-logout URI (a disabled one with a wildcard does not count): N/A',
    inventory: storeInventory({ facts: { clients: ok([app('shop', undefined), app('blog', []), app('old', ['*'], { enabled: false })]) } }),
    expected: [{ outcome: 'n/a', messageId: 'noPostLogoutUris' }],
  },
  {
    name: 'clients not readable, next to a server without any store credential: both unknown',
    inventory: storeInventory({ targetId: 'kc', facts: { clients: noPermission('view-clients') } }, { extra: asInventory({ targetId: 'op' }).snapshots }),
    expected: [
      { targetId: 'kc', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['403'] },
      { targetId: 'op', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['needs a read-only admin credential'] },
    ],
  },
]);
