import { observed } from '../../src/model/observation.js';
import type { ClientRegistrationFacts, IdentityProviderFacts, IdentityStoreFacts, SessionFacts, SigningKeyFacts } from '../../src/model/store-facts.js';
import { authenticationFacts, bruteForceFacts, passwordPolicyFacts } from './facts-security.js';
import { monitoringFacts, provisioningFacts, registrationFacts } from './facts-lifecycle.js';
import { identityProviderFacts } from './map-connections.js';
import { mapObservation } from './observations.js';
import type { Auth0Collected, SigningKeyRecord, TenantRecord } from './records.js';

/**
 * Pure: the records collect.ts gathered from one tenant -> IdentityStoreFacts. No vendor JSON
 * reaches this point (the map-*.ts modules turned each answer into our own records), and nothing
 * here does I/O, so the same collection always gives the same facts.
 */
export interface TenantIdentity {
  tenantName: string;
  issuers: string[];
  domain: string;
}

export function interpretAuth0(collected: Auth0Collected, tenant: TenantIdentity): IdentityStoreFacts {
  const facts: IdentityStoreFacts = {
    scope: { kind: 'tenant', name: tenant.tenantName },
    issuers: observed(tenant.issuers),
    clients: collected.clients,
    identityProviders: mapObservation(collected.connections, (list) => list.map(identityProviderFacts).filter((p): p is IdentityProviderFacts => p !== undefined)),
    authentication: authenticationFacts(collected),
    bruteForce: bruteForceFacts(collected),
    sessions: mapObservation(collected.tenant, sessionFacts),
    registration: registrationFacts(collected),
    monitoring: monitoringFacts(collected),
    provisioning: provisioningFacts(collected),
    signingKeys: mapObservation(collected.signingKeys, signingKeyFacts),
    clientRegistration: mapObservation(collected.tenant, (t) => clientRegistrationFacts(t, tenant.domain)),
    userStats: collected.userStats,
  };
  const passwordPolicy = passwordPolicyFacts(collected);
  if (passwordPolicy) facts.passwordPolicy = passwordPolicy;
  return facts;
}

/** Auth0 keeps a session for `idle_session_lifetime` without activity, at most `session_lifetime`. */
export function sessionFacts(t: TenantRecord): SessionFacts {
  const facts: SessionFacts = {};
  if (t.sessionIdleSeconds !== undefined) facts.idleSeconds = t.sessionIdleSeconds;
  if (t.sessionAbsoluteSeconds !== undefined) facts.absoluteSeconds = t.sessionAbsoluteSeconds;
  return facts;
}

/**
 * Auth0's dynamic client registration (`POST /oidc/register`) takes no initial access token: when
 * the tenant flag is on, anyone may register a (third-party) application.
 */
export function clientRegistrationFacts(t: TenantRecord, domain: string): ClientRegistrationFacts {
  if (t.dynamicClientRegistration === true) {
    return {
      anonymousAllowed: true,
      restricted: false,
      detail: `flags.enable_dynamic_client_registration is on: anyone can register an application at https://${domain}/oidc/register without a credential`,
    };
  }
  return { anonymousAllowed: false, restricted: true, detail: 'flags.enable_dynamic_client_registration is off' };
}

/** Auth0 rotates signing keys only when an administrator asks (dashboard or `POST /keys/signing/rotate`). */
export function signingKeyFacts(keys: SigningKeyRecord[]): SigningKeyFacts {
  const current = keys.find((k) => k.status === 'current');
  return {
    rotation: 'manual',
    ...(current?.since ? { lastRotated: current.since } : {}),
    keys: keys.map((k) => ({ kid: k.kid, status: k.status, ...(k.since ? { since: k.since } : {}) })),
  };
}

