import rule from '../../../rules/keys/key-jwks-valid.js';
import { asInventory, baseMetadata, ISSUER, jwksOf, RSA_2048 } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { ecKey, failedExchange, offlineInventory, okpKey } from '../support.js';

const JWKS_URL = `${ISSUER}/jwks`;
const EC = ecKey('P-256', { kid: 'ec1' });
const OKP = okpKey('ed25519', { kid: 'ed1', use: 'sig' });

// Catalog §5 KEY-JWKS-VALID (RFC 7517 §4.1, §5; OIDC Discovery §3): PASS if jwks_uri answers 200 with a
// JSON object holding a non-empty `keys` array whose keys all have a recognised kty (RSA, EC, OKP); FAIL on
// an error answer, an empty set or an unparsable key. Unanswered fetches and saved files: unknown.
testRule(rule, [
  {
    name: 'RSA, EC and OKP keys served as application/json pass',
    inventory: asInventory({ jwks: jwksOf(RSA_2048, EC, OKP) }),
    expected: [{ outcome: 'pass', messageId: 'valid', messageIncludes: ['3 well-formed key(s) (EC, OKP, RSA)'] }],
  },
  {
    name: 'a JWKS served as application/jwk-set+json passes (+json suffix)',
    inventory: asInventory({ jwksExchange: { headers: { 'content-type': 'application/jwk-set+json' } } }),
    expected: [{ outcome: 'pass', messageId: 'valid' }],
  },
  {
    name: 'a well-formed JWKS served as text/plain warns at low severity',
    inventory: asInventory({ jwksExchange: { headers: { 'content-type': 'text/plain' } } }),
    expected: [{ outcome: 'warn', messageId: 'validWrongType', severity: 'low', messageIncludes: ['text/plain'] }],
  },
  {
    name: 'jwks_uri answering 404 fails',
    inventory: asInventory({ jwksExchange: { status: 404, headers: { 'content-type': 'text/html' }, body: undefined } }),
    expected: [{ outcome: 'fail', messageId: 'invalid', severity: 'critical', messageIncludes: ['HTTP 404'] }],
  },
  {
    name: 'an empty keys array fails',
    inventory: asInventory({ jwks: jwksOf() }),
    expected: [{ outcome: 'fail', messageId: 'invalid', messageIncludes: ['"keys" array is empty'] }],
  },
  {
    name: 'a key without kty fails',
    inventory: asInventory({ jwks: jwksOf(RSA_2048, { kid: 'k2', n: RSA_2048.n, e: 'AQAB' }) }),
    expected: [{ outcome: 'fail', messageId: 'invalid', messageIncludes: ['key 1 (k2): key without "kty"'] }],
  },
  {
    name: 'a key with an unrecognised kty fails',
    inventory: asInventory({ jwks: jwksOf({ kty: 'DSA', kid: 'old' }) }),
    expected: [{ outcome: 'fail', messageId: 'invalid', messageIncludes: ['unrecognised kty "DSA"'] }],
  },
  {
    name: 'a body that is not JSON fails',
    inventory: asInventory({ jwksExchange: { body: '<html>maintenance</html>' } }),
    expected: [{ outcome: 'fail', messageId: 'invalid', messageIncludes: ['not JSON'] }],
  },
  {
    name: 'a TLS failure at jwks_uri fails (clients cannot fetch either)',
    inventory: asInventory({ jwksExchange: failedExchange(JWKS_URL, 'TLS') }),
    expected: [{ outcome: 'fail', messageId: 'invalid', messageIncludes: ['TLS'] }],
  },
  {
    name: 'jwks_uri timed out: unknown (collection error)',
    inventory: asInventory({ jwksExchange: failedExchange(JWKS_URL, 'TIMEOUT') }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['TIMEOUT'] }],
  },
  {
    name: 'JWKS not fetched: unknown',
    inventory: asInventory({ jwks: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
  {
    name: 'offline: a well-formed saved JWKS is unknown (reachability not observed)',
    inventory: offlineInventory(baseMetadata(), { jwks: jwksOf(RSA_2048) }),
    expected: [{ outcome: 'unknown', messageId: 'validOffline', messageIncludes: ['1 well-formed key(s)'] }],
  },
  {
    name: 'offline: a saved JWKS with an empty set fails',
    inventory: offlineInventory(baseMetadata(), { jwks: jwksOf() }),
    expected: [{ outcome: 'fail', messageId: 'invalid' }],
  },
]);
