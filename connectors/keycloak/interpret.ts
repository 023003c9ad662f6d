import { observed, unknownObservation, type Observation } from '../../src/model/observation.js';
import type {
  AuthenticationFacts,
  FactorType,
  IdentityProviderFacts,
  IdentityStoreFacts,
  RegistrationFacts,
  UserStatsFacts,
} from '../../src/model/store-facts.js';
import { clientFacts, realmClientDefaults } from './clients.js';
import { clientRegistrationFacts, directoryFederation, progressiveProfile, signingKeyFacts } from './components.js';
import {
  contextConditions,
  factorExecutions,
  factorFindings,
  type FactorUse,
  flowTree,
  linkingOf,
  passwordLogin,
  registrationCaptcha,
} from './flows.js';
import { identityProviderFacts } from './idps.js';
import { bool, type Json, str } from './json.js';
import { DEFAULT_FIRST_BROKER_LOGIN_FLOW, type KeycloakRaw } from './raw.js';
import {
  acrLoaMap,
  bruteForceFacts,
  lifecycleChannels,
  monitoringFacts,
  passwordPolicyFacts,
  sessionFacts,
  sslRequired,
  tokenPolicyFacts,
} from './realm.js';

/**
 * Pure mapping from what collect.ts read (Keycloak's representations as plain JSON) to
 * IdentityStoreFacts. No Keycloak type leaves this module; a section whose source could not be
 * read stays `unknown` with the reason of the read that failed.
 */
export function interpretKeycloak(raw: KeycloakRaw, userStats?: Observation<UserStatsFacts>): IdentityStoreFacts {
  const realm = raw.realm.state === 'observed' ? raw.realm.value : undefined;
  const fromRealm = <T>(map: (realm: Json) => T): Observation<T> => (realm ? observed(map(realm)) : unknownFrom(raw.realm));
  const facts: IdentityStoreFacts = {
    scope: { kind: 'realm', name: raw.realmName },
    issuers: observed([raw.issuer]),
    transportSecurity: fromRealm((r) => ({ sslRequired: sslRequired(r) })),
    passwordPolicy: fromRealm(passwordPolicyFacts),
    bruteForce: fromRealm(bruteForceFacts),
    sessions: fromRealm(sessionFacts),
    tokens: fromRealm(tokenPolicyFacts),
    monitoring: monitoring(raw),
    identityProviders: identityProviders(raw, realm),
    clients: mapObserved(raw.clients, (clients) => {
      const defaults = realmClientDefaults(realm);
      return clients.map((c) => clientFacts(c, defaults));
    }),
    authentication: realm ? authentication(raw, realm) : unknownFrom(raw.realm),
    registration: realm ? observed(registration(raw, realm)) : unknownFrom(raw.realm),
    provisioning: mapObserved(raw.userStorage, (components) => {
      const events = eventsSource(raw);
      return { directoryFederation: directoryFederation(components), ...(events ? { lifecycleChannels: lifecycleChannels(events) } : {}) };
    }),
    signingKeys: mapObserved(raw.keys, signingKeyFacts),
    clientRegistration: mapObserved(raw.registrationPolicies, clientRegistrationFacts),
  };
  if (userStats) facts.userStats = userStats;
  return facts;
}

export function unknownFrom<T>(source: Observation<unknown>): Observation<T> {
  return source.state === 'unknown' ? unknownObservation(source.reason) : unknownObservation({ kind: 'not-observed', detail: 'not read' });
}

function mapObserved<S, T>(source: Observation<S>, map: (value: S) => T): Observation<T> {
  return source.state === 'observed' ? observed(map(source.value)) : unknownObservation(source.reason);
}

/** Flow aliases the realm uses, with Keycloak's default names when the representation has none. */
export function browserFlowAlias(realm: Json): string {
  return str(realm.browserFlow) ?? 'browser';
}

export function registrationFlowAlias(realm: Json): string {
  return str(realm.registrationFlow) ?? 'registration';
}

/** The first broker login flow of an IdP: its own, else the realm default (Keycloak 24+), else "first broker login". */
export function firstBrokerLoginFlowAlias(idp: Json, realm: Json | undefined): string {
  return str(idp.firstBrokerLoginFlowAlias) || str(realm?.firstBrokerLoginFlow) || DEFAULT_FIRST_BROKER_LOGIN_FLOW;
}

