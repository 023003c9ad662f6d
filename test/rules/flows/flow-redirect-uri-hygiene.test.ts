import rule from '../../../rules/flows/flow-redirect-uri-hygiene.js';
import type { RawExchange } from '../../../connectors/oidc/raw.js';
import { asInventory, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { client, noPermission, ok, storeInventory } from '../../support/store-inventory.js';
import { failedExchange, page } from '../support.js';

const PROBE_URL = `${ISSUER}/authorize?client_id=ciamscan-probe-0011223344556677&redirect_uri=https%3A%2F%2Fredirect-probe.invalid%2Fcb&response_type=code`;
const probed = (exchange: RawExchange) => asInventory({ exchanges: { redirectUri: exchange } });
const answered = (status: number, headers: Record<string, string> = {}) => probed(page(PROBE_URL, headers, status));
const withUris = (id: string, redirectUris: string[], extra = {}) => client({ id, redirectUris, ...extra });

// Catalog §3 FLOW-REDIRECT-URI-HYGIENE (RFC 9700 §2.1, §2.6, §4.1.3; RFC 6749 §4.1.2.1; RFC 8252 §7.3).
// T1 (per server): the authorization request with a random client_id and redirect_uri
// https://redirect-probe.invalid/cb FAILS when redirected there, PASSES on an error page (4xx, or 200
// without such a redirect), unknown when not probed. T2 (per store, enabled clients with a front-channel
// grant): FAIL on `*`, `/*`, `https://*` (critical), wildcards in host or path, http on non-loopback hosts;
// WARN on custom schemes; built-in clients' vendor wildcard paths only warn.
testRule(rule, [
  {
    name: 'T1: the server redirects the invalid request to the unregistered URI: fail',
    inventory: answered(302, { location: 'https://redirect-probe.invalid/cb?error=unauthorized_client' }),
    expected: [{ targetId: 'op', subject: ISSUER, outcome: 'fail', messageId: 'probeRedirected', severity: 'high', evidence: { status: 302, locationHost: 'redirect-probe.invalid' } }],
  },
  {
    name: 'T1: an error page (HTTP 400) passes',
    inventory: answered(400, { 'content-type': 'text/html' }),
    expected: [{ outcome: 'pass', messageId: 'probeRefused', messageIncludes: ['HTTP 400'] }],
  },
  {
    name: 'T1: a redirect to the server\'s own error page (relative Location) passes',
    inventory: answered(302, { location: '/error?code=invalid_client' }),
    expected: [{ outcome: 'pass', messageId: 'probeRedirectedElsewhere', messageIncludes: ['login.example.com'] }],
  },
  {
    name: 'T1: probe off for this target: unknown with the reason',
    inventory: asInventory({ skipped: { redirectUri: { kind: 'not-observed', detail: 'T1 probes are off for this target' } } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['T1 probes are off'] }],
  },
  {
    name: 'T1: the probe got no answer: unknown (collection error)',
    inventory: probed(failedExchange(PROBE_URL)),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
  {
    name: 'T2: exact https and loopback URIs (any port on loopback) pass; a client without a front-channel grant is not judged',
    inventory: storeInventory({
      facts: {
        clients: ok([
          withUris('shop', ['https://shop.example.com/callback']),
          withUris('cli', ['http://127.0.0.1:8400/cb', 'http://[::1]/cb', 'http://localhost:*/cb'], { type: 'public', appType: 'native' }),
          withUris('batch', ['*'], { grants: ['client_credentials'], serviceAccount: true }),
        ]),
      },
    }),
    expected: [{ targetId: 'store', subject: 'realm customers', outcome: 'pass', messageId: 'urisExact', messageIncludes: ['All 4 redirect URI(s) of the 2 enabled client(s)'] }],
  },
  {
    name: 'T2: a bare wildcard redirect URI fails at critical severity',
    inventory: storeInventory({ facts: { clients: ok([withUris('shop', ['https://shop.example.com/callback']), withUris('test-app', ['*'])]) } }),
    expected: [{ outcome: 'fail', messageId: 'urisUnsafe', severity: 'critical', messageIncludes: ['test-app (*: matches any URL)'], evidence: { globalWildcards: ['test-app'] } }],
  },
  {
    name: 'T2: wildcard host (Auth0 *.), trailing /* path (Keycloak) and http on a public host fail at high severity',
    inventory: storeInventory({
      facts: {
        clients: ok([
          withUris('tenant-app', ['https://*.shop.example.com/callback']),
          withUris('loyalty', ['https://loyalty.example.com/*']),
          withUris('legacy', ['http://legacy.example.com/cb', 'https://legacy.example.com/cb']),
        ]),
      },
    }),
    expected: [
      {
        outcome: 'fail',
        messageId: 'urisUnsafe',
        severity: 'high',
        messageIncludes: ['3 of 3 client(s)', 'wildcard in the host', 'wildcard in the path', 'plain http on a non-loopback host', 'legacy (http://legacy.example.com/cb'],
        evidence: { failing: 3, offenders: [{ client: 'tenant-app' }, { client: 'loyalty' }, { client: 'legacy', uris: [{ uri: 'http://legacy.example.com/cb', problems: ['http'] }] }] },
      },
    ],
  },
  {
    name: 'T2: a custom scheme of a native app and a built-in client\'s relative wildcard path warn',
    inventory: storeInventory({
      facts: {
        clients: ok([
          withUris('mobile', ['com.example.shop:/oauth2redirect'], { type: 'public', appType: 'native' }),
          withUris('account-console', ['/realms/customers/account/*'], { type: 'public', builtIn: true }),
        ]),
      },
    }),
    expected: [{ outcome: 'warn', messageId: 'urisWeak', messageIncludes: ['2 of 2', 'custom URI scheme', 'wildcard in the path'] }],
  },
  {
    name: 'T2: no client uses the authorization endpoint: N/A',
    inventory: storeInventory({ facts: { clients: ok([withUris('batch', [], { grants: ['client_credentials'], serviceAccount: true })]) } }),
    expected: [{ outcome: 'n/a', messageId: 'noRedirectClients' }],
  },
  {
    name: 'T1 and T2 side by side: the server refuses the probe, one realm fails, another\'s clients are not readable',
    inventory: storeInventory(
      [
        { targetId: 'kc-a', facts: { clients: ok([withUris('spa', ['javascript:alert(1)'], { type: 'public' })]) } },
        { targetId: 'kc-b', facts: { clients: noPermission('view-clients') } },
      ],
      { extra: answered(400).snapshots },
    ),
    expected: [
      { targetId: 'kc-a', outcome: 'fail', messageId: 'urisUnsafe', messageIncludes: ['script or local scheme'] },
      { targetId: 'kc-b', outcome: 'unknown', messageId: 'notObserved' },
      { targetId: 'op', outcome: 'pass', messageId: 'probeRefused' },
    ],
  },
]);
