import { ProfileStore, type ProfileInput } from '../../src/identity/profile-store.js';
import { buildInventory, type Inventory } from '../../src/inventory.js';
import { observed, unknownObservation, type Observation, type UnknownReason } from '../../src/model/observation.js';
import type { Facts, SystemSnapshot } from '../../src/model/snapshot.js';
import type { ClientFacts, IdentityProviderFacts, IdentityStoreFacts } from '../../src/model/store-facts.js';
import { rawCollection, type AsScenario } from './oidc-inventory.js';
import { interpretOidc } from '../../connectors/oidc/interpret.js';

/**
 * Inventories with identity stores for rule tests: state the normalised facts a connector would
 * produce (and optionally authorization servers and profiles) and get a plain Inventory.
 */
export interface StoreScenario {
  targetId?: string;
  product?: string;
  facts?: Partial<IdentityStoreFacts>;
  profiles?: ProfileInput[];
  /** Authorization servers found inside the store (Okta custom authorization servers). */
  authorizationServers?: AsScenario[];
}

export const ok = observed;

export function noPermission<T>(permission: string): Observation<T> {
  return unknownObservation({ kind: 'no-permission', detail: `access denied (HTTP 403)`, permission, remediation: `grant ${permission}` });
}

export function notRead<T>(reason: Partial<UnknownReason> = {}): Observation<T> {
  return unknownObservation({ kind: 'collection-error', detail: 'TIMEOUT: no answer', ...reason });
}

export function client(overrides: Partial<ClientFacts> & { id: string }): ClientFacts {
  return {
    enabled: true,
    type: 'confidential',
    grants: ['authorization_code', 'refresh_token'],
    redirectUris: [`https://${overrides.id}.example.com/callback`],
    pkce: { required: true, method: 'S256' },
    authMethod: 'private_key_jwt',
    serviceAccount: false,
    ...overrides,
  };
}

export function idp(overrides: Partial<IdentityProviderFacts> & { alias: string }): IdentityProviderFacts {
  return {
    protocol: 'oidc',
    provider: 'oidc',
    category: 'enterprise',
    enabled: true,
    linking: { mode: 'confirm', matchOn: 'email' },
    validateSignature: true,
    pkce: { enabled: true, method: 'S256' },
    ...overrides,
  };
}

export function storeSnapshot(s: StoreScenario, index = 0): SystemSnapshot {
  const targetId = s.targetId ?? (index === 0 ? 'store' : `store-${index + 1}`);
  const facts: Facts = {
    identityStore: { scope: { kind: 'realm', name: 'customers' }, ...(s.facts ?? {}) },
  };
  if (s.authorizationServers) facts.authorizationServers = s.authorizationServers.map((a) => interpretOidc(rawCollection(a)).facts);
  const snapshot: SystemSnapshot = {
    targetId,
    kind: 'identity-store',
    product: s.product ?? 'keycloak',
    facts,
    coverage: { datasets: [], requests: 0, retries: 0, throttled: 0, missingPermissions: [] },
    errors: [],
  };
  if (s.profiles) {
    const store = new ProfileStore(targetId);
    for (const p of s.profiles) store.add(p);
    snapshot.profiles = store;
  }
  return snapshot;
}

export function storeInventory(
  scenarios: StoreScenario | StoreScenario[],
  options: { extra?: SystemSnapshot[]; profile?: 'default' | 'fapi2'; scannedAt?: string } = {},
): Inventory {
  const list = Array.isArray(scenarios) ? scenarios : [scenarios];
  return buildInventory([...list.map(storeSnapshot), ...(options.extra ?? [])], {
    scannedAt: options.scannedAt ?? '2026-06-01T00:00:00.000Z',
    settings: { profile: options.profile ?? 'default' },
  });
}
