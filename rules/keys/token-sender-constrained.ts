import { defineRule } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer, list } from '../../src/rules-engine/subjects.js';

export default defineRule({
  meta: {
    id: 'TOKEN-SENDER-CONSTRAINED',
    title: 'Access tokens can be bound to the client that holds them',
    severity: 'medium',
    area: 'keys',
    process: 'authorization',
    tier: 'T0',
    messages: {
      bound: 'Sender-constrained access tokens are offered: {{mechanisms}}.',
      weakDpop: 'DPoP accepts symmetric or unsigned proofs ({{algs}}); proofs must be signed with an asymmetric key.',
      bearerOnly: 'Neither DPoP nor mTLS-bound access tokens are advertised: stolen tokens can be replayed.',
    },
    rationale: 'A stolen bearer token can be replayed by anyone; DPoP or mutual-TLS binding makes a token useless without the client\'s private key.',
    remediation: 'Offer DPoP (RFC 9449) with asymmetric algorithms only, or mTLS-bound tokens (RFC 8705), and require them for clients that reach sensitive APIs.',
    references: [
      { spec: 'RFC 9700', section: '2.2.1, 4.10.1' },
      { spec: 'RFC 9449', section: '5.1, 11.6' },
      { spec: 'RFC 8705', section: '3.3, 5' },
      { spec: 'FAPI 2.0 Security Profile', section: '5.3.2.1' },
    ],
  },
  check(inventory) {
    return forEachAuthorizationServer(inventory, (entry, metadata) => {
      const e = entry.as.effective;
      const dpop = e.dpopSigningAlgs ?? [];
      const weak = dpop.filter((a) => a === 'none' || /^HS\d+$/.test(a));
      const mechanisms: string[] = [];
      if (dpop.length) mechanisms.push(`DPoP (${list(dpop)})`);
      if (e.tlsClientCertificateBoundAccessTokens) mechanisms.push('mTLS-bound tokens');
      const evidence = { dpopSigningAlgs: e.dpopSigningAlgs ?? null, tlsClientCertificateBoundAccessTokens: e.tlsClientCertificateBoundAccessTokens, mtlsEndpointAliases: metadata.mtls_endpoint_aliases !== undefined };
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer, evidence };
      if (weak.length) return { ...base, outcome: 'fail', messageId: 'weakDpop', data: { algs: list(weak) } };
      if (mechanisms.length) return { ...base, outcome: 'pass', messageId: 'bound', data: { mechanisms: mechanisms.join(', ') } };
      return { ...base, outcome: 'warn', messageId: 'bearerOnly' };
    });
  },
});
