import rule from '../../../rules/keys/key-jwks-public-only.js';
import { asInventory, baseMetadata, jwksOf, RSA_2048 } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { ecKey, leakedPrivateJwk, octKey, offlineInventory, okpKey } from '../support.js';

// Private keys below are generated during the run, on purpose, to show the leak; nothing is stored.
const RSA_PRIVATE = leakedPrivateJwk('rsa', { kid: 'rsa-leak', use: 'sig' });
const EC_PRIVATE = leakedPrivateJwk('ec', { kid: 'ec-leak', use: 'sig' });
const ED_PRIVATE = leakedPrivateJwk('ed25519', { kid: 'ed-leak' });

// Catalog §5 KEY-JWKS-PUBLIC-ONLY (OIDC Discovery §3; RFC 7518 §6.2.2, §6.3.2, §6.4): FAIL if any JWK has
// d, p, q, dp, dq, qi, oth, k, or kty "oct"; PASS otherwise. Only member names are kept as evidence.
testRule(rule, [
  {
    name: 'public RSA, EC and OKP keys pass',
    inventory: asInventory({ jwks: jwksOf(RSA_2048, ecKey('P-256', { kid: 'ec1' }), okpKey('ed25519', { kid: 'ed1' })) }),
    expected: [{ outcome: 'pass', messageId: 'publicOnly', messageIncludes: ['All 3 published keys'] }],
  },
  {
    name: 'an RSA key with its private members fails and names them',
    inventory: asInventory({ jwks: jwksOf(RSA_2048, RSA_PRIVATE) }),
    expected: [{ outcome: 'fail', messageId: 'leaked', severity: 'critical', messageIncludes: ['kid rsa-leak (d, p, q, dp, dq, qi)'], evidence: { leaked: [{ key: 'kid rsa-leak', kty: 'RSA', members: ['d', 'p', 'q', 'dp', 'dq', 'qi'] }] } }],
  },
  {
    name: 'an EC key with d fails',
    inventory: asInventory({ jwks: jwksOf(EC_PRIVATE) }),
    expected: [{ outcome: 'fail', messageId: 'leaked', messageIncludes: ['kid ec-leak (d)'] }],
  },
  {
    name: 'an Ed25519 key with d fails',
    inventory: asInventory({ jwks: jwksOf(RSA_2048, ED_PRIVATE) }),
    expected: [{ outcome: 'fail', messageId: 'leaked', messageIncludes: ['kid ed-leak (d)'] }],
  },
  {
    name: 'a symmetric (oct) key fails',
    inventory: asInventory({ jwks: jwksOf(RSA_2048, octKey({ kid: 'hmac' })) }),
    expected: [{ outcome: 'fail', messageId: 'leaked', messageIncludes: ['kid hmac (symmetric)'] }],
  },
  {
    name: 'evidence never carries the secret values',
    inventory: asInventory({ jwks: jwksOf(octKey({ kid: 'secret-only' })) }),
    expected: [{ outcome: 'fail', messageId: 'leaked', evidence: { leaked: [{ key: 'kid secret-only', kty: 'oct', members: ['k'] }] } }],
  },
  {
    name: 'offline: a saved JWKS with a private key fails (content is observed)',
    inventory: offlineInventory(baseMetadata(), { jwks: jwksOf(RSA_PRIVATE) }),
    expected: [{ outcome: 'fail', messageId: 'leaked' }],
  },
  {
    name: 'JWKS not fetched: unknown',
    inventory: asInventory({ jwks: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
  {
    name: 'an empty key set: unknown (KEY-JWKS-VALID reports it)',
    inventory: asInventory({ jwks: jwksOf() }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['KEY-JWKS-VALID'] }],
  },
]);
