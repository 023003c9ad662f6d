import type { JsonDocument, Observation, UnknownReason } from './observation.js';

/**
 * Normalised facts of an identity store (Keycloak realm, Auth0 tenant, Okta org, SCIM service,
 * LDAP directory, file export). The same rule reads the same shape whichever product the facts came
 * from; interpret.ts of each connector maps its vendor's representation onto it.
 *
 * Every section is optional: absent means this kind of store has no such thing (an LDAP directory has
 * no OAuth clients); `unknown` means it exists but could not be read (the reason names the missing
 * role or scope).
 */
export interface IdentityStoreFacts {
  /** What was scanned: a realm, a tenant, an org, a SCIM service, a directory, a file. */
  scope: { kind: 'realm' | 'tenant' | 'org' | 'scim-service' | 'directory' | 'file'; name: string };
  /** Issuers this store operates (Keycloak realm issuer, Auth0 tenant, Okta authorization servers). */
  issuers?: Observation<string[]>;
  clients?: Observation<ClientFacts[]>;
  identityProviders?: Observation<IdentityProviderFacts[]>;
  authentication?: Observation<AuthenticationFacts>;
  passwordPolicy?: Observation<PasswordPolicyFacts>;
  bruteForce?: Observation<BruteForceFacts>;
  sessions?: Observation<SessionFacts>;
  tokens?: Observation<TokenPolicyFacts>;
  registration?: Observation<RegistrationFacts>;
  monitoring?: Observation<MonitoringFacts>;
  provisioning?: Observation<ProvisioningFacts>;
  signingKeys?: Observation<SigningKeyFacts>;
  clientRegistration?: Observation<ClientRegistrationFacts>;
  /** Keycloak realm `sslRequired`: `none` means plain http is accepted. */
  transportSecurity?: Observation<{ sslRequired: 'all' | 'external' | 'none' | 'other' }>;
  /** LDAP root DSE. */
  directory?: Observation<DirectoryFacts>;
  /** Counts about the users that were read (no personal data). */
  userStats?: Observation<UserStatsFacts>;
}

export type GrantType =
  | 'authorization_code'
  | 'implicit'
  | 'password'
  | 'client_credentials'
  | 'refresh_token'
  | 'device_code'
  | 'ciba'
  | 'token_exchange'
  | 'jwt_bearer'
  | 'saml2_bearer'
  | 'other';

export type ClientAuthMethod =
  | 'none'
  | 'client_secret_basic'
  | 'client_secret_post'
  | 'client_secret_jwt'
  | 'private_key_jwt'
  | 'tls_client_auth'
  | 'self_signed_tls_client_auth'
  | 'federated_jwt'
  | 'other';

/** An OAuth/OIDC client or application registered in the store. Subject of per-client rules: `id`. */
export interface ClientFacts {
  /** The public client identifier (never a secret). */
  id: string;
  name?: string;
  enabled: boolean;
  /** public: no client authentication (SPA, native); confidential: authenticates at the token endpoint. */
  type: 'public' | 'confidential' | 'unknown';
  appType?: 'spa' | 'native' | 'web' | 'machine' | 'other';
  /** Built-in vendor clients (Keycloak `account`, `admin-cli`, ...) are reported but judged leniently. */
  builtIn?: boolean;
  grants: GrantType[];
  /** Vendor grant names as configured, for evidence. */
  rawGrants?: string[];
  redirectUris: string[];
  /** `same-as-redirect`: Keycloak's "+" (inherit the redirect URIs). */
  postLogoutRedirectUris?: string[] | 'same-as-redirect';
  webOrigins?: string[];
  /** PKCE enforced for this client, and with which method; `unknown` where the product has no per-client switch (Auth0). */
  pkce: { required: boolean | 'unknown'; method?: 'S256' | 'plain' };
  authMethod?: ClientAuthMethod;
  /** A service account (client credentials) is enabled. */
  serviceAccount: boolean;
  backchannelLogoutUri?: string;
  frontchannelLogoutUri?: string;
  refreshTokens?: {
    issued: boolean;
    rotation: 'rotating' | 'static' | 'unknown';
    /** How often one refresh token may be reused (Keycloak refreshTokenMaxReuse). */
    reuseLimit?: number;
  };
  lifetimes?: {
    accessTokenSeconds?: number;
    /** ID-token lifetime (Auth0 jwt_configuration.lifetime_in_seconds). */
    idTokenSeconds?: number;
    /** `null`: never expires. */
    refreshAbsoluteSeconds?: number | null;
    /** `null`: never idle-expires. */
    refreshIdleSeconds?: number | null;
  };
  parRequired?: boolean;
  senderConstrained?: { dpop?: boolean; mtls?: boolean };
  deviceGrant?: boolean;
  ciba?: boolean;
  /** false for third-party applications (Auth0 is_first_party). */
  firstParty?: boolean;
}

