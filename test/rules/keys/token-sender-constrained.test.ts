import rule from '../../../rules/keys/token-sender-constrained.js';
import { asInventory, baseMetadata } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';

const meta = (members: Record<string, unknown>) => asInventory({ metadata: { ...baseMetadata(), ...members } });

// Catalog §5 TOKEN-SENDER-CONSTRAINED (RFC 9449 §5.1, §11.6; RFC 8705 §3.3): PASS if DPoP is advertised with
// asymmetric algorithms only, or tls_client_certificate_bound_access_tokens is true (§1.4 default false);
// FAIL if the DPoP list contains none or an HS* value; WARN if neither mechanism is offered.
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
]);
