import rule from '../../../rules/discovery/disc-metadata-published.js';
import { asInventory, baseMetadata, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { failedExchange, oauthMetadata, offlineInventory, rfc8414Served } from '../support.js';

const OIDC_URL = `${ISSUER}/.well-known/openid-configuration`;
const RFC8414_URL = `${ISSUER}/.well-known/oauth-authorization-server`;

// Catalog §2 DISC-METADATA-PUBLISHED: PASS if at least one well-known document is 200 + application/json
// + a JSON object (OIDC Discovery §4.1–4.2, RFC 8414 §3); FAIL if neither is; WARN if only RFC 8414 is
// served by a deployment that claims OIDC. Unknown is not fail: unanswered fetches and saved files decide nothing.
testRule(rule, [
  {
    name: 'OIDC discovery document served as a JSON object with 200 and application/json passes',
    inventory: asInventory({}),
    expected: [{ outcome: 'pass', messageId: 'published', messageIncludes: ['OpenID Connect'], evidence: { answered: 'oidc' } }],
  },
  {
    name: 'both well-known forms served passes and records both',
    inventory: asInventory({ rfc8414Exchange: rfc8414Served(baseMetadata()) }),
    expected: [{ outcome: 'pass', messageId: 'published', messageIncludes: ['OpenID Connect and RFC 8414'], evidence: { answered: 'both' } }],
  },
  {
    name: 'a plain OAuth server that serves only RFC 8414 metadata passes',
    inventory: asInventory({ metadata: null, rfc8414Exchange: rfc8414Served(oauthMetadata()) }),
    expected: [{ outcome: 'pass', messageId: 'published', messageIncludes: ['RFC 8414'], evidence: { answered: 'rfc8414' } }],
  },
  {
    name: 'only RFC 8414 metadata although the server issues ID tokens warns',
    inventory: asInventory({ metadata: null, rfc8414Exchange: rfc8414Served(baseMetadata()) }),
    expected: [{ outcome: 'warn', messageId: 'onlyRfc8414', messageIncludes: ['HTTP 404'] }],
  },
  {
    name: 'neither well-known document exists (404 on both) fails',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'fail', messageId: 'notPublished', messageIncludes: ['OIDC discovery: HTTP 404', 'RFC 8414: HTTP 404'] }],
  },
  {
    name: 'discovery JSON served as text/html fails (application/json required)',
    inventory: asInventory({ oidcExchange: { headers: { 'content-type': 'text/html; charset=utf-8' } } }),
    expected: [{ outcome: 'fail', messageId: 'notPublished', messageIncludes: ['JSON served as text/html'] }],
  },
  {
    name: 'discovery document that is a JSON array, not an object, fails',
    inventory: asInventory({ oidcExchange: { body: '["not", "an", "object"]' } }),
    expected: [{ outcome: 'fail', messageId: 'notPublished', messageIncludes: ['JSON but not an object'] }],
  },
  {
    name: 'both well-known fetches time out: unknown, not fail',
    inventory: asInventory({ oidcExchange: failedExchange(OIDC_URL), rfc8414Exchange: failedExchange(RFC8414_URL) }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['neither well-known document could be fetched'] }],
  },
  {
    name: 'server errors (503) on both documents: unknown',
    inventory: asInventory({ oidcExchange: { status: 503, body: undefined }, rfc8414Exchange: { status: 503, headers: {} } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
  {
    name: 'OIDC document 404 while the RFC 8414 fetch timed out: unknown (RFC 8414 may still be served)',
    inventory: asInventory({ metadata: null, rfc8414Exchange: failedExchange(RFC8414_URL, 'CONNECT_TIMEOUT') }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
  {
    name: 'offline: a saved discovery document that is a JSON object is unknown (status and type not seen)',
    inventory: offlineInventory(baseMetadata()),
    expected: [{ outcome: 'unknown', messageId: 'publishedOffline' }],
  },
  {
    name: 'offline: a saved discovery document that is not JSON fails',
    inventory: offlineInventory('<html>login</html>'),
    expected: [{ outcome: 'fail', messageId: 'notJsonOffline' }],
  },
]);