export interface IdentityProviderFacts {
  /** The alias or name as configured (subject of per-IdP rules). */
  alias: string;
  displayName?: string;
  protocol: 'oidc' | 'oauth2' | 'saml' | 'ldap' | 'other';
  /** google, apple, facebook, microsoft, github, oidc, saml, keycloak-oidc, waad, ... */
  provider: string;
  /** The upstream OIDC issuer or SAML entity id, when configured (brokering detection). */
  upstreamIssuer?: string;
  category: 'social' | 'enterprise' | 'national-eid' | 'other';
  enabled: boolean;
  /** The broker treats the upstream email as verified. */
  trustEmail?: boolean;
  linking: {
    /** automatic: links to an existing account without the user proving they own it. */
    mode: 'automatic' | 'confirm' | 'reauthenticate' | 'disabled' | 'custom' | 'unknown';
    /** What existing accounts are matched on. */
    matchOn?: 'email' | 'username' | 'custom' | 'none';
    detail?: string;
  };
  /** OIDC/SAML: the broker validates upstream signatures. */
  validateSignature?: boolean;
  pkce?: { enabled: boolean; method?: string };
  wantAssertionsSigned?: boolean;
  wantAssertionsEncrypted?: boolean;
  syncMode?: string;
}

export type FactorType =
  | 'otp'
  | 'webauthn'
  | 'passkey'
  | 'sms'
  | 'voice'
  | 'email'
  | 'push'
  | 'security-question'
  | 'recovery-code'
  | 'duo'
  | 'other';

export interface AuthenticationFacts {
  /** Authenticators other than the password, with whether they are enabled for customers. */
  factors: Array<{ type: FactorType; name: string; enabled: boolean; numberMatching?: boolean; detail?: string }>;
  /** always: every login; conditional: a policy applies MFA to some apps, risks or actions; optional: user opt-in only. */
  mfaPolicy: 'always' | 'conditional' | 'optional' | 'none' | 'unknown';
  mfaPolicyDetail?: string;
  /** Context- or risk-based changes of the authentication requirement. */
  adaptive: { riskBased: boolean | 'unknown'; stepUp: boolean | 'unknown'; mechanisms: string[] };
  webauthnUserVerification?: 'required' | 'preferred' | 'discouraged' | 'unknown';
  /** Password login is enabled (some stores are passwordless or federated only). */
  passwordLogin: boolean | 'unknown';
  /** Share of users enrolled in a second factor, when the API exposes it. */
  enrolmentRate?: number;
}

export interface PasswordPolicyFacts {
  minLength?: number;
  maxLength?: number;
  /** Composition rules imposed, e.g. digits, upper, lower, special. */
  composition: string[];
  expiryDays?: number;
  historyCount?: number;
  blocklist: boolean | 'unknown';
  breachedPasswordCheck: boolean | 'unknown';
  notUsername?: boolean;
  notEmail?: boolean;
  /** Where the policy was read (realm policy string, connection options, policy id). */
  source: string;
}

export interface BruteForceFacts {
  accountLockout: boolean;
  maxAttempts?: number;
  permanentLockout?: boolean;
  selfServiceUnlock?: boolean | 'unknown';
  ipThrottling: boolean | 'unknown';
  botDetection: boolean | 'unknown';
  detail?: string;
}

export interface SessionFacts {
  /** `null`: no limit. */
  idleSeconds?: number | null;
  absoluteSeconds?: number | null;
  rememberMe?: { idleSeconds?: number | null; absoluteSeconds?: number | null };
  /** Store-wide post-logout redirect allow-list (Auth0 tenant allowed_logout_urls). */
  postLogoutRedirectUris?: string[];
}

export interface TokenPolicyFacts {
  accessTokenSeconds?: number;
  authorizationCodeSeconds?: number;
  refreshRotation?: 'rotating' | 'static' | 'unknown';
  refreshReuseLimit?: number;
  refreshAbsoluteSeconds?: number | null;
  refreshIdleSeconds?: number | null;
  /** offline_access tokens; `null` absolute: never expire (Keycloak offlineSessionMaxLifespanEnabled false). */
  offlineAbsoluteSeconds?: number | null;
  offlineIdleSeconds?: number | null;
}

