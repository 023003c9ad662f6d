import type { AuthorizationServerFacts } from './model/as-facts.js';
import type { SystemSnapshot } from './model/snapshot.js';
import type { IdentityStoreFacts } from './model/store-facts.js';

/** Earlier observations carried over from stored reports (src/history), for rules that need time. */
export interface PriorObservations {
  /** Per target and issuer: every signing key seen, with the first and last scan that saw it. */
  keySightings: Record<string, Record<string, KeySighting[]>>;
  /** Start time of the oldest report consulted, if any. */
  since?: string;
}

export interface KeySighting {
  kid?: string;
  thumbprint: string;
  firstSeen: string;
  lastSeen: string;
}

/** Settings that change how rules judge, chosen by the operator. */
export interface InventorySettings {
  /** `fapi2` raises the rules that FAPI 2.0 makes mandatory. */
  profile: 'default' | 'fapi2';
}

/** All snapshots of one scan, plus what history adds. Plain data, so rules test on plain objects. */
export interface Inventory {
  /** The scan's start: rules use it as "now" so that they stay pure and repeatable. */
  scannedAt: string;
  snapshots: SystemSnapshot[];
  prior: PriorObservations;
  settings: InventorySettings;
}

export function buildInventory(
  snapshots: SystemSnapshot[],
  options: { scannedAt: string; prior?: PriorObservations; settings?: Partial<InventorySettings> },
): Inventory {
  return {
    scannedAt: options.scannedAt,
    snapshots: [...snapshots].sort((a, b) => a.targetId.localeCompare(b.targetId)),
    prior: options.prior ?? { keySightings: {} },
    settings: { profile: options.settings?.profile ?? 'default' },
  };
}

export interface AuthorizationServerEntry {
  targetId: string;
  product: string;
  as: AuthorizationServerFacts;
}

/** Every authorization server of every target, in a stable order. */
export function authorizationServers(inventory: Inventory): AuthorizationServerEntry[] {
  const out: AuthorizationServerEntry[] = [];
  for (const snapshot of inventory.snapshots) {
    for (const as of snapshot.facts.authorizationServers ?? []) {
      out.push({ targetId: snapshot.targetId, product: snapshot.product, as });
    }
  }
  return out;
}

export interface IdentityStoreEntry {
  targetId: string;
  product: string;
  store: IdentityStoreFacts;
  /** The store's subject in findings: its scope name (realm, tenant, org, directory, file). */
  subject: string;
}

/** Every identity store of the scan (targets whose connector produced identity-store facts). */
export function identityStores(inventory: Inventory): IdentityStoreEntry[] {
  const out: IdentityStoreEntry[] = [];
  for (const snapshot of inventory.snapshots) {
    const store = snapshot.facts.identityStore;
    if (store) out.push({ targetId: snapshot.targetId, product: snapshot.product, store, subject: `${store.scope.kind} ${store.scope.name}` });
  }
  return out;
}
