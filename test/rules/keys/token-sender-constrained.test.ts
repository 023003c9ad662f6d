import rule from '../../../rules/keys/token-sender-constrained.js';
import { asInventory, baseMetadata } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { client, notRead, ok, storeInventory } from '../../support/store-inventory.js';

const dpop = (id: string) => client({ id, senderConstrained: { dpop: true } });
const mtls = (id: string) => client({ id, senderConstrained: { mtls: true } });
const bearer = (id: string) => client({ id });
const builtIn = client({ id: 'account-console', type: 'public', builtIn: true });

const meta = (members: Record<string, unknown>) => asInventory({ metadata: { ...baseMetadata(), ...members } });

// Catalog §5 TOKEN-SENDER-CONSTRAINED (RFC 9449 §5.1, §11.6; RFC 8705 §3.3): PASS if DPoP is advertised with
// asymmetric algorithms only, or tls_client_certificate_bound_access_tokens is true (§1.4 default false);
// FAIL if the DPoP list contains none or an HS* value; WARN if neither mechanism is offered.
// T2 (per store, enabled non-built-in clients): PASS when clients get DPoP- or mTLS-bound tokens (all or
// some), WARN when none does; under FAPI 2.0 any bearer client fails (high).
testRule(rule, [
  {
    name: 'DPoP with ES256 and PS256 passes',
    inventory: meta({ dpop_signing_alg_values_supported: ['ES256', 'PS256'] }),
    expected: [{ outcome: 'pass', messageId: 'bound', messageIncludes: ['DPoP (ES256, PS256)'] }],
  },
  {
    name: 'mTLS-bound access tokens pass',
    inventory: meta({ tls_client_certificate_bound_access_tokens: true, mtls_endpoint_aliases: { token_endpoint: 'https://mtls.login.example.com/token' } }),
    expected: [{ outcome: 'pass', messageId: 'bound', messageIncludes: ['mTLS-bound tokens'], evidence: { mtlsEndpointAliases: true } }],
  },
  {
    name: 'both mechanisms are listed',
    inventory: meta({ dpop_signing_alg_values_supported: ['EdDSA'], tls_client_certificate_bound_access_tokens: true }),
    expected: [{ outcome: 'pass', messageId: 'bound', messageIncludes: ['DPoP (EdDSA), mTLS-bound tokens'] }],
  },
  {
    name: 'DPoP accepting HS256 proofs fails',
    inventory: meta({ dpop_signing_alg_values_supported: ['ES256', 'HS256'] }),
    expected: [{ outcome: 'fail', messageId: 'weakDpop', messageIncludes: ['(HS256)'] }],
  },
  {
    name: 'DPoP accepting none fails even with mTLS binding on',
    inventory: meta({ dpop_signing_alg_values_supported: ['none', 'RS256'], tls_client_certificate_bound_access_tokens: true }),
    expected: [{ outcome: 'fail', messageId: 'weakDpop', messageIncludes: ['(none)'] }],
  },
  {
    name: 'neither mechanism advertised (mTLS flag absent, default false) warns',
    inventory: asInventory({}),
    expected: [{ outcome: 'warn', messageId: 'bearerOnly', evidence: { dpopSigningAlgs: null, tlsClientCertificateBoundAccessTokens: false } }],
  },
  {
    name: 'mTLS aliases without the binding flag are not binding: warn',
    inventory: meta({ tls_client_certificate_bound_access_tokens: false, mtls_endpoint_aliases: { token_endpoint: 'https://mtls.login.example.com/token' } }),
    expected: [{ outcome: 'warn', messageId: 'bearerOnly' }],
  },
  {
    name: 'no discovery document: unknown (precondition)',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
  {
    name: 'T2: every application client gets bound tokens (a built-in bearer client does not count): pass',
    inventory: storeInventory({ facts: { clients: ok([dpop('shop'), mtls('bank-api'), builtIn]) } }),
    expected: [{ targetId: 'store', subject: 'realm customers', outcome: 'pass', messageId: 'clientsBound', messageIncludes: ['All 2', 'DPoP: 1, mTLS: 1'] }],
  },
  {
    name: 'T2: some clients bound: pass, with the share and the bearer clients named',
    inventory: storeInventory({ facts: { clients: ok([dpop('shop'), bearer('loyalty'), bearer('blog')]) } }),
    expected: [{ outcome: 'pass', messageId: 'clientsPartlyBound', messageIncludes: ['1 of 3 (33 %)', 'loyalty, blog'], evidence: { bearer: { count: 2 } } }],
  },
  {
    name: 'T2 under FAPI 2.0: a bearer client fails at high severity',
    inventory: storeInventory({ facts: { clients: ok([dpop('shop'), bearer('loyalty')]) } }, { profile: 'fapi2' }),
    expected: [{ outcome: 'fail', messageId: 'clientsPartlyBound', severity: 'high' }],
  },
  {
    name: 'T0 and T2 side by side: the server offers no binding and no client uses it: both warn',
    inventory: storeInventory({ targetId: 'kc', facts: { clients: ok([bearer('shop'), bearer('loyalty')]) } }, { extra: asInventory({}).snapshots }),
    expected: [
      { targetId: 'kc', outcome: 'warn', messageId: 'clientsBearer', messageIncludes: ['None of the 2'] },
      { targetId: 'op', outcome: 'warn', messageId: 'bearerOnly' },
    ],
  },
  {
    name: 'T2: only built-in clients: N/A',
    inventory: storeInventory({ facts: { clients: ok([builtIn]) } }),
    expected: [{ outcome: 'n/a', messageId: 'noActiveClients' }],
  },
  {
    name: 'T2: clients could not be read: unknown with the collection error',
    inventory: storeInventory({ facts: { clients: notRead() } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['TIMEOUT'] }],
  },
]);