export interface RegistrationFacts {
  selfService: boolean | 'unknown';
  emailAsUsername?: boolean;
  /** CAPTCHA, bot detection or throttling on sign-up. */
  botProtection: boolean | 'unknown';
  emailVerification: 'required' | 'optional' | 'unknown';
  duplicateEmailsAllowed?: boolean;
  progressiveProfiling: { enabled: boolean | 'unknown'; mechanism?: string };
  preRegistrationHooks?: number;
}

export interface MonitoringFacts {
  userEvents: { enabled: boolean | 'unknown'; retentionDays?: number | null; types?: string[] | 'all' };
  adminEvents?: { enabled: boolean; details?: boolean };
  /** A log API answered, and how many events it returned for the probe read. */
  logApi?: { reachable: boolean; recentEvents?: number };
  streams: Array<{ name: string; type: string; status: 'active' | 'paused' | 'suspended' | 'unknown' }>;
  /** Set when the streams could not be read (then `streams` is empty and means nothing). */
  streamsUnknown?: UnknownReason;
  /** Keycloak event listeners; Okta event hooks are in provisioning.lifecycleChannels. */
  listeners?: string[];
  riskAnalytics: { produced: boolean | 'unknown'; detail?: string };
}

export interface ScimCapabilities {
  document: JsonDocument;
  validSchema: boolean;
  patch: boolean;
  bulk: { supported: boolean; maxOperations?: number; maxPayloadSize?: number };
  filter: { supported: boolean; maxResults?: number };
  changePassword: boolean;
  sort: boolean;
  etag: boolean;
  authenticationSchemes: string[];
  resourceTypes: string[];
  schemas: string[];
  enterpriseUser: boolean;
  cursorPaging?: boolean;
  /** Lists that could not be read: their arrays are empty, not "none published". */
  unreadLists?: Array<'resourceTypes' | 'schemas'>;
  /** Whether the document was answered with the scanner's credential (false: anonymously). */
  documentAuthenticated?: boolean;
}

export interface ProvisioningFacts {
  scim?: ScimCapabilities;
  /** T1: an anonymous `GET /Users?count=0&attributes=id`. */
  scimAnonymousRead?: Observation<{ status: number; totalResults?: number }>;
  directoryFederation?: Array<{
    name: string;
    vendor?: string;
    connectionUrl: string;
    startTls: boolean;
    editMode?: string;
    fullSyncPeriodSeconds?: number;
    changedSyncPeriodSeconds?: number;
    enabled: boolean;
  }>;
  /** Outbound channels that carry lifecycle events (event hooks, actions, log streams, listeners, SSF). */
  lifecycleChannels?: Array<{ kind: 'event-hook' | 'action' | 'log-stream' | 'event-listener' | 'ssf'; name: string; active: boolean; verified?: boolean; events: string[] }>;
}

export interface SigningKeyFacts {
  rotation: 'automatic' | 'manual' | 'unknown';
  lastRotated?: string;
  keys: Array<{ kid: string; status: 'current' | 'next' | 'previous' | 'active' | 'passive' | 'disabled' | 'unknown'; since?: string }>;
}

export interface ClientRegistrationFacts {
  anonymousAllowed: boolean;
  restricted: boolean;
  detail: string;
}

export interface DirectoryFacts {
  vendor?: string;
  namingContexts: string[];
  supportedControls: string[];
  supportedExtensions: string[];
  pagedResults: boolean;
  startTls: boolean;
  /** How the scanner connected: ldaps, StartTLS, or plain. */
  transport: 'ldaps' | 'starttls' | 'plain';
  supportedSaslMechanisms?: string[];
  /** Whether the facts came from the bound read or the anonymous T1 probe. */
  source?: 'bind' | 'anonymous';
}

export interface UserStatsFacts {
  total: number;
  read: number;
  enabled?: number;
  disabled?: number;
  emailVerified?: number;
  emailUnverified?: number;
  /** Users with at least one / at least two linked (federated) identities. */
  withFederatedIdentity?: number;
  withSeveralIdentities?: number;
  /** Groups in the store (counts only, e.g. SCIM GET /Groups?count=0). */
  groups?: number;
  /** Records whose id repeats one already read (exports; both records are kept). */
  duplicateIds?: number;
}
