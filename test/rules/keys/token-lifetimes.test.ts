import rule from '../../../rules/keys/token-lifetimes.js';
import type { TokenPolicyFacts } from '../../../src/model/store-facts.js';
import { asInventory } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { client, noPermission, ok, storeInventory } from '../../support/store-inventory.js';

const POLICY: TokenPolicyFacts = { accessTokenSeconds: 300, authorizationCodeSeconds: 60, refreshAbsoluteSeconds: 36_000, refreshIdleSeconds: 1800 };
const realm = (tokens: Partial<TokenPolicyFacts>, clients = [client({ id: 'shop' }), client({ id: 'batch', grants: ['client_credentials'] })]) =>
  storeInventory({ facts: { tokens: ok({ ...POLICY, ...tokens }), clients: ok(clients) } });

// Catalog §5 TOKEN-LIFETIMES (RFC 9700 §4.14.2; OAuth 2.1 §7.1; FAPI 2.0 SP §5.3.2.1, §6), T2 per store:
// WARN when an access-token lifetime (store default or client override) exceeds maxAccessTokenSeconds
// (3600), or authorization codes live > 60 s; FAIL when refresh tokens received by an enabled client
// neither expire nor idle-expire (both null). Unreported access or refresh lifetimes: unknown.
testRule(rule, [
  {
    name: 'five-minute access tokens, one-minute codes, expiring refresh tokens: pass',
    inventory: realm({}),
    expected: [{ targetId: 'store', subject: 'realm customers', outcome: 'pass', messageId: 'withinLimits', messageIncludes: ['at most 300 s (limit 3600 s)', 'refresh tokens of all 1 client(s)', 'authorization codes 60 s'] }],
  },
  {
    name: 'two-hour store tokens, a one-day client override and ten-minute codes warn',
    inventory: realm({ accessTokenSeconds: 7200, authorizationCodeSeconds: 600 }, [client({ id: 'shop', lifetimes: { accessTokenSeconds: 86_400 } })]),
    expected: [
      {
        outcome: 'warn',
        messageId: 'tooLong',
        severity: 'medium',
        messageIncludes: ['store access tokens live 7200 s', 'shop: 86400 s', 'authorization codes live 600 s'],
        evidence: { longestAccessTokenSeconds: 86_400, longAccessClients: ['shop'] },
      },
    ],
  },
  {
    name: 'with maxAccessTokenSeconds 7200, two-hour access tokens pass',
    inventory: realm({ accessTokenSeconds: 7200 }),
    options: { maxAccessTokenSeconds: 7200 },
    expected: [{ outcome: 'pass', messageId: 'withinLimits', messageIncludes: ['limit 7200 s'] }],
  },
  {
    name: 'a client whose refresh tokens never expire (Auth0 infinite lifetimes) fails; other problems are appended',
    inventory: realm({ authorizationCodeSeconds: 120 }, [client({ id: 'mobile', type: 'public', lifetimes: { refreshAbsoluteSeconds: null, refreshIdleSeconds: null } }), client({ id: 'shop' })]),
    expected: [{ outcome: 'fail', messageId: 'refreshNeverExpires', messageIncludes: ['1 client(s): mobile', 'also authorization codes live 120 s'], evidence: { refreshNeverExpires: ['mobile'] } }],
  },
  {
    name: 'a store policy whose refresh tokens never expire fails when clients were not read',
    inventory: storeInventory({ facts: { tokens: ok({ ...POLICY, refreshAbsoluteSeconds: null, refreshIdleSeconds: null }), clients: noPermission('view-clients') } }),
    expected: [{ outcome: 'fail', messageId: 'refreshNeverExpires', messageIncludes: ['the store policy'] }],
  },
  {
    name: 'a never-expiring store policy while no enabled client receives refresh tokens: pass, nothing to expire',
    inventory: realm({ refreshAbsoluteSeconds: null, refreshIdleSeconds: null }, [client({ id: 'batch', grants: ['client_credentials'] })]),
    expected: [{ outcome: 'pass', messageId: 'withinLimits', messageIncludes: ['no enabled client receives refresh tokens'] }],
  },
  {
    name: 'an unreported code lifetime is named but does not block the pass (Okta)',
    inventory: storeInventory({ product: 'okta', facts: { tokens: ok({ accessTokenSeconds: 3600, refreshIdleSeconds: 604_800, refreshAbsoluteSeconds: null }), clients: ok([client({ id: 'shop' })]) } }),
    expected: [{ outcome: 'pass', messageId: 'withinLimits', messageIncludes: ['the authorization-code lifetime was not reported'], evidence: { notReported: ['authorization-code lifetime'] } }],
  },
  {
    name: 'the token policy is not readable and no client carries its own lifetimes: unknown with the reason',
    inventory: storeInventory({ facts: { tokens: noPermission('view-realm'), clients: ok([client({ id: 'shop' })]) } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['the access-token lifetime and refresh-token lifetime of 1 client(s) could not be read: access denied (HTTP 403)'] }],
  },
  {
    name: 'a Keycloak server scanned at T0 only next to a store of another product: unknown for the server',
    inventory: storeInventory({ targetId: 'auth0', product: 'auth0', facts: { scope: { kind: 'tenant', name: 'acme' }, tokens: ok(POLICY) } }, { extra: asInventory({ targetId: 'kc', issuer: 'https://id.example.com/realms/customers' }).snapshots }),
    expected: [
      { targetId: 'auth0', subject: 'tenant acme', outcome: 'pass', messageId: 'withinLimits', messageIncludes: ['the store\'s refresh tokens expire'] },
      { targetId: 'kc', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['for keycloak'] },
    ],
  },
]);
