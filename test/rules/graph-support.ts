import { buildInventory, type Inventory } from '../../src/inventory.js';
import type { CrmFacts } from '../../src/model/crm-facts.js';
import { emptyIdentityGraph, type GraphTarget, type IdentityGraph } from '../../src/model/identity.js';
import { emptyCoverage, type DatasetCoverage, type SystemSnapshot } from '../../src/model/snapshot.js';
import { storeSnapshot, type StoreScenario } from '../support/store-inventory.js';

/**
 * Builders for the identity-graph and CRM rule tests: identity stores (through
 * test/support/store-inventory.ts), CRM snapshots with normalised CrmFacts, profile-dataset coverage,
 * and identity graphs written by hand as plain IdentityGraph objects.
 */

export const SCANNED_AT = '2026-06-01T00:00:00.000Z';

/** The graph when no profiles were read (what src/identity/graph.ts returns then). */
export const NOT_BUILT: IdentityGraph = emptyIdentityGraph('no identity store or CRM profiles were read');

export interface GraphStoreScenario extends StoreScenario {
  targetId: string;
  /** Coverage datasets, e.g. a `users` dataset that was not read. */
  datasets?: DatasetCoverage[];
}

export interface CrmScenario {
  targetId: string;
  product?: string;
  /** The CRM facts; omitted: a contacts export without CRM facts (the file connector). */
  crm?: CrmFacts;
  datasets?: DatasetCoverage[];
}

export function graphStoreSnapshot(s: GraphStoreScenario): SystemSnapshot {
  const snapshot = storeSnapshot(s);
  return s.datasets ? { ...snapshot, coverage: { ...snapshot.coverage, datasets: s.datasets } } : snapshot;
}

export function crmSnapshot(c: CrmScenario): SystemSnapshot {
  return {
    targetId: c.targetId,
    kind: 'crm',
    product: c.product ?? 'salesforce',
    facts: c.crm ? { crm: c.crm } : {},
    coverage: { ...emptyCoverage(), datasets: c.datasets ?? [] },
    errors: [],
  };
}

/** An inventory of identity stores, CRMs and any other snapshots (e.g. authorization servers). */
export function scan(parts: { stores?: GraphStoreScenario[]; crms?: CrmScenario[]; extra?: SystemSnapshot[] }): Inventory {
  return buildInventory([...(parts.stores ?? []).map(graphStoreSnapshot), ...(parts.crms ?? []).map(crmSnapshot), ...(parts.extra ?? [])], { scannedAt: SCANNED_AT });
}

/** A profile dataset that was not read, with the reason the connector records. */
export function unreadProfiles(name = 'users', reason = 'profiles.read is false for this target: configuration only', state: DatasetCoverage['state'] = 'not-applicable'): DatasetCoverage {
  return { name, state, reason };
}

/** A profile dataset that was read completely and held nothing. */
export function emptyProfiles(name = 'users'): DatasetCoverage {
  return { name, state: 'complete', records: 0 };
}

export function store(targetId: string, profiles: number, people = profiles): GraphTarget {
  return { targetId, kind: 'identity-store', profiles, people, withoutIdentifiers: 0 };
}

export function crm(targetId: string, profiles: number, people = profiles): GraphTarget {
  return { targetId, kind: 'crm', profiles, people, withoutIdentifiers: 0 };
}

/** A built graph over `targets`; other sections as given. */
export function graphOf(targets: GraphTarget[], sections: Omit<Partial<IdentityGraph>, 'built' | 'targets'> = {}): IdentityGraph {
  return { built: true, profilesPerTarget: targets.map((t) => ({ targetId: t.targetId, profiles: t.profiles })), targets, ...sections };
}
