import type { ProfileInput } from '../../src/identity/profile-store.js';
import type { UserStatsFacts } from '../../src/model/store-facts.js';
import type { CompiledMapping } from './mapping.js';

/**
 * Counts over the users read (no personal data): userStats. A count whose field is not mapped stays
 * absent — unknown, not zero. The verified counts appear only when some primary address carried a
 * flag: a mapped column that is empty everywhere tells nothing.
 */
export class UserStatsTally {
  #read = 0;
  #enabled = 0;
  #disabled = 0;
  #verified = 0;
  #unverified = 0;
  #flagged = 0;
  #federated = 0;
  #several = 0;
  readonly #mapped: { status: boolean; verified: boolean; federated: boolean };

  constructor(mapped: { status: boolean; verified: boolean; federated: boolean }) {
    this.#mapped = mapped;
  }

  add(profile: ProfileInput): void {
    this.#read++;
    if (profile.status === 'active') this.#enabled++;
    if (profile.status === 'disabled') this.#disabled++;
    const primary = profile.emails[0];
    if (primary?.verified !== undefined) this.#flagged++;
    if (primary?.verified === true) this.#verified++;
    if (primary?.verified === false) this.#unverified++;
    const identities = profile.links.filter((l) => l.kind === 'federated-identity').length;
    if (identities >= 1) this.#federated++;
    if (identities >= 2) this.#several++;
  }

  facts(total: number): UserStatsFacts {
    const facts: UserStatsFacts = { total, read: this.#read };
    if (this.#mapped.status) {
      facts.enabled = this.#enabled;
      facts.disabled = this.#disabled;
    }
    if (this.#mapped.verified && this.#flagged > 0) {
      facts.emailVerified = this.#verified;
      facts.emailUnverified = this.#unverified;
    }
    if (this.#mapped.federated) {
      facts.withFederatedIdentity = this.#federated;
      facts.withSeveralIdentities = this.#several;
    }
    return facts;
  }
}

/** What was mapped, for UserStatsTally. */
export function mappedCounts<Ref>(m: CompiledMapping<Ref>): { status: boolean; verified: boolean; federated: boolean } {
  return {
    status: m.status !== undefined,
    verified: m.emails[0]?.verified !== undefined,
    federated: m.links.some((l) => l.kind === 'federated-identity'),
  };
}
