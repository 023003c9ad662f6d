import { capped, forEachStoreSection, nameOffenders, noCredentialFindings, offenderEvidence, storeBase } from '../../src/rules-engine/clients.js';
import { defineRule, notObserved } from '../../src/rules-engine/define.js';

export default defineRule({
  meta: {
    id: 'FED-UPSTREAM-VALIDATION',
    title: 'The broker validates upstream tokens and assertions and uses PKCE upstream',
    severity: 'critical',
    area: 'federation',
    process: 'authentication',
    tier: 'T2',
    messages: {
      signatureOff: 'Signature validation is off for {{count}} enabled upstream identity provider(s): {{idps}}{{otherProblems}}.',
      weakUpstream: 'Upstream validation is weak for {{count}} enabled identity provider(s): {{problems}}.',
      validated: 'All {{count}} enabled OIDC/SAML identity provider(s) have their signatures validated{{pkceNote}}{{notReportedNote}}.',
      noUpstreamIdps: 'No enabled OIDC or SAML upstream identity provider is configured.',
    },
    rationale:
      'A broker that does not check the upstream signature accepts any assertion or token presented to it, so anyone can log in as any user of that provider; SAML responses travel through the browser and must be signed. PKCE protects the broker\'s own authorization code from injection.',
    remediation:
      'Turn signature validation on for every OIDC and SAML identity provider (Keycloak "Validate Signatures" with the provider\'s JWKS URL or certificate; Okta: a trusted certificate for SAML and the JWKS endpoint for OIDC); require signed SAML assertions ("Want Assertions signed"); enable PKCE with S256 for OIDC providers ("Use PKCE", method S256).',
    references: [
      { spec: 'OpenID Connect Core 1.0', section: '3.1.3.7' },
      { spec: 'RFC 9700', section: '2.1.1' },
    ],
  },
  check(inventory) {
    const stores = forEachStoreSection(inventory, (s) => s.identityProviders, (entry, idps) => {
      const base = storeBase(entry);
      const inScope = idps.filter((i) => i.enabled && (i.protocol === 'oidc' || i.protocol === 'saml'));
      if (inScope.length === 0) return { ...base, outcome: 'n/a', messageId: 'noUpstreamIdps', evidence: { identityProviders: idps.length, oidcOrSaml: 0 } };
      const signatureOff = inScope.filter((i) => i.validateSignature === false);
      // Vendor-managed social integrations (Okta's Google, Facebook ...) expose no signature switch: named, not blocking.
      const signatureUnreported = inScope.filter((i) => i.validateSignature === undefined && i.category !== 'social').map((i) => i.alias);
      const socialUnreported = inScope.filter((i) => i.validateSignature === undefined && i.category === 'social').map((i) => i.alias);
      const weak: string[] = [];
      const weakIdps = new Set<string>();
      const pkceUnreported: string[] = [];
      for (const i of inScope) {
        if (i.protocol === 'oidc') {
          if (!i.pkce) pkceUnreported.push(i.alias);
          else if (!i.pkce.enabled || i.pkce.method !== 'S256') {
            weak.push(`${i.alias}: PKCE ${i.pkce.enabled ? `method ${i.pkce.method ?? 'unset'}` : 'off'}`);
            weakIdps.add(i.alias);
          }
        } else if (i.wantAssertionsSigned === false) {
          weak.push(`${i.alias}: SAML assertions need not be signed`);
          weakIdps.add(i.alias);
        }
      }
      const evidence = {
        oidcOrSaml: inScope.length,
        signatureOff: capped(signatureOff.map((i) => ({ alias: i.alias, protocol: i.protocol }))),
        weak: offenderEvidence(weak),
        signatureNotReported: offenderEvidence([...signatureUnreported, ...socialUnreported]),
        pkceNotReported: offenderEvidence(pkceUnreported),
        assertionsEncrypted: inScope.filter((i) => i.protocol === 'saml' && i.wantAssertionsEncrypted === true).length,
      };
      if (signatureOff.length) {
        // SAML responses pass through the browser: unsigned, they are forgeable (critical). For OIDC, Core
        // §3.1.3.7 item 6 lets a client that receives the ID token straight from the token endpoint rely on
        // TLS instead of the signature; the broker still accepts upstream tokens from other paths (token
        // exchange, logout tokens), so it remains a failure, at high severity.
        const severity = signatureOff.some((i) => i.protocol === 'saml') ? ('critical' as const) : ('high' as const);
        const idpsText = nameOffenders(signatureOff.map((i) => `${i.alias} (${i.protocol.toUpperCase()})`));
        return { ...base, outcome: 'fail', severity, messageId: 'signatureOff', data: { count: signatureOff.length, idps: idpsText, otherProblems: weak.length ? `; also ${nameOffenders(weak)}` : '' }, evidence };
      }
      if (weak.length) return { ...base, outcome: 'warn', severity: 'medium', messageId: 'weakUpstream', data: { count: weakIdps.size, problems: nameOffenders(weak) }, evidence };
      if (signatureUnreported.length || socialUnreported.length === inScope.length) {
        const unreported = signatureUnreported.length ? signatureUnreported : socialUnreported;
        return {
          ...notObserved(base.targetId, base.subject, { kind: 'not-observed', detail: `${entry.product} did not report whether signatures are validated for ${nameOffenders(unreported)}` }),
          evidence,
        };
      }
      const oidc = inScope.filter((i) => i.protocol === 'oidc').length;
      const pkceNote = oidc > pkceUnreported.length ? `, and the OIDC ones use PKCE with S256` : '';
      const notReported = [socialUnreported.length ? `signature validation of social providers ${nameOffenders(socialUnreported)}` : '', pkceUnreported.length ? `PKCE of ${nameOffenders(pkceUnreported)}` : '']
        .filter(Boolean)
        .join('; ');
      return {
        ...base,
        outcome: 'pass',
        messageId: 'validated',
        data: { count: inScope.length - socialUnreported.length, pkceNote, notReportedNote: notReported ? ` (not reported: ${notReported})` : '' },
        evidence,
      };
    });
    return [...noCredentialFindings(inventory), ...stores];
  },
});
