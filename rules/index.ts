import type { Rule } from '../src/rules-engine/define.js';
import discAntiFraming from './discovery/disc-anti-framing.js';
import discCorsScope from './discovery/disc-cors-scope.js';
import discDcrExposure from './discovery/disc-dcr-exposure.js';
import discHttpsEndpoints from './discovery/disc-https-endpoints.js';
import discIssuerExact from './discovery/disc-issuer-exact.js';
import discIssuerInventory from './discovery/disc-issuer-inventory.js';
import discMetadataPublished from './discovery/disc-metadata-published.js';
import discRequiredFields from './discovery/disc-required-fields.js';
import discTlsBaseline from './discovery/disc-tls-baseline.js';
import cauthAsymmetricMethods from './flows/cauth-asymmetric-methods.js';
import cauthClientInventory from './flows/cauth-client-inventory.js';
import cauthIntrospectionProtected from './flows/cauth-introspection-protected.js';
import flowCrossDevice from './flows/flow-cross-device.js';
import flowIssResponseParam from './flows/flow-iss-response-param.js';
import flowNoImplicit from './flows/flow-no-implicit.js';
import flowNoRopc from './flows/flow-no-ropc.js';
import flowPar from './flows/flow-par.js';
import flowPkceEnforcedPerClient from './flows/flow-pkce-enforced-per-client.js';
import flowRedirectUriHygiene from './flows/flow-redirect-uri-hygiene.js';
import flowRequestUriFetch from './flows/flow-request-uri-fetch.js';
import oidcPkceS256 from './flows/oidc-pkce-s256.js';
import keyIdTokenAlgs from './keys/key-id-token-algs.js';
import keyJwksPublicOnly from './keys/key-jwks-public-only.js';
import keyJwksValid from './keys/key-jwks-valid.js';
import keyKidUseHygiene from './keys/key-kid-use-hygiene.js';
import keyRotation from './keys/key-rotation.js';
import keyStrength from './keys/key-strength.js';
import tokenLifetimes from './keys/token-lifetimes.js';
import tokenRefreshProtection from './keys/token-refresh-protection.js';
import tokenSenderConstrained from './keys/token-sender-constrained.js';
import monSsfTransmitter from './monitoring/mon-ssf-transmitter.js';
import sessBackchannelLogout from './session/sess-backchannel-logout.js';
import sessPostLogoutRedirect from './session/sess-post-logout-redirect.js';
import sessReauthTimeouts from './session/sess-reauth-timeouts.js';
import sessRpInitiatedLogout from './session/sess-rp-initiated-logout.js';
import fedIdpInventory from './federation/fed-idp-inventory.js';
import fedSafeAccountLinking from './federation/fed-safe-account-linking.js';
import fedUpstreamValidation from './federation/fed-upstream-validation.js';

import authnOnlineGuessingLimits from './mfa/authn-online-guessing-limits.js';
import authnPasswordPolicy from './mfa/authn-password-policy.js';
import mfaAdaptiveRisk from './mfa/mfa-adaptive-risk.js';
import mfaEnabledPolicy from './mfa/mfa-enabled-policy.js';
import mfaPhishingResistantOption from './mfa/mfa-phishing-resistant-option.js';
import mfaRestrictedFactors from './mfa/mfa-restricted-factors.js';
import monEventLogging from './monitoring/mon-event-logging.js';
import monRiskAnalytics from './monitoring/mon-risk-analytics.js';
import monSiemStreaming from './monitoring/mon-siem-streaming.js';
import provDirectoryTls from './provisioning/prov-directory-tls.js';
import provLifecycleEvents from './provisioning/prov-lifecycle-events.js';
import provScimAuthEnforced from './provisioning/prov-scim-auth-enforced.js';
import provScimCapabilities from './provisioning/prov-scim-capabilities.js';
import regEmailVerification from './registration/reg-email-verification.js';
import regProgressiveProfiling from './registration/reg-progressive-profiling.js';
import regSelfServiceSignup from './registration/reg-self-service-signup.js';
import crmDuplicates from './crm/crm-duplicates.js';
import crmExternalIdField from './crm/crm-external-id-field.js';
import crmLinkRate from './crm/crm-link-rate.js';
import crmStableKey from './crm/crm-stable-key.js';
import crmSyncFreshness from './crm/crm-sync-freshness.js';
import idgAppFragmentation from './identity-graph/idg-app-fragmentation.js';
import idgConsentConsistency from './identity-graph/idg-consent-consistency.js';
import idgCrmCoverage from './identity-graph/idg-crm-coverage.js';
import idgDuplicatesWithinStore from './identity-graph/idg-duplicates-within-store.js';
import idgEmailCollisionTakeover from './identity-graph/idg-email-collision-takeover.js';
import idgLifecycleDrift from './identity-graph/idg-lifecycle-drift.js';
import idgProfileCompleteness from './identity-graph/idg-profile-completeness.js';
import idgSiloOverlap from './identity-graph/idg-silo-overlap.js';
import idgSocialDuplicates from './identity-graph/idg-social-duplicates.js';

/** Every rule, registered once. A test keeps this list, the files, the catalog and the README in step. */
export const RULES: readonly Rule[] = [
  discAntiFraming,
  discCorsScope,
  discDcrExposure,
  discHttpsEndpoints,
  discIssuerExact,
  discIssuerInventory,
  discMetadataPublished,
  discRequiredFields,
  discTlsBaseline,
  cauthAsymmetricMethods,
  cauthIntrospectionProtected,
  flowCrossDevice,
  flowIssResponseParam,
  flowNoImplicit,
  flowNoRopc,
  flowPar,
  flowRequestUriFetch,
  oidcPkceS256,
  keyIdTokenAlgs,
  keyJwksPublicOnly,
  keyJwksValid,
  keyKidUseHygiene,
  keyRotation,
  keyStrength,
  tokenSenderConstrained,
  monSsfTransmitter,
  sessBackchannelLogout,
  sessRpInitiatedLogout,
  authnOnlineGuessingLimits,
  authnPasswordPolicy,
  mfaAdaptiveRisk,
  mfaEnabledPolicy,
  mfaPhishingResistantOption,
  mfaRestrictedFactors,
  monEventLogging,
  monRiskAnalytics,
  monSiemStreaming,
  provDirectoryTls,
  provLifecycleEvents,
  provScimAuthEnforced,
  provScimCapabilities,
  regEmailVerification,
  regProgressiveProfiling,
  regSelfServiceSignup,
  cauthClientInventory,
  flowPkceEnforcedPerClient,
  flowRedirectUriHygiene,
  tokenLifetimes,
  tokenRefreshProtection,
  sessPostLogoutRedirect,
  sessReauthTimeouts,
  fedIdpInventory,
  fedSafeAccountLinking,
  fedUpstreamValidation,
  crmExternalIdField,
  crmStableKey,
  crmLinkRate,
  crmDuplicates,
  crmSyncFreshness,
  idgDuplicatesWithinStore,
  idgSocialDuplicates,
  idgSiloOverlap,
  idgCrmCoverage,
  idgLifecycleDrift,
  idgEmailCollisionTakeover,
  idgAppFragmentation,
  idgConsentConsistency,
  idgProfileCompleteness,
];
