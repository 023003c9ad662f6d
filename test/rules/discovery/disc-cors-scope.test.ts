import rule from '../../../rules/discovery/disc-cors-scope.js';
import type { AsScenario } from '../../support/oidc-inventory.js';
import { asInventory, baseMetadata, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { failedExchange, oauthMetadata, offlineInventory, page, rfc8414Served } from '../support.js';

const PROBE_ORIGIN = 'https://cors-probe.invalid';
const JSON_CORS = { 'content-type': 'application/json', 'access-control-allow-origin': '*' };

function scenario(options: { get?: Record<string, string>; preflight?: Record<string, string>; discovery?: Record<string, string>; jwks?: Record<string, string> } = {}): AsScenario {
  return {
    oidcExchange: { headers: options.discovery ?? JSON_CORS },
    jwksExchange: { headers: options.jwks ?? JSON_CORS },
    exchanges: {
      authorizationEndpoint: page(`${ISSUER}/authorize`, { 'content-type': 'text/html', ...(options.get ?? {}) }, 400),
      authorizationPreflight: page(`${ISSUER}/authorize`, options.preflight ?? {}, 204, 'OPTIONS'),
    },
  };
}

// Catalog §2 DISC-CORS-SCOPE (RFC 9700 §2.6, FAPI 2.0 SP §5.2.3, OIDC Discovery §3): FAIL if the
// authorization endpoint (GET or preflight) returns any Access-Control-Allow-Origin; WARN if the
// discovery document or the JWKS send none. Unknown when the authorization endpoint was not probed.
testRule(rule, [
  {
    name: 'no CORS at the authorization endpoint, CORS on discovery and JWKS passes',
    inventory: asInventory(scenario()),
    expected: [{ outcome: 'pass', messageId: 'scoped', evidence: { authorizationEndpointGet: null, discovery: '*', jwks: '*' } }],
  },
  {
    name: 'the authorization endpoint echoing the probe Origin fails',
    inventory: asInventory(scenario({ get: { 'access-control-allow-origin': PROBE_ORIGIN, 'access-control-allow-credentials': 'true' } })),
    expected: [{ outcome: 'fail', messageId: 'authorizationCors', messageIncludes: [`GET: ${PROBE_ORIGIN}`] }],
  },
  {
    name: 'a wildcard on the authorization endpoint preflight fails',
    inventory: asInventory(scenario({ preflight: { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, POST' } })),
    expected: [{ outcome: 'fail', messageId: 'authorizationCors', messageIncludes: ['preflight: *'] }],
  },
  {
    name: 'a discovery document without CORS warns',
    inventory: asInventory(scenario({ discovery: { 'content-type': 'application/json' } })),
    expected: [{ outcome: 'warn', messageId: 'metadataNoCors', messageIncludes: ['the discovery document'] }],
  },
  {
    name: 'neither discovery nor JWKS sending CORS warns for both',
    inventory: asInventory(scenario({ discovery: { 'content-type': 'application/json' }, jwks: { 'content-type': 'application/json' } })),
    expected: [{ outcome: 'warn', messageId: 'metadataNoCors', messageIncludes: ['the discovery document, the JWKS'] }],
  },
  {
    name: 'a plain OAuth server: CORS is read from the RFC 8414 document',
    inventory: asInventory({
      metadata: null,
      rfc8414Exchange: rfc8414Served(oauthMetadata(), { 'access-control-allow-origin': '*' }),
      exchanges: { authorizationEndpoint: page(`${ISSUER}/authorize`, {}, 400), authorizationPreflight: page(`${ISSUER}/authorize`, {}, 204, 'OPTIONS') },
    }),
    expected: [{ outcome: 'pass', messageId: 'scoped' }],
  },
  {
    name: 'authorization endpoint not probed: unknown',
    inventory: asInventory({ metadata: baseMetadata() }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
  {
    name: 'both CORS probes failed in transport: unknown (collection error)',
    inventory: asInventory({
      exchanges: { authorizationEndpoint: failedExchange(`${ISSUER}/authorize`), authorizationPreflight: failedExchange(`${ISSUER}/authorize`, 'CONNECTION_REFUSED', 'OPTIONS') },
    }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['did not answer the CORS probes'] }],
  },
  {
    name: 'offline evaluation: unknown',
    inventory: offlineInventory(baseMetadata()),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['offline'] }],
  },
  {
    name: 'no discovery document: unknown (precondition)',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['DISC-METADATA-PUBLISHED'] }],
  },
]);