/** Events configuration: the events endpoint (view-events), else the same members of the realm representation (view-realm). */
function eventsSource(raw: KeycloakRaw): Json | undefined {
  if (raw.eventsConfig.state === 'observed') return raw.eventsConfig.value;
  if (raw.realm.state === 'observed' && 'eventsEnabled' in raw.realm.value) return raw.realm.value;
  return undefined;
}

function monitoring(raw: KeycloakRaw): IdentityStoreFacts['monitoring'] {
  const events = eventsSource(raw);
  return events ? observed(monitoringFacts(events)) : unknownFrom(raw.eventsConfig);
}

function identityProviders(raw: KeycloakRaw, realm: Json | undefined): Observation<IdentityProviderFacts[]> {
  return mapObserved(raw.identityProviders, (idps) =>
    idps.map((idp) => {
      const alias = firstBrokerLoginFlowAlias(idp, realm);
      const flow = raw.flows.get(alias);
      const linking: IdentityProviderFacts['linking'] =
        flow?.state === 'observed'
          ? linkingOf(flowTree(flow.value))
          : { mode: 'unknown', detail: flow ? `first broker login flow "${alias}": ${flow.reason.detail}` : `first broker login flow "${alias}" was not read` };
      return identityProviderFacts(idp, linking);
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Authentication: browser flow, required actions, WebAuthn policies

/** The required action that enrols each factor (RequiredActionProviderRepresentation.alias). */
const ENROLMENT_ACTION: Partial<Record<FactorType, string>> = {
  otp: 'CONFIGURE_TOTP',
  webauthn: 'webauthn-register',
  passkey: 'webauthn-register-passwordless',
  'recovery-code': 'CONFIGURE_RECOVERY_AUTHN_CODES',
};

interface RequiredAction {
  enabled: boolean;
  defaultAction: boolean;
}

function requiredActions(raw: KeycloakRaw): Map<string, RequiredAction> | undefined {
  if (raw.requiredActions.state !== 'observed') return undefined;
  const out = new Map<string, RequiredAction>();
  for (const a of raw.requiredActions.value) {
    const alias = str(a.alias) ?? str(a.providerId);
    if (alias) out.set(alias, { enabled: bool(a.enabled) === true, defaultAction: bool(a.defaultAction) === true });
  }
  return out;
}

const USE_RANK: Record<FactorUse, number> = { always: 3, conditional: 2, 'user-opt-in': 1, alternative: 1 };

function authentication(raw: KeycloakRaw, realm: Json): Observation<AuthenticationFacts> {
  const alias = browserFlowAlias(realm);
  const flow = raw.flows.get(alias);
  if (flow?.state !== 'observed') return flow ? unknownObservation(flow.reason) : unknownObservation({ kind: 'not-observed', detail: `browser flow "${alias}" was not read` });
  const roots = flowTree(flow.value);
  const actions = requiredActions(raw);
  const findings = factorFindings(roots).map((f) => {
    const enrol = ENROLMENT_ACTION[f.type];
    const action = enrol ? actions?.get(enrol) : undefined;
    // Enrolment forced on every new user turns "only if configured" into "everyone".
    const forced = f.use === 'user-opt-in' && action?.enabled === true && action.defaultAction;
    return { ...f, use: forced ? ('always' as const) : f.use, forcedBy: forced ? enrol : undefined };
  });
  const best = findings.reduce((rank, f) => Math.max(rank, USE_RANK[f.use]), 0);
  const policy: AuthenticationFacts['mfaPolicy'] = best === 3 ? 'always' : best === 2 ? 'conditional' : best === 1 ? 'optional' : 'none';
  const factors = factorList(roots, actions, realm);
  const conditions = contextConditions(roots);
  const acr = acrLoaMap(realm);
  const mechanisms = [...conditions, ...(acr.length ? [`acr.loa.map (${acr.join(', ')})`] : [])];
  const facts: AuthenticationFacts = {
    factors,
    mfaPolicy: policy,
    adaptive: {
      riskBased: conditions.some((c) => /risk|fraud|adaptive/i.test(c)),
      stepUp: acr.length > 0 || conditions.includes('conditional-level-of-authentication'),
      mechanisms,
    },
    passwordLogin: passwordLogin(roots),
  };
  const detail = findings.map((f) => `${f.providerId}: ${f.use}${f.conditions.length ? ` (${f.conditions.join(', ')})` : ''}${f.forcedBy ? ` (${f.forcedBy} is a default action)` : ''}`);
  facts.mfaPolicyDetail = detail.length ? `browser flow "${alias}": ${detail.join('; ')}` : `browser flow "${alias}" has no enabled second factor`;
  const uv = userVerification(realm, factors);
  if (uv) facts.webauthnUserVerification = uv;
  return observed(facts);
}

function factorList(roots: ReturnType<typeof flowTree>, actions: Map<string, RequiredAction> | undefined, realm: Json): AuthenticationFacts['factors'] {
  const byProvider = new Map<string, AuthenticationFacts['factors'][number]>();
  for (const e of factorExecutions(roots)) {
    const entry = byProvider.get(e.providerId) ?? { type: e.type, name: e.providerId, enabled: false };
    entry.enabled ||= e.enabled;
    const enrol = ENROLMENT_ACTION[e.type];
    const action = enrol ? actions?.get(enrol) : undefined;
    if (enrol && action) entry.detail = `required action ${enrol} ${action.enabled ? 'enabled' : 'disabled'}${action.defaultAction ? ' (default action)' : ''}`;
    byProvider.set(e.providerId, entry);
  }
  // Keycloak 26.4+: passkeys offered on the username form itself, without a separate execution.
  if (bool(realm.webAuthnPolicyPasswordlessPasskeysEnabled) === true) {
    byProvider.set('passkeys', { type: 'passkey', name: 'passkeys (webAuthnPolicyPasswordlessPasskeysEnabled)', enabled: true });
  }
  return [...byProvider.values()];
}

function userVerification(realm: Json, factors: AuthenticationFacts['factors']): AuthenticationFacts['webauthnUserVerification'] {
  const passkey = factors.some((f) => f.type === 'passkey' && f.enabled);
  const webauthn = factors.some((f) => f.type === 'webauthn' && f.enabled);
  if (!passkey && !webauthn) return undefined;
  const value = str(passkey ? realm.webAuthnPolicyPasswordlessUserVerificationRequirement : realm.webAuthnPolicyUserVerificationRequirement);
  return value === 'required' || value === 'preferred' || value === 'discouraged' ? value : 'unknown';
}

// ---------------------------------------------------------------------------------------------
// Registration

function registration(raw: KeycloakRaw, realm: Json): RegistrationFacts {
  const allowed = bool(realm.registrationAllowed);
  const verify = bool(realm.verifyEmail);
  const flow = raw.flows.get(registrationFlowAlias(realm));
  const facts: RegistrationFacts = {
    selfService: allowed ?? 'unknown',
    botProtection: flow?.state === 'observed' ? registrationCaptcha(flowTree(flow.value)) : 'unknown',
    emailVerification: verify === undefined ? 'unknown' : verify ? 'required' : 'optional',
    progressiveProfiling: progressiveProfiling(raw),
  };
  const emailAsUsername = bool(realm.registrationEmailAsUsername);
  const duplicates = bool(realm.duplicateEmailsAllowed);
  if (emailAsUsername !== undefined) facts.emailAsUsername = emailAsUsername;
  if (duplicates !== undefined) facts.duplicateEmailsAllowed = duplicates;
  return facts;
}

/** Attributes required or shown only for some client scopes, completed later through VERIFY_PROFILE. */
function progressiveProfiling(raw: KeycloakRaw): RegistrationFacts['progressiveProfiling'] {
  if (raw.userProfile.state !== 'observed') return { enabled: 'unknown', mechanism: `user profile: ${raw.userProfile.reason.detail}` };
  const { scopedAttributes } = progressiveProfile(raw.userProfile.value);
  if (scopedAttributes.length === 0) return { enabled: false, mechanism: 'no user-profile attribute is limited to a client scope' };
  const verifyProfile = requiredActions(raw)?.get('VERIFY_PROFILE');
  const mechanism = `scope-bound user-profile attributes: ${scopedAttributes.join(', ')}`;
  if (!verifyProfile) return { enabled: raw.requiredActions.state === 'observed' ? false : 'unknown', mechanism: `${mechanism}; required action VERIFY_PROFILE ${raw.requiredActions.state === 'observed' ? 'absent' : 'not read'}` };
  return { enabled: verifyProfile.enabled, mechanism: `${mechanism}; VERIFY_PROFILE ${verifyProfile.enabled ? 'enabled' : 'disabled'}` };
}
