import rule from '../../../rules/keys/key-kid-use-hygiene.js';
import { asInventory, jwksOf, RSA_2048 } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { ecKey, keycloakRealmJwks, okpKey, rsaKey } from '../support.js';

const RSA_B = rsaKey(2048, { kid: 'k2' });
const EC_SIG = ecKey('P-256', { kid: 'ec-sig', use: 'sig', alg: 'ES256' });
const RSA_ENC = rsaKey(2048, { kid: 'enc1', use: 'enc', alg: 'RSA-OAEP' });
const KEYCLOAK = keycloakRealmJwks();
const KEYCLOAK_KEY = KEYCLOAK.keys[0]!;

// Catalog §5 KEY-KID-USE-HYGIENE (RFC 7517 §4.2–4.7; OIDC Discovery §3; OIDC Core §10.1.1): FAIL if two
// keys share a kid with the same kty/use, or signing and encryption keys are both published but some key
// lacks `use`; WARN if a key lacks kid, or x5c's leaf key differs from the bare key members; PASS otherwise.
testRule(rule, [
  {
    name: 'distinct kids on signing keys pass',
    inventory: asInventory({ jwks: jwksOf(RSA_2048, RSA_B, EC_SIG) }),
    expected: [{ outcome: 'pass', messageId: 'clean', messageIncludes: ['All 3 keys have distinct kids'] }],
  },
  {
    name: 'the real Keycloak realm JWKS, whose x5c carries the bare key, passes',
    inventory: asInventory({ jwks: KEYCLOAK }),
    expected: [{ outcome: 'pass', messageId: 'clean', messageIncludes: ['every x5c matches its key (1 checked)'], evidence: { keys: [{ x5c: true, x5cMatches: true }] } }],
  },
  {
    name: 'two RSA signing keys sharing a kid fail',
    inventory: asInventory({ jwks: jwksOf(RSA_2048, { ...RSA_B, kid: 'k1' }) }),
    expected: [{ outcome: 'fail', messageId: 'ambiguous', messageIncludes: ['kid k1 is shared by several RSA keys with use sig'] }],
  },
  {
    name: 'a shared kid where one key states use and the other only a signing alg fails',
    inventory: asInventory({ jwks: jwksOf(RSA_2048, { kty: 'RSA', kid: 'k1', alg: 'RS256', n: RSA_B.n, e: RSA_B.e }) }),
    expected: [{ outcome: 'fail', messageId: 'ambiguous', messageIncludes: ['kid k1'] }],
  },
  {
    name: 'one kid on a signing and an encryption key (different use) passes',
    inventory: asInventory({ jwks: jwksOf(RSA_2048, { ...RSA_ENC, kid: 'k1' }) }),
    expected: [{ outcome: 'pass', messageId: 'clean' }],
  },
  {
    name: 'signing and encryption keys both published while a key lacks use fails',
    inventory: asInventory({ jwks: jwksOf({ ...RSA_B, use: undefined }, RSA_ENC) }),
    expected: [{ outcome: 'fail', messageId: 'ambiguous', messageIncludes: ['kid k2 lack "use"'] }],
  },
  {
    name: 'an unlabelled X25519 key (key agreement only) next to unlabelled signing keys fails',
    inventory: asInventory({ jwks: jwksOf({ ...EC_SIG, use: undefined }, okpKey('x25519', { kid: 'x1' })) }),
    expected: [{ outcome: 'fail', messageId: 'ambiguous', messageIncludes: ['kid ec-sig, kid x1 lack "use"'] }],
  },
  {
    name: 'a key without kid warns',
    inventory: asInventory({ jwks: jwksOf(RSA_2048, { ...RSA_B, kid: undefined }) }),
    expected: [{ outcome: 'warn', messageId: 'untidy', messageIncludes: ['1 key(s) without kid'] }],
  },
  {
    name: 'x5c whose leaf certificate carries a different key than n/e warns',
    inventory: asInventory({ jwks: jwksOf({ ...KEYCLOAK_KEY, n: RSA_2048.n }) }),
    expected: [{ outcome: 'warn', messageId: 'untidy', messageIncludes: ['x5c does not carry the bare public key'], evidence: { keys: [{ x5c: true, x5cMatches: false }] } }],
  },
  {
    name: 'an x5c that is not a certificate warns',
    inventory: asInventory({ jwks: jwksOf({ ...RSA_2048, x5c: ['bm90IGEgY2VydGlmaWNhdGU='] }) }),
    expected: [{ outcome: 'warn', messageId: 'untidy', messageIncludes: ['x5c unreadable for kid k1'] }],
  },
  {
    name: 'JWKS not fetched: unknown',
    inventory: asInventory({ jwks: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
]);
