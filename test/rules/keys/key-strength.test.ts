import rule from '../../../rules/keys/key-strength.js';
import { asInventory, baseMetadata, jwksOf, RSA_2048 } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { ecKey, offlineInventory, okpKey, rsaKey, withLeadingZeroOctet } from '../support.js';

const RSA_1024 = rsaKey(1024, { kid: 'short' });
const RSA_3072 = rsaKey(3072, { kid: 'long' });

// Catalog §5 KEY-STRENGTH (RFC 7518 §3.3, §3.4, §3.5; FAPI 2.0 SP §5.4.1): FAIL if an RSA modulus is below
// 2048 bits or an EC curve is not P-256/P-384/P-521; PASS for Ed25519; WARN for RSA 2048 when the
// operator's policy target is 3072 or more. The size is the bit length of the minimal integer.
testRule(rule, [
  {
    name: 'a 2048-bit RSA key passes',
    inventory: asInventory({}),
    expected: [{ outcome: 'pass', messageId: 'adequate', messageIncludes: ['RSA 2048'] }],
  },
  {
    name: 'a 1024-bit RSA key fails',
    inventory: asInventory({ jwks: jwksOf(RSA_2048, RSA_1024) }),
    expected: [{ outcome: 'fail', messageId: 'weak', severity: 'high', messageIncludes: ['kid short: RSA 1024 bits'] }],
  },
  {
    name: 'a 1024-bit modulus with a leading zero octet is still 1024 bits and fails',
    inventory: asInventory({ jwks: jwksOf({ ...RSA_1024, kid: 'padded', n: withLeadingZeroOctet(RSA_1024.n as string) }) }),
    expected: [{ outcome: 'fail', messageId: 'weak', messageIncludes: ['kid padded: RSA 1024 bits'] }],
  },
  {
    name: 'a 2048-bit modulus with a leading zero octet counts 2048 bits, not 2056',
    inventory: asInventory({ jwks: jwksOf({ ...RSA_2048, n: withLeadingZeroOctet(RSA_2048.n) }) }),
    expected: [{ outcome: 'pass', messageId: 'adequate', messageIncludes: ['RSA 2048'] }],
  },
  {
    name: 'RSA 2048 under an operator policy of 3072 bits warns',
    inventory: asInventory({ jwks: jwksOf(RSA_2048, RSA_3072) }),
    options: { policyRsaBits: 3072 },
    expected: [{ outcome: 'warn', messageId: 'belowPolicy', messageIncludes: ['3072-bit RSA', 'kid k1: RSA 2048 bits'] }],
  },
  {
    name: 'RSA 3072 under an operator policy of 3072 bits passes',
    inventory: asInventory({ jwks: jwksOf(RSA_3072) }),
    options: { policyRsaBits: 3072 },
    expected: [{ outcome: 'pass', messageId: 'adequate', messageIncludes: ['RSA 3072'] }],
  },
  {
    name: 'P-256 and Ed25519 keys pass',
    inventory: asInventory({ jwks: jwksOf(ecKey('P-256', { kid: 'ec' }), okpKey('ed25519', { kid: 'ed' })) }),
    expected: [{ outcome: 'pass', messageId: 'adequate', messageIncludes: ['EC P-256, OKP Ed25519'] }],
  },
  {
    name: 'P-384 and P-521 keys pass',
    inventory: asInventory({ jwks: jwksOf(ecKey('P-384', { kid: 'p384' }), ecKey('P-521', { kid: 'p521' })) }),
    expected: [{ outcome: 'pass', messageId: 'adequate', messageIncludes: ['EC P-384, EC P-521'] }],
  },
  {
    name: 'a secp256k1 key (not an approved JOSE signing curve for this check) fails',
    inventory: asInventory({ jwks: jwksOf(RSA_2048, ecKey('secp256k1', { kid: 'k256' })) }),
    expected: [{ outcome: 'fail', messageId: 'weak', messageIncludes: ['kid k256: EC curve secp256k1'] }],
  },
  {
    name: 'an EC key without a curve fails',
    inventory: asInventory({ jwks: jwksOf({ kty: 'EC', kid: 'nocurve', x: 'AA', y: 'AA' }) }),
    expected: [{ outcome: 'fail', messageId: 'weak', messageIncludes: ['EC curve (none)'] }],
  },
  {
    name: 'offline: a saved JWKS with a short key fails (content is observed)',
    inventory: offlineInventory(baseMetadata(), { jwks: jwksOf(RSA_1024) }),
    expected: [{ outcome: 'fail', messageId: 'weak' }],
  },
  {
    name: 'JWKS not fetched: unknown',
    inventory: asInventory({ jwks: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
]);
