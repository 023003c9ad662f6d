import type { IdentityProviderFacts } from '../../src/model/store-facts.js';
import { at, bool, list, str, type JsonObject } from './json.js';

/**
 * Pure: Okta identity providers (GET /api/v1/idps) to IdentityProviderFacts. Field paths: Okta
 * Identity Providers API and the real sample fixtures/real-world/api/okta/idps-oidc.json (`type`,
 * `status`, `protocol.type`, `protocol.endpoints.jwks`, `protocol.credentials.trust`,
 * `protocol.algorithms.response.signature.scope`, `policy.accountLink.{action,filter}`,
 * `policy.subject.matchType`, `policy.provisioning.{action,profileMaster}`).
 */
const SOCIAL = new Set(['GOOGLE', 'FACEBOOK', 'APPLE', 'MICROSOFT', 'LINKEDIN', 'AMAZON', 'DISCORD', 'GITHUB', 'GITLAB', 'PAYPAL', 'SALESFORCE', 'SPOTIFY', 'XERO', 'YAHOO', 'YAHOOJP']);
const ENTERPRISE = new Set(['OIDC', 'SAML2', 'X509', 'AgentlessDSSO', 'IWA', 'OKTA_INTEGRATION']);
const MATCH_ON: Record<string, 'email' | 'username' | 'custom'> = {
  USERNAME: 'username',
  EMAIL: 'email',
  USERNAME_OR_EMAIL: 'email',
  CUSTOM_ATTRIBUTE: 'custom',
};

export function identityProviderFromOkta(idp: JsonObject): IdentityProviderFacts {
  const type = str(idp, 'type') ?? 'unknown';
  const protocolType = str(idp, 'protocol.type') ?? '';
  const facts: IdentityProviderFacts = {
    alias: str(idp, 'name') ?? str(idp, 'id') ?? type,
    protocol: protocolOf(protocolType),
    provider: type.toLowerCase(),
    category: SOCIAL.has(type) ? 'social' : ENTERPRISE.has(type) ? 'enterprise' : 'other',
    enabled: str(idp, 'status') === 'ACTIVE',
    linking: linkingOf(idp),
  };
  const name = str(idp, 'name');
  if (name) facts.displayName = name;
  const validate = signatureValidation(idp, type);
  if (validate !== undefined) facts.validateSignature = validate;
  if (protocolType === 'SAML2') {
    const scope = str(idp, 'protocol.algorithms.response.signature.scope');
    // RESPONSE, TOKEN (assertion) and ANY all make Okta reject an unsigned SAML response.
    if (scope) facts.wantAssertionsSigned = ['RESPONSE', 'TOKEN', 'ANY'].includes(scope);
  }
  const provisioning = str(idp, 'policy.provisioning.action');
  if (provisioning) facts.syncMode = `provisioning ${provisioning}${bool(idp, 'policy.provisioning.profileMaster') ? ', profile master' : ''}`;
  return facts;
}

function protocolOf(type: string): IdentityProviderFacts['protocol'] {
  if (type === 'OIDC') return 'oidc';
  if (type === 'OAUTH2') return 'oauth2';
  if (type === 'SAML2') return 'saml';
  return 'other';
}

/**
 * `accountLink.action: AUTO` links an upstream identity to an existing Okta user that matches on
 * `subject.matchType` without the user proving ownership; a `filter` limits it to members of
 * given groups (or excludes users), which is a restriction, not a verification.
 */
function linkingOf(idp: JsonObject): IdentityProviderFacts['linking'] {
  const action = str(idp, 'policy.accountLink.action');
  const matchOn = matchOnOf(idp);
  const filter = at(idp, 'policy.accountLink.filter');
  const withMatch = matchOn ? { matchOn } : {};
  if (action === 'DISABLED') return { mode: 'disabled', ...withMatch };
  if (action !== 'AUTO') return { mode: 'unknown', ...withMatch, ...(action ? { detail: `accountLink.action ${action}` } : {}) };
  if (filter === null || filter === undefined) return { mode: 'automatic', ...withMatch, detail: 'accountLink AUTO without a filter' };
  const groups = list(filter, 'groups.include').length;
  return { mode: 'custom', ...withMatch, detail: `accountLink AUTO limited by a filter${groups ? ` (${groups} group(s))` : ''}` };
}

/**
 * `subject.matchType` says which Okta attribute is compared; with USERNAME the compared value is the
 * `userNameTemplate`, which for most IdPs is `idpuser.email`: that is matching on the email address.
 */
function matchOnOf(idp: JsonObject): 'email' | 'username' | 'custom' | undefined {
  const matchType = str(idp, 'policy.subject.matchType');
  if (!matchType) return undefined;
  const template = str(idp, 'policy.subject.userNameTemplate.template') ?? '';
  if (matchType === 'USERNAME' && /\bemail\b/i.test(template)) return 'email';
  return MATCH_ON[matchType];
}

/**
 * Okta validates upstream OIDC ID tokens with the IdP's JWKS endpoint and SAML assertions with the
 * trusted certificate (`protocol.credentials.trust.kid`); without them there is nothing to validate
 * against. Social IdPs are Okta-managed integrations: not observable, left unset.
 */
function signatureValidation(idp: JsonObject, type: string): boolean | undefined {
  if (type === 'OIDC') return str(idp, 'protocol.endpoints.jwks.url') !== undefined;
  if (type === 'SAML2') return str(idp, 'protocol.credentials.trust.kid') !== undefined;
  return undefined;
}
