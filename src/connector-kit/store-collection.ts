import type { HttpStats } from '../http/types.js';
import { ProfileStore, type ProfileInput } from '../identity/profile-store.js';
import type { ScanError } from '../model/errors.js';
import type { SystemKind } from '../model/outcome.js';
import type { DatasetCoverage, Facts, SystemSnapshot } from '../model/snapshot.js';
import type { IdentityProfileOptions } from '../config/target-base.js';
import { compileConsent, type ConsentMapping } from './consent.js';
import { DatasetTracker } from './datasets.js';
import type { ObserveSink } from './observe.js';

/**
 * What an identity-store or CRM connector accumulates while it reads: errors, missing permissions,
 * dataset trackers and the profiles, and the snapshot built from them. One instance per target.
 */
export class StoreCollection implements ObserveSink {
  readonly targetId: string;
  readonly errors: ScanError[] = [];
  readonly missingPermissions = new Set<string>();
  readonly profiles: ProfileStore;
  readonly #datasets = new Map<string, DatasetTracker>();
  /** Coverage of datasets read by another connector's code (e.g. the OIDC scan of Okta's authorization servers). */
  readonly #extraCoverage: DatasetCoverage[] = [];
  readonly #profileOptions: IdentityProfileOptions;
  /** The operator's `profiles.consent`, compiled once: connectors read the value, this says what it means. */
  readonly consent: ConsentMapping | undefined;
  /** The dataset profiles went into (the consent notes are reported on it). */
  #profileDataset: DatasetTracker | undefined;

  constructor(targetId: string, profileOptions: IdentityProfileOptions = {}) {
    this.targetId = targetId;
    this.profiles = new ProfileStore(targetId);
    this.#profileOptions = profileOptions;
    this.consent = compileConsent(profileOptions.consent);
  }

  dataset(name: string): DatasetTracker {
    let tracker = this.#datasets.get(name);
    if (!tracker) {
      tracker = new DatasetTracker(name);
      this.#datasets.set(name, tracker);
    }
    return tracker;
  }

  addCoverage(coverage: DatasetCoverage): void {
    this.#extraCoverage.push(coverage);
  }

  /** Whether the operator wants profiles at all (`profiles.read: false` is configuration only). */
  get readProfiles(): boolean {
    return this.#profileOptions.read !== false;
  }

  /** Page size: the operator's choice, bounded by the vendor maximum. */
  pageSize(vendorDefault: number, vendorMax: number): number {
    return Math.min(this.#profileOptions.pageSize ?? vendorDefault, vendorMax);
  }

  /**
   * Add one profile; false when the configured cap is reached (the caller stops paging and the
   * dataset is marked partial with the reason).
   */
  addProfile(profile: ProfileInput, dataset: DatasetTracker): boolean {
    this.#profileDataset ??= dataset;
    const cap = this.#profileOptions.maxRecords;
    if (cap !== undefined && this.profiles.size >= cap) {
      dataset.stopped('partial', `stopped at maxRecords ${cap}`);
      return false;
    }
    this.profiles.add(profile);
    return true;
  }

  /** The dataset was skipped on purpose (`profiles.read: false`). */
  skipProfiles(name: string): void {
    this.dataset(name).stopped('not-applicable', 'profiles.read is false for this target: configuration only');
  }

  snapshot(kind: SystemKind, product: string, facts: Facts, stats?: HttpStats): SystemSnapshot {
    const consentNotes = this.consent?.notes();
    const coverageOf = (d: DatasetTracker): DatasetCoverage => {
      const coverage = d.coverage();
      if (d !== this.#profileDataset || !consentNotes) return coverage;
      return { ...coverage, reason: coverage.reason ? `${coverage.reason}. ${consentNotes}` : consentNotes };
    };
    return {
      targetId: this.targetId,
      kind,
      product,
      facts,
      ...(this.profiles.size > 0 ? { profiles: this.profiles } : {}),
      coverage: {
        datasets: [...[...this.#datasets.values()].map(coverageOf), ...this.#extraCoverage].sort((a, b) => a.name.localeCompare(b.name)),
        requests: stats?.requests ?? 0,
        retries: stats?.retries ?? 0,
        throttled: stats?.throttled ?? 0,
        missingPermissions: [...this.missingPermissions].sort(),
      },
      errors: this.errors,
    };
  }
}
