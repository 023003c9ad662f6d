import type { IdentityProviderFacts } from '../../src/model/store-facts.js';
import { bool, configBool, configValue, type Json, obj, str } from './json.js';

/**
 * IdentityProviderRepresentation -> IdentityProviderFacts, pure. `config` values are strings
 * (Keycloak Admin REST API reference, IdentityProviderRepresentation; OIDCIdentityProviderConfig,
 * SAMLIdentityProviderConfig). Secrets in `config` (clientSecret) are never read.
 */

/** Keycloak's built-in social providers (providerId), with the protocol each speaks. */
const SOCIAL: Record<string, IdentityProviderFacts['protocol']> = {
  google: 'oidc',
  microsoft: 'oidc',
  'linkedin-openid-connect': 'oidc',
  gitlab: 'oidc',
  apple: 'oidc',
  facebook: 'oauth2',
  github: 'oauth2',
  twitter: 'oauth2',
  instagram: 'oauth2',
  stackoverflow: 'oauth2',
  bitbucket: 'oauth2',
  paypal: 'oauth2',
};

/** Generic OIDC brokers that point at a consumer provider are social logins too. */
const SOCIAL_HOSTS: Array<[RegExp, string]> = [
  [/(^|\.)accounts\.google\.com$/, 'google'],
  [/(^|\.)appleid\.apple\.com$/, 'apple'],
  [/(^|\.)facebook\.com$/, 'facebook'],
  [/(^|\.)github\.com$/, 'github'],
  [/^login\.microsoftonline\.com$/, 'microsoft'],
  [/^login\.live\.com$/, 'microsoft'],
];

function socialHost(config: Json): string | undefined {
  for (const key of ['issuer', 'authorizationUrl', 'tokenUrl']) {
    const value = configValue(config, key);
    if (!value) continue;
    let host: string;
    try {
      host = new URL(value).hostname.toLowerCase();
    } catch {
      continue;
    }
    const match = SOCIAL_HOSTS.find(([pattern]) => pattern.test(host));
    if (match) return match[1];
  }
  return undefined;
}

export function identityProviderFacts(idp: Json, linking: IdentityProviderFacts['linking']): IdentityProviderFacts {
  const providerId = str(idp.providerId) ?? 'unknown';
  const config = obj(idp.config);
  const oidcLike = providerId === 'oidc' || providerId === 'keycloak-oidc';
  const saml = providerId === 'saml';
  const socialVia = oidcLike ? socialHost(config) : undefined;
  const protocol: IdentityProviderFacts['protocol'] = oidcLike ? 'oidc' : saml ? 'saml' : providerId === 'oauth2' ? 'oauth2' : (SOCIAL[providerId] ?? 'other');
  const category: IdentityProviderFacts['category'] = SOCIAL[providerId] || socialVia ? 'social' : oidcLike || saml ? 'enterprise' : 'other';
  const facts: IdentityProviderFacts = {
    alias: str(idp.alias) ?? '',
    protocol,
    provider: socialVia ?? providerId,
    category,
    enabled: bool(idp.enabled) !== false,
    linking: bool(idp.linkOnly) === true ? { mode: 'reauthenticate', matchOn: 'none', detail: 'linkOnly: the provider can only be linked by a signed-in user' } : linking,
  };
  const displayName = str(idp.displayName);
  if (displayName) facts.displayName = displayName;
  const trustEmail = bool(idp.trustEmail);
  if (trustEmail !== undefined) facts.trustEmail = trustEmail;
  const syncMode = configValue(config, 'syncMode');
  if (syncMode) facts.syncMode = syncMode;
  if (oidcLike || saml) {
    // Absent means off: Keycloak stores these switches only once they are set.
    facts.validateSignature = configBool(config, 'validateSignature') === true;
  }
  if (oidcLike) {
    const method = configValue(config, 'pkceMethod');
    facts.pkce = { enabled: configBool(config, 'pkceEnabled') === true, ...(method ? { method } : {}) };
  }
  if (saml) {
    facts.wantAssertionsSigned = configBool(config, 'wantAssertionsSigned') === true;
    facts.wantAssertionsEncrypted = configBool(config, 'wantAssertionsEncrypted') === true;
  }
  return facts;
}
