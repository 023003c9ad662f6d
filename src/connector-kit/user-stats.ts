import type { ProfileInput } from '../identity/profile-store.js';
import type { UserStatsFacts } from '../model/store-facts.js';

/**
 * The `userStats` fact of an identity store, counted while its users stream past: counts only, no
 * personal data. One counter for every connector, so that "verified", "federated" and "several
 * identities" mean the same whichever product the users came from.
 *
 * - enabled / disabled: the profile's status;
 * - emailVerified / emailUnverified: the primary address (the one marked primary, else the first)
 *   with an explicit flag; an address without a flag is neither;
 * - withFederatedIdentity / withSeveralIdentities: federated-identity links, or the product's own
 *   count of linked identities when it keeps one (Auth0's `identities[]`).
 */
export interface UserStatsKnown {
  /** The status was read (a file whose mapping names no status column: false). */
  status?: boolean;
  /** Verification flags were read; the counts appear only when some primary address carried one. */
  verified?: boolean;
  /** Every user's linked identities were read, so the counts of federated users mean something. */
  federated?: boolean;
}

export class UserStatsCounter {
  #read = 0;
  #enabled = 0;
  #disabled = 0;
  #flagged = 0;
  #verified = 0;
  #unverified = 0;
  #federated = 0;
  #several = 0;

  get read(): number {
    return this.#read;
  }

  /** `identities`: the product's count of identities linked to the account, when it has one. */
  add(profile: ProfileInput, identities?: number): void {
    this.#read++;
    if (profile.status === 'active') this.#enabled++;
    if (profile.status === 'disabled') this.#disabled++;
    const primary = profile.emails.find((e) => e.primary) ?? profile.emails[0];
    if (primary?.verified !== undefined) this.#flagged++;
    if (primary?.verified === true) this.#verified++;
    if (primary?.verified === false) this.#unverified++;
    const federated = profile.links.filter((l) => l.kind === 'federated-identity').length;
    if (federated >= 1) this.#federated++;
    if ((identities ?? federated) >= 2) this.#several++;
  }

  /** `total`: the store's own count when it gives one (otherwise the users read). */
  facts(total?: number, known: UserStatsKnown = {}): UserStatsFacts {
    const facts: UserStatsFacts = { total: total ?? this.#read, read: this.#read };
    if (known.status !== false) {
      facts.enabled = this.#enabled;
      facts.disabled = this.#disabled;
    }
    if (known.verified !== false && this.#flagged > 0) {
      facts.emailVerified = this.#verified;
      facts.emailUnverified = this.#unverified;
    }
    if (known.federated !== false) {
      facts.withFederatedIdentity = this.#federated;
      facts.withSeveralIdentities = this.#several;
    }
    return facts;
  }
}
