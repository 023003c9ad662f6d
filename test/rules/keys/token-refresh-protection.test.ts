import rule from '../../../rules/keys/token-refresh-protection.js';
import type { ClientFacts } from '../../../src/model/store-facts.js';
import { asInventory } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { client, noPermission, ok, storeInventory } from '../../support/store-inventory.js';

const pub = (id: string, refreshTokens: ClientFacts['refreshTokens'], extra: Partial<ClientFacts> = {}) =>
  client({ id, type: 'public', appType: 'spa', authMethod: 'none', refreshTokens, ...extra });
const unknownRotation = { issued: true, rotation: 'unknown' as const };

// Catalog §5 TOKEN-REFRESH-PROTECTION (RFC 9700 §2.2.2, §4.14.2; OAuth 2.1 §4.3.3; FAPI 2.0 SP §5.3.2.1),
// T2 per store: every enabled public client that receives refresh tokens must have them rotated (client
// rotation, else the store's revokeRefreshToken with max reuse 0) or sender-constrained: PASS; otherwise
// FAIL. Confidential clients with sender-constrained tokens need no rotation (N/A for them). Built-in
// clients alone only warn. Rotation not reported anywhere: unknown.
testRule(rule, [
  {
    name: 'a rotating SPA and a DPoP-bound native app pass; a confidential web client is not judged',
    inventory: storeInventory({
      product: 'auth0',
      facts: {
        clients: ok([
          pub('shop-spa', { issued: true, rotation: 'rotating' }),
          pub('mobile', { issued: true, rotation: 'static' }, { appType: 'native', senderConstrained: { dpop: true } }),
          client({ id: 'web', refreshTokens: { issued: true, rotation: 'static' } }),
        ]),
      },
    }),
    expected: [{ targetId: 'store', subject: 'realm customers', outcome: 'pass', messageId: 'protected', messageIncludes: ['All 2 public', '1 rotated, 1 sender-constrained'] }],
  },
  {
    name: 'Keycloak: the realm revokes refresh tokens with max reuse 0: pass',
    inventory: storeInventory({ facts: { clients: ok([pub('shop-spa', unknownRotation)]), tokens: ok({ refreshRotation: 'rotating', refreshReuseLimit: 0 }) } }),
    expected: [{ outcome: 'pass', messageId: 'protected', evidence: { storeRotation: 'rotating', storeReuseLimit: 0 } }],
  },
  {
    name: 'Keycloak: revoked refresh tokens that may be reused once are not one-time: fail',
    inventory: storeInventory({ facts: { clients: ok([pub('shop-spa', unknownRotation)]), tokens: ok({ refreshRotation: 'rotating', refreshReuseLimit: 1 }) } }),
    expected: [{ outcome: 'fail', messageId: 'unprotected', severity: 'high', messageIncludes: ['1 of 1 public client(s)', 'shop-spa'] }],
  },
  {
    name: 'static refresh tokens on a public native app fail; the built-in one is named too',
    inventory: storeInventory({
      facts: {
        clients: ok([pub('mobile', { issued: true, rotation: 'static' }, { appType: 'native' }), pub('account-console', unknownRotation, { builtIn: true })]),
        tokens: ok({ refreshRotation: 'static' }),
      },
    }),
    expected: [{ outcome: 'fail', messageId: 'unprotected', messageIncludes: ['2 of 2', 'mobile, account-console'], evidence: { unprotected: { ids: ['mobile'] }, builtInUnprotected: { ids: ['account-console'] } } }],
  },
  {
    name: 'only a built-in public client is unprotected: warn (lenient)',
    inventory: storeInventory({ facts: { clients: ok([pub('shop-spa', { issued: true, rotation: 'rotating' }), pub('account-console', unknownRotation, { builtIn: true })]), tokens: ok({ refreshRotation: 'static' }) } }),
    expected: [{ outcome: 'warn', messageId: 'builtInUnprotected', messageIncludes: ['account-console'] }],
  },
  {
    name: 'no public client receives refresh tokens; a bound confidential one needs no rotation: N/A',
    inventory: storeInventory({ facts: { clients: ok([pub('shop-spa', { issued: false, rotation: 'unknown' }), client({ id: 'bank', senderConstrained: { mtls: true } })]) } }),
    expected: [{ outcome: 'n/a', messageId: 'noPublicRefresh', messageIncludes: ['1 confidential client(s) have sender-constrained refresh tokens'] }],
  },
  {
    name: 'the realm token policy is not readable and the client reports no rotation: unknown with the permission reason',
    inventory: storeInventory({ facts: { clients: ok([pub('shop-spa', unknownRotation)]), tokens: noPermission('view-realm') } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['refresh-token policy was not read'] }],
  },
  {
    name: 'a product that reports no rotation anywhere: unknown',
    inventory: storeInventory({ product: 'okta', facts: { clients: ok([pub('shop-spa', unknownRotation)]) } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['okta reports no refresh-token rotation for 1 public client(s): shop-spa'] }],
  },
  {
    name: 'a server without store evidence: unknown, needs a credential',
    inventory: asInventory({ issuer: 'https://acme.eu.auth0.com/' }),
    expected: [{ targetId: 'op', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['needs a read-only admin credential (T2) for auth0'] }],
  },
]);
