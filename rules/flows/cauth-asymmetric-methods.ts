import { defineRule } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer, list } from '../../src/rules-engine/subjects.js';

const ASYMMETRIC = ['private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth'];

export default defineRule({
  meta: {
    id: 'CAUTH-ASYMMETRIC-METHODS',
    title: 'Asymmetric client authentication is offered and no endpoint accepts unsigned client assertions',
    severity: 'medium',
    area: 'flows',
    process: 'authorization',
    tier: 'T0',
    messages: {
      asymmetric: 'Asymmetric client authentication is offered ({{methods}}){{publicNote}}.',
      secretsOnly: 'Only shared-secret client authentication is offered ({{methods}}){{publicNote}}.',
      secretsOnlyFapi: 'FAPI 2.0 requires private_key_jwt or mutual TLS, and only {{methods}} is offered.',
      noneAlg: 'Client assertions signed with "none" are accepted: {{where}}.',
      publicOnly: 'Only public clients are supported (token endpoint auth method {{methods}}): no client authentication is offered, shared or asymmetric.',
    },
    rationale:
      'Shared client secrets leak and must be stored server-side in every client; private_key_jwt and mutual TLS keep the private key with the client. An endpoint that accepts alg "none" assertions accepts forged client authentication.',
    remediation:
      'Offer private_key_jwt (and/or tls_client_auth) and move confidential clients to it; never list "none" in any *_auth_signing_alg_values_supported.',
    references: [
      { spec: 'RFC 9700', section: '2.5' },
      { spec: 'OpenID Connect Core 1.0', section: '9' },
      { spec: 'OpenID Connect Discovery 1.0', section: '3' },
      { spec: 'RFC 8414', section: '2' },
      { spec: 'RFC 8705', section: '2' },
      { spec: 'FAPI 2.0 Security Profile', section: '5.3.2.1' },
    ],
  },
  check(inventory) {
    const fapi = inventory.settings.profile === 'fapi2';
    return forEachAuthorizationServer(inventory, (entry) => {
      const e = entry.as.effective;
      const noneAlg = [
        ['token endpoint', e.tokenEndpointAuthSigningAlgs],
        ['revocation endpoint', e.revocationEndpointAuthSigningAlgs],
        ['introspection endpoint', e.introspectionEndpointAuthSigningAlgs],
      ].filter(([, algs]) => (algs as string[]).includes('none')).map(([where]) => where as string);
      const methods = e.tokenEndpointAuthMethods;
      const asymmetric = methods.filter((m) => ASYMMETRIC.includes(m));
      const publicNote = methods.includes('none') ? '; public clients (method "none") are allowed' : '';
      const evidence = {
        tokenEndpointAuthMethods: methods,
        defaulted: e.defaulted.includes('token_endpoint_auth_methods_supported'),
        noneSigningAlgOn: noneAlg,
      };
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer, evidence };
      if (noneAlg.length) return { ...base, outcome: 'fail', severity: 'high', messageId: 'noneAlg', data: { where: list(noneAlg) } };
      if (asymmetric.length) return { ...base, outcome: 'pass', messageId: 'asymmetric', data: { methods: list(asymmetric), publicNote } };
      if (fapi) return { ...base, outcome: 'fail', severity: 'high', messageId: 'secretsOnlyFapi', data: { methods: list(methods) } };
      // Catalog: WARN only when client_secret_* methods are all there is; `none` alone (public clients) is INFO.
      if (methods.includes('none') && !methods.some((m) => m.startsWith('client_secret_'))) {
        return { ...base, outcome: 'info', messageId: 'publicOnly', data: { methods: list(methods) } };
      }
      return { ...base, outcome: 'warn', messageId: 'secretsOnly', data: { methods: list(methods), publicNote } };
    });
  },
});
