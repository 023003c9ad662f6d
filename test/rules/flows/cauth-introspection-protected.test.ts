import rule from '../../../rules/flows/cauth-introspection-protected.js';
import type { RawExchange } from '../../../connectors/oidc/raw.js';
import { asInventory, baseMetadata, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { failedExchange, page } from '../support.js';

const INTROSPECT = `${ISSUER}/introspect`;
const metadata = { ...baseMetadata(), introspection_endpoint: INTROSPECT };
const probe = (exchange: RawExchange) => asInventory({ metadata, exchanges: { introspection: exchange } });
const answered = (status: number, headers: Record<string, string> = {}) => probe(page(INTROSPECT, headers, status, 'POST'));

// Catalog §4 CAUTH-INTROSPECTION-PROTECTED (RFC 7662 §2.1, §4), T1 probe: PASS on 401 or 400
// (invalid_client / invalid_request); FAIL on 200, whatever the body (even {"active":false}). Other answers
// and a probe that was not run decide nothing: unknown. No introspection endpoint: N/A.
testRule(rule, [
  {
    name: 'an anonymous probe answered 401 passes',
    inventory: answered(401, { 'www-authenticate': 'Basic realm="introspection"' }),
    expected: [{ outcome: 'pass', messageId: 'protected', messageIncludes: ['HTTP 401'], evidence: { status: 401, wwwAuthenticate: 'Basic realm="introspection"' } }],
  },
  {
    name: 'an anonymous probe answered 400 (invalid_client) passes',
    inventory: answered(400, { 'content-type': 'application/json' }),
    expected: [{ outcome: 'pass', messageId: 'protected', messageIncludes: ['HTTP 400'] }],
  },
  {
    name: 'an anonymous probe answered 403 passes',
    inventory: answered(403),
    expected: [{ outcome: 'pass', messageId: 'protected', messageIncludes: ['HTTP 403'] }],
  },
  {
    name: 'an anonymous probe answered 200 ({"active":false}) fails: tokens can be scanned',
    inventory: answered(200, { 'content-type': 'application/json' }),
    expected: [{ outcome: 'fail', messageId: 'open', severity: 'medium', evidence: { status: 200 } }],
  },
  {
    name: 'a 404 from the advertised endpoint decides nothing: unknown',
    inventory: answered(404),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['HTTP 404'] }],
  },
  {
    name: 'the probe failed in transport: unknown (collection error)',
    inventory: probe(failedExchange(INTROSPECT, 'CONNECTION_REFUSED', 'POST')),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
  {
    name: 'T1 probes off: unknown',
    inventory: asInventory({ metadata, skipped: { introspection: { kind: 'not-observed', detail: 'T1 probes are off for this target' } } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['T1 probes are off'] }],
  },
  {
    name: 'no introspection endpoint advertised: N/A',
    inventory: asInventory({}),
    expected: [{ outcome: 'n/a', messageId: 'noEndpoint' }],
  },
  {
    name: 'no discovery document: unknown (precondition)',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
]);
