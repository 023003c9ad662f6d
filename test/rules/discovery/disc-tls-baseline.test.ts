import rule from '../../../rules/discovery/disc-tls-baseline.js';
import type { AsScenario } from '../../support/oidc-inventory.js';
import { asInventory, baseMetadata, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, ok, storeInventory } from '../../support/store-inventory.js';
import { offlineInventory, page, tlsHost } from '../support.js';

const HSTS_TWO_YEARS = { 'strict-transport-security': 'max-age=63072000; includeSubDomains' };

/** A hardened deployment: legacy TLS refused, valid certificate, HSTS on both pages, port 80 redirects. */
function scenario(overrides: Partial<AsScenario> = {}, pageHeaders: Record<string, string> = HSTS_TWO_YEARS): AsScenario {
  return {
    tls: [tlsHost()],
    plainHttp: { behaviour: 'redirects-to-https', status: 301, location: `${ISSUER}/` },
    exchanges: {
      authorizationEndpoint: page(`${ISSUER}/authorize`, pageHeaders, 400),
      endSessionEndpoint: page(`${ISSUER}/logout`, HSTS_TWO_YEARS),
    },
    ...overrides,
  };
}

// Catalog §2 DISC-TLS-BASELINE (FAPI 2.0 SP §5.2.1, §5.2.3; RFC 9325 §3.1.1; RFC 8996; RFC 6797):
// FAIL if TLS 1.0/1.1 is accepted or the certificate is invalid (untrusted, wrong host, expired).
// WARN if HSTS is missing on the browser-facing pages or max-age < 1 year, the certificate expires in
// < 14 days, or port 80 serves content. Unknown when the TLS probe did not run.
// T2 (per store): Keycloak realm sslRequired "none" fails; "all" passes; "external" passes with a note.
testRule(rule, [
  {
    name: 'TLS 1.2+, a valid certificate, two-year HSTS and a port-80 redirect pass',
    inventory: asInventory(scenario()),
    expected: [{ outcome: 'pass', messageId: 'baseline', messageIncludes: ['login.example.com:443'] }],
  },
  {
    name: 'a host that accepts TLS 1.0 fails',
    inventory: asInventory(scenario({ tls: [tlsHost({ accepted: ['TLSv1', 'TLSv1.2', 'TLSv1.3'] })] })),
    expected: [{ outcome: 'fail', messageId: 'broken', messageIncludes: ['accepts TLSv1'] }],
  },
  {
    name: 'a second host (token endpoint) that accepts TLS 1.1 fails',
    inventory: asInventory(scenario({ tls: [tlsHost(), tlsHost({ host: 'api.example.com', accepted: ['TLSv1.1', 'TLSv1.2'] })] })),
    expected: [{ outcome: 'fail', messageId: 'broken', messageIncludes: ['api.example.com:443 accepts TLSv1.1'] }],
  },
  {
    name: 'a certificate that does not chain to a trusted root fails',
    inventory: asInventory(scenario({ tls: [tlsHost({ certificate: { trusted: false, trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT' } })] })),
    expected: [{ outcome: 'fail', messageId: 'broken', messageIncludes: ['not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)'] }],
  },
  {
    name: 'a certificate for another host name fails',
    inventory: asInventory(scenario({ tls: [tlsHost({ certificate: { hostnameMatch: false, subject: 'CN=other.example.net' } })] })),
    expected: [{ outcome: 'fail', messageId: 'broken', messageIncludes: ['does not match the host name'] }],
  },
  {
    name: 'an expired certificate fails',
    inventory: asInventory(scenario({ tls: [tlsHost({ certificate: { daysToExpiry: -3, validTo: '2026-05-29T00:00:00.000Z' } })] })),
    expected: [{ outcome: 'fail', messageId: 'broken', messageIncludes: ['expired 3 days ago'] }],
  },
  {
    name: 'a certificate that expires in 10 days warns',
    inventory: asInventory(scenario({ tls: [tlsHost({ certificate: { daysToExpiry: 10, validTo: '2026-06-11T00:00:00.000Z' } })] })),
    expected: [{ outcome: 'warn', messageId: 'weak', messageIncludes: ['expires in 10 days'] }],
  },
  {
    name: 'no Strict-Transport-Security on the login page warns',
    inventory: asInventory(scenario({}, { 'content-type': 'text/html' })),
    expected: [{ outcome: 'warn', messageId: 'weak', messageIncludes: ['no HSTS on authorization_endpoint'] }],
  },
  {
    name: 'HSTS max-age of one day (below one year) warns',
    inventory: asInventory(scenario({}, { 'strict-transport-security': 'max-age=86400' })),
    expected: [{ outcome: 'warn', messageId: 'weak', messageIncludes: ['HSTS max-age 86400 s on authorization_endpoint'] }],
  },
  {
    name: 'port 80 serving content instead of redirecting warns',
    inventory: asInventory(scenario({ plainHttp: { behaviour: 'serves-content', status: 200 } })),
    expected: [{ outcome: 'warn', messageId: 'weak', messageIncludes: ['port 80 serves content (status 200)'] }],
  },
  {
    name: 'legacy TLS versions this runtime cannot offer: unknown, not a pass',
    inventory: asInventory(scenario({ tls: [tlsHost({ untestable: ['TLSv1', 'TLSv1.1'] })] })),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['TLSv1'] }],
  },
  {
    name: 'a host that refused every connection says nothing about TLS: unknown, not fail',
    inventory: asInventory(scenario({ tls: [tlsHost(), tlsHost({ host: 'api.example.com', accepted: [], certificate: null, error: 'ECONNREFUSED' })] })),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['api.example.com:443 (ECONNREFUSED)'] }],
  },
  {
    name: 'a host that answers but completes no handshake at any version fails',
    inventory: asInventory(scenario({ tls: [tlsHost({ accepted: [], certificate: null, error: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE' })] })),
    expected: [{ outcome: 'fail', messageId: 'broken', messageIncludes: ['no TLS handshake succeeded'] }],
  },
  {
    name: 'TLS probe not run: unknown',
    inventory: asInventory({ metadata: baseMetadata() }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
  {
    name: 'offline evaluation: unknown (no TLS evidence exists)',
    inventory: offlineInventory(baseMetadata()),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['offline'] }],
  },
  {
    name: 'T2: three realms: sslRequired none fails, all passes, external passes with a note',
    inventory: storeInventory([
      { targetId: 'kc-dev', facts: { transportSecurity: ok({ sslRequired: 'none' }) } },
      { targetId: 'kc-prod', facts: { transportSecurity: ok({ sslRequired: 'all' }) } },
      { targetId: 'kc-shop', facts: { transportSecurity: ok({ sslRequired: 'external' }) } },
    ]),
    expected: [
      { targetId: 'kc-dev', subject: 'realm customers', outcome: 'fail', messageId: 'sslRequiredNone', severity: 'high', evidence: { sslRequired: 'none' } },
      { targetId: 'kc-prod', outcome: 'pass', messageId: 'sslRequiredAll' },
      { targetId: 'kc-shop', outcome: 'pass', messageId: 'sslRequiredExternal', messageIncludes: ['private and loopback addresses may use plain http'] },
    ],
  },
  {
    name: 'T2: an sslRequired value the connector did not recognise (other): unknown',
    inventory: storeInventory({ facts: { transportSecurity: ok({ sslRequired: 'other' }) } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['none of all, external or none'], evidence: { sslRequired: 'other' } }],
  },
  {
    name: 'T0 and T2 side by side: the server passes, the realm settings are not readable',
    inventory: storeInventory({ targetId: 'kc', facts: { transportSecurity: noPermission('view-realm') } }, { extra: asInventory(scenario()).snapshots }),
    expected: [
      { targetId: 'kc', outcome: 'unknown', messageId: 'notObserved' },
      { targetId: 'op', outcome: 'pass', messageId: 'baseline' },
    ],
  },
]);
