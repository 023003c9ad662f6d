import type { ProfileInput } from '../identity/profile-store.js';
import { ProfileStore } from '../identity/profile-store.js';
import { storeRecords, type SyntheticRecord, type WorldSpec } from './world.js';

/**
 * A synthetic record as the connectors would have normalised it: parsed from JSON, so its strings
 * are flat like theirs (the generator builds them by concatenation, which V8 keeps as chains of
 * parts that would make the profile store look several times larger than it is in a scan).
 */
export function toProfileInput(r: SyntheticRecord): ProfileInput {
  return JSON.parse(JSON.stringify(profileInputOf(r))) as ProfileInput;
}

function profileInputOf(r: SyntheticRecord): ProfileInput {
  const filled = [r.emails.length > 0, r.phones.length > 0, r.given !== undefined, r.family !== undefined].filter(Boolean).length;
  return {
    localId: r.localId,
    emails: r.emails.map((e, i) => ({ address: e.address, verified: e.verified, primary: i === 0 })),
    phones: r.phones,
    names: { ...(r.given !== undefined ? { given: r.given } : {}), ...(r.family !== undefined ? { family: r.family } : {}) },
    links: r.links,
    status: r.status,
    ...(r.lifecycle ? { lifecycle: r.lifecycle } : {}),
    consent: { marketing: r.marketingConsent },
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    filledAttributes: filled,
    origin: r.origin,
  };
}

/** Load one store of a world into a ProfileStore; the ground truth (person id per profile) comes back alongside. */
export function loadStore(world: WorldSpec, storeId: string, targetId = storeId): { store: ProfileStore; truth: string[] } {
  const store = new ProfileStore(targetId);
  const truth: string[] = [];
  for (const r of storeRecords(world, storeId)) {
    store.add(toProfileInput(r));
    truth.push(r.personId);
  }
  return { store, truth };
}
