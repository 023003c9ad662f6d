import type { Observation } from '../../src/model/observation.js';
import type { Json } from './json.js';

/**
 * What collect.ts read from the Admin REST API, kept as plain JSON until interpret.ts maps it. Only
 * configuration lives here (a realm's worth, small); user records never do: they are streamed
 * straight into the ProfileStore page by page.
 */
export interface KeycloakRaw {
  realmName: string;
  issuer: string;
  /** `GET /admin/realms/{realm}` (RealmRepresentation). */
  realm: Observation<Json>;
  /** `GET /admin/realms/{realm}/events/config` (RealmEventsConfigRepresentation). */
  eventsConfig: Observation<Json>;
  /** `GET /admin/realms/{realm}/identity-provider/instances`, all pages. */
  identityProviders: Observation<Json[]>;
  /** `GET /admin/realms/{realm}/authentication/flows/{alias}/executions`, by flow alias. */
  flows: Map<string, Observation<Json[]>>;
  /** `GET /admin/realms/{realm}/authentication/required-actions`. */
  requiredActions: Observation<Json[]>;
  /** `GET /admin/realms/{realm}/clients`, all pages. */
  clients: Observation<Json[]>;
  /** `GET /admin/realms/{realm}/components?type=org.keycloak.storage.UserStorageProvider`. */
  userStorage: Observation<Json[]>;
  /** `GET /admin/realms/{realm}/components?type=org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy`. */
  registrationPolicies: Observation<Json[]>;
  /** `GET /admin/realms/{realm}/keys` (KeysMetadataRepresentation). */
  keys: Observation<Json>;
  /** `GET /admin/realms/{realm}/users/profile` (UPConfig). */
  userProfile: Observation<Json>;
}

/** Keycloak's built-in first broker login flow, used when neither the IdP nor the realm names one. */
export const DEFAULT_FIRST_BROKER_LOGIN_FLOW = 'first broker login';
