import rule from '../../../rules/federation/fed-upstream-validation.js';
import type { IdentityProviderFacts } from '../../../src/model/store-facts.js';
import { asInventory } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { idp, noPermission, ok, storeInventory } from '../../support/store-inventory.js';

const oidc = (alias: string, extra: Partial<IdentityProviderFacts> = {}) => idp({ alias, provider: 'keycloak-oidc', ...extra });
const saml = (alias: string, extra: Partial<IdentityProviderFacts> = {}) => {
  const i = idp({ alias, provider: 'saml', protocol: 'saml', wantAssertionsSigned: true, ...extra });
  delete i.pkce;
  return i;
};
const googleOkta = (() => {
  const i = idp({ alias: 'google', provider: 'google', category: 'social' });
  delete i.validateSignature;
  return i;
})();

// Catalog §7 FED-UPSTREAM-VALIDATION (OIDC Core §3.1.3.7; RFC 9700 §2.1.1), T2 per store over enabled OIDC
// and SAML identity providers: FAIL when signature validation is off (critical for SAML; high for OIDC,
// see the rule); WARN (medium) for OIDC without PKCE S256 or SAML assertions that need not be signed.
// Signature validation not reported: unknown, except vendor-managed social integrations, which are named.
testRule(rule, [
  {
    name: 'validated OIDC with PKCE S256 and signed SAML pass; OAuth 2.0 and disabled providers are not judged',
    inventory: storeInventory({
      facts: {
        identityProviders: ok([
          oidc('corp-oidc'),
          saml('partner-saml'),
          idp({ alias: 'github', provider: 'github', protocol: 'oauth2', category: 'social', validateSignature: false }),
          saml('old-saml', { enabled: false, validateSignature: false }),
        ]),
      },
    }),
    expected: [{ targetId: 'store', subject: 'realm customers', outcome: 'pass', messageId: 'validated', messageIncludes: ['All 2 enabled', 'OIDC ones use PKCE with S256'] }],
  },
  {
    name: 'a SAML provider without signature validation fails at critical severity',
    inventory: storeInventory({ facts: { identityProviders: ok([oidc('corp-oidc'), saml('partner-saml', { validateSignature: false })]) } }),
    expected: [{ outcome: 'fail', messageId: 'signatureOff', severity: 'critical', messageIncludes: ['partner-saml (SAML)'], evidence: { signatureOff: [{ alias: 'partner-saml', protocol: 'saml' }] } }],
  },
  {
    name: 'an OIDC provider without signature validation fails at high severity; its missing PKCE is appended',
    inventory: storeInventory({ facts: { identityProviders: ok([oidc('corp-oidc', { validateSignature: false, pkce: { enabled: false } })]) } }),
    expected: [{ outcome: 'fail', messageId: 'signatureOff', severity: 'high', messageIncludes: ['corp-oidc (OIDC)', 'also corp-oidc: PKCE off'] }],
  },
  {
    name: 'PKCE off, PKCE plain and unsigned SAML assertions warn at medium severity',
    inventory: storeInventory({
      facts: { identityProviders: ok([oidc('a', { pkce: { enabled: false } }), oidc('b', { pkce: { enabled: true, method: 'plain' } }), saml('c', { wantAssertionsSigned: false })]) },
    }),
    expected: [{ outcome: 'warn', messageId: 'weakUpstream', severity: 'medium', messageIncludes: ['3 enabled', 'a: PKCE off', 'b: PKCE method plain', 'c: SAML assertions need not be signed'] }],
  },
  {
    name: 'Okta: a validated SAML provider passes with the social one named; only social providers: unknown',
    inventory: storeInventory([
      { targetId: 'okta-a', product: 'okta', facts: { identityProviders: ok([googleOkta, saml('partner-saml')]) } },
      { targetId: 'okta-b', product: 'okta', facts: { identityProviders: ok([googleOkta]) } },
    ]),
    expected: [
      { targetId: 'okta-a', outcome: 'pass', messageId: 'validated', messageIncludes: ['All 1 enabled', 'not reported: signature validation of social providers google'] },
      { targetId: 'okta-b', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['did not report whether signatures are validated for google'] },
    ],
  },
  {
    name: 'an enterprise provider whose signature validation is not reported: unknown',
    inventory: storeInventory({ product: 'okta', facts: { identityProviders: ok([saml('partner-saml', { validateSignature: undefined })]) } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['partner-saml'] }],
  },
  {
    name: 'no enabled OIDC or SAML provider: N/A',
    inventory: storeInventory({ facts: { identityProviders: ok([idp({ alias: 'github', provider: 'github', protocol: 'oauth2', category: 'social' })]) } }),
    expected: [{ outcome: 'n/a', messageId: 'noUpstreamIdps' }],
  },
  {
    name: 'providers not readable, and a server without any store credential: unknown',
    inventory: storeInventory({ targetId: 'kc', facts: { identityProviders: noPermission('view-identity-providers') } }, { extra: asInventory({ targetId: 'op' }).snapshots }),
    expected: [
      { targetId: 'kc', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['403'] },
      { targetId: 'op', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['needs a read-only admin credential'] },
    ],
  },
]);
