import { observed, type Observation } from '../../src/model/observation.js';
import type { ClientFacts, IdentityStoreFacts, TokenPolicyFacts, UserStatsFacts } from '../../src/model/store-facts.js';
import { clientFromOktaApp, isOidcApp } from './interpret-apps.js';
import { authenticationFacts } from './interpret-authn.js';
import { identityProviderFromOkta } from './interpret-idps.js';
import { monitoringFacts, provisioningFacts } from './interpret-monitoring.js';
import { bruteForceFacts, passwordPolicyFacts, registrationFacts, sessionFacts } from './interpret-policies.js';
import { issuerFacts, signingKeyFacts, tokenPolicyFacts } from './interpret-servers.js';
import type { OktaRawCollection } from './raw.js';
import { orgHost } from './urls.js';

/**
 * Pure: what collect.ts read from an Okta org, to the normalised IdentityStoreFacts rules read.
 * No I/O, no clock; every vendor field is read through the helpers in json.ts.
 */
export function interpretOkta(raw: OktaRawCollection, userStats?: Observation<UserStatsFacts>): IdentityStoreFacts {
  const clients = mapObservation(raw.apps, (apps) => apps.filter(isOidcApp).map(clientFromOktaApp));
  const facts: IdentityStoreFacts = {
    scope: { kind: 'org', name: orgHost(raw.orgUrl) },
    issuers: issuerFacts(raw),
    clients,
    identityProviders: mapObservation(raw.idps, (idps) => idps.map(identityProviderFromOkta)),
    authentication: authenticationFacts(raw),
    passwordPolicy: passwordPolicyFacts(raw),
    bruteForce: bruteForceFacts(raw),
    sessions: sessionFacts(raw),
    tokens: tokenPolicyFacts(raw, refreshRotation(clients)),
    registration: registrationFacts(raw),
    monitoring: monitoringFacts(raw),
    provisioning: provisioningFacts(raw),
    signingKeys: signingKeyFacts(raw),
    // Documented platform behaviour, not a reading: Okta's /oauth2/v1/clients (DCR) needs an access
    // token with okta.clients.register; there is no anonymous registration to switch on.
    clientRegistration: observed({
      anonymousAllowed: false,
      restricted: true,
      detail: 'Okta dynamic client registration requires an access token with the okta.clients.register scope',
    }),
  };
  if (userStats) facts.userStats = userStats;
  return facts;
}

export function mapObservation<A, B>(source: Observation<A>, map: (value: A) => B): Observation<B> {
  return source.state === 'observed' ? observed(map(source.value)) : source;
}

/** The org-wide picture for public clients that receive refresh tokens: one static one is enough to say static. */
function refreshRotation(clients: Observation<ClientFacts[]>): TokenPolicyFacts['refreshRotation'] {
  if (clients.state === 'unknown') return undefined;
  const rotations = clients.value.filter((c) => c.enabled && c.type === 'public' && c.refreshTokens?.issued).map((c) => c.refreshTokens?.rotation);
  if (rotations.length === 0) return undefined;
  if (rotations.includes('static')) return 'static';
  return rotations.every((r) => r === 'rotating') ? 'rotating' : 'unknown';
}
