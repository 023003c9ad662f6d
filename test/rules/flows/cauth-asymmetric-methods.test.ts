import rule from '../../../rules/flows/cauth-asymmetric-methods.js';
import { asInventory, baseMetadata } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { without } from '../support.js';

const meta = (members: Record<string, unknown>) => ({ metadata: { ...baseMetadata(), ...members } });

// Catalog §4 CAUTH-ASYMMETRIC-METHODS (RFC 9700 §2.5; OIDC Discovery §3; RFC 8705 §2; FAPI 2.0 SP
// §5.3.2.1): PASS if token_endpoint_auth_methods_supported (§1.4 default client_secret_basic) contains
// private_key_jwt, tls_client_auth or self_signed_tls_client_auth; WARN if only client_secret_*; FAIL if
// any *_auth_signing_alg_values_supported contains none; INFO for the `none` method (public clients).
// Severity medium, high under the FAPI 2.0 target, where shared secrets alone fail.
testRule(rule, [
  {
    name: 'private_key_jwt offered next to client_secret_basic passes',
    inventory: asInventory({}),
    expected: [{ outcome: 'pass', messageId: 'asymmetric', severity: 'medium', messageIncludes: ['private_key_jwt'] }],
  },
  {
    name: 'tls_client_auth alone passes',
    inventory: asInventory(meta({ token_endpoint_auth_methods_supported: ['tls_client_auth'] })),
    expected: [{ outcome: 'pass', messageId: 'asymmetric', messageIncludes: ['tls_client_auth'] }],
  },
  {
    name: 'self_signed_tls_client_auth with public clients allowed passes and notes the public clients',
    inventory: asInventory(meta({ token_endpoint_auth_methods_supported: ['self_signed_tls_client_auth', 'none'] })),
    expected: [{ outcome: 'pass', messageId: 'asymmetric', messageIncludes: ['public clients (method "none") are allowed'] }],
  },
  {
    name: 'only client_secret_* methods warn',
    inventory: asInventory(meta({ token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'client_secret_jwt'] })),
    expected: [{ outcome: 'warn', messageId: 'secretsOnly', severity: 'medium', messageIncludes: ['client_secret_basic, client_secret_post, client_secret_jwt'] }],
  },
  {
    name: 'absent methods default to client_secret_basic and warn',
    inventory: asInventory({ metadata: without(baseMetadata(), 'token_endpoint_auth_methods_supported') }),
    expected: [{ outcome: 'warn', messageId: 'secretsOnly', messageIncludes: ['(client_secret_basic)'], evidence: { defaulted: true } }],
  },
  {
    name: 'only public clients (method none) is INFO, not a shared-secret warning',
    inventory: asInventory(meta({ token_endpoint_auth_methods_supported: ['none'] })),
    expected: [{ outcome: 'info', messageId: 'publicOnly' }],
  },
  {
    name: 'none among the token endpoint signing algorithms fails',
    inventory: asInventory(meta({ token_endpoint_auth_signing_alg_values_supported: ['RS256', 'none'] })),
    expected: [{ outcome: 'fail', messageId: 'noneAlg', messageIncludes: ['token endpoint'] }],
  },
  {
    name: 'none among the introspection endpoint signing algorithms fails',
    inventory: asInventory(meta({ introspection_endpoint_auth_signing_alg_values_supported: ['none'], revocation_endpoint_auth_signing_alg_values_supported: ['ES256'] })),
    expected: [{ outcome: 'fail', messageId: 'noneAlg', messageIncludes: ['introspection endpoint'] }],
  },
  {
    name: 'FAPI 2.0: shared secrets only fail at high severity',
    inventory: asInventory(meta({ token_endpoint_auth_methods_supported: ['client_secret_basic'] }), { profile: 'fapi2' }),
    expected: [{ outcome: 'fail', messageId: 'secretsOnlyFapi', severity: 'high', messageIncludes: ['client_secret_basic'] }],
  },
  {
    name: 'FAPI 2.0: public clients only fail as well',
    inventory: asInventory(meta({ token_endpoint_auth_methods_supported: ['none'] }), { profile: 'fapi2' }),
    expected: [{ outcome: 'fail', messageId: 'secretsOnlyFapi', severity: 'high' }],
  },
  {
    name: 'FAPI 2.0: private_key_jwt passes',
    inventory: asInventory({}, { profile: 'fapi2' }),
    expected: [{ outcome: 'pass', messageId: 'asymmetric' }],
  },
  {
    name: 'no discovery document: unknown (precondition)',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
]);
