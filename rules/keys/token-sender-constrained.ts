import { activeClients, forEachStoreSection, isSenderConstrained, nameOffenders, offenderEvidence, share, storeBase } from '../../src/rules-engine/clients.js';
import { defineRule, type Finding } from '../../src/rules-engine/define.js';
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
      clientsBound: 'All {{count}} enabled application client(s) get sender-constrained access tokens ({{mechanisms}}).',
      clientsPartlyBound: 'Sender-constrained access tokens are used by {{share}} enabled application client(s) ({{mechanisms}}); bearer tokens for {{clients}}.',
      clientsBearer: 'None of the {{count}} enabled application client(s) gets sender-constrained access tokens: stolen tokens can be replayed.',
      noActiveClients: 'The store has no enabled application client.',
    },
    rationale: 'A stolen bearer token can be replayed by anyone; DPoP or mutual-TLS binding makes a token useless without the client\'s private key.',
    remediation:
      'Offer DPoP (RFC 9449) with asymmetric algorithms only, or mTLS-bound tokens (RFC 8705), and require them for clients that reach sensitive APIs (Keycloak client settings "OAuth 2.0 Mutual TLS Certificate Bound Access Tokens Enabled" or "Require DPoP bound tokens"; Okta application `dpop_bound_access_tokens: true`); under FAPI 2.0 require them for every client.',
    references: [
      { spec: 'RFC 9700', section: '2.2.1, 4.10.1' },
      { spec: 'RFC 9449', section: '5.1, 11.6' },
      { spec: 'RFC 8705', section: '3.3, 5' },
      { spec: 'FAPI 2.0 Security Profile', section: '5.3.2.1' },
    ],
  },
  check(inventory) {
    const fapi = inventory.settings.profile === 'fapi2';
    const servers: Finding[] = forEachAuthorizationServer(inventory, (entry, metadata) => {
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
    // T2: which enabled, non-built-in clients get bound tokens (Keycloak `tls.client.certificate.bound.access.tokens`,
    // `dpop.bound.access.tokens`; Okta `dpop_bound_access_tokens`). Connectors set `senderConstrained` when binding
    // is on, so an absent value reads as bearer tokens. Under FAPI 2.0 every client must be bound (high).
    const stores = forEachStoreSection(inventory, (s) => s.clients, (entry, clients) => {
      const base = storeBase(entry);
      const apps = activeClients(clients).filter((c) => c.builtIn !== true);
      if (apps.length === 0) return { ...base, outcome: 'n/a', messageId: 'noActiveClients', evidence: { clients: clients.length, applications: 0 } };
      const bound = apps.filter(isSenderConstrained);
      const bearer = apps.filter((c) => !isSenderConstrained(c)).map((c) => c.id);
      const dpop = bound.filter((c) => c.senderConstrained?.dpop === true).length;
      const mtls = bound.filter((c) => c.senderConstrained?.mtls === true).length;
      const mechanisms = [dpop ? `DPoP: ${dpop}` : '', mtls ? `mTLS: ${mtls}` : ''].filter(Boolean).join(', ');
      const evidence = { applications: apps.length, dpop, mtls, bearer: offenderEvidence(bearer), profile: inventory.settings.profile };
      const fapiFail = fapi ? { outcome: 'fail' as const, severity: 'high' as const } : undefined;
      if (bearer.length === 0) return { ...base, outcome: 'pass', messageId: 'clientsBound', data: { count: apps.length, mechanisms }, evidence };
      if (bound.length === 0) return { ...base, outcome: 'warn', ...fapiFail, messageId: 'clientsBearer', data: { count: apps.length }, evidence };
      return { ...base, outcome: 'pass', ...fapiFail, messageId: 'clientsPartlyBound', data: { share: share(bound.length, apps.length), mechanisms, clients: nameOffenders(bearer) }, evidence };
    });
    return [...servers, ...stores];
  },
});
