import type { DatasetTracker } from '../../src/connector-kit/datasets.js';
import type { StoreCollection } from '../../src/connector-kit/store-collection.js';
import { interpretRecord, type Read } from './interpret.js';
import { UserStatsCounter, type UserStatsKnown } from '../../src/connector-kit/user-stats.js';
import type { UserStatsFacts } from '../../src/model/store-facts.js';
import { mappedCounts } from './user-stats.js';
import { RejectTally } from './rejects.js';
import type { ResolvedMapping } from './resolve-mapping.js';

/**
 * Where records go as they are read: each one is interpreted and added to the ProfileStore at
 * once, and only counts are kept here (rows, rejects by reason and line, duplicate ids, which mapped
 * columns ever held a value). No record outlives its call.
 */
export class Ingest<Ref> {
  rows = 0;
  duplicates = 0;
  /** The profiles cap (profiles.maxRecords) stopped the read. */
  capped = false;
  readonly rejects = new RejectTally();
  readonly #collection: StoreCollection;
  readonly #dataset: DatasetTracker;
  readonly #pageSize: number;
  readonly #onPage: (records: number) => void;
  readonly #userStats: boolean;
  readonly #ids = new Set<string>();
  readonly #filled = new Set<Ref>();
  #inPage = 0;
  #accepted = 0;
  #resolved: ResolvedMapping<Ref> | undefined;
  #stats: { counter: UserStatsCounter; known: UserStatsKnown } | undefined;

  constructor(options: { collection: StoreCollection; dataset: DatasetTracker; pageSize: number; userStats: boolean; onPage: (records: number) => void }) {
    this.#collection = options.collection;
    this.#dataset = options.dataset;
    this.#pageSize = options.pageSize;
    this.#userStats = options.userStats;
    this.#onPage = options.onPage;
  }

  get mapping(): ResolvedMapping<Ref> | undefined {
    return this.#resolved;
  }

  /** The userStats fact over the rows read (`total`: the rows of the file), when the target asks for it. */
  statsFacts(total: number): UserStatsFacts | undefined {
    return this.#stats?.counter.facts(total, this.#stats.known);
  }

  useMapping(resolved: ResolvedMapping<Ref>): void {
    this.#resolved = resolved;
    if (this.#userStats) this.#stats = { counter: new UserStatsCounter(), known: mappedCounts(resolved.compiled) };
  }

  /** One record; false when the profiles cap is reached and reading should stop. */
  record(read: Read<Ref>, line: number): boolean {
    const resolved = this.#resolved;
    if (!resolved) throw new Error('record before the mapping was resolved');
    this.rows++;
    const filled = this.#filled;
    const outcome = interpretRecord(resolved.compiled, (ref) => {
      const values = read(ref);
      if (!filled.has(ref) && values.some((v) => v.trim() !== '')) filled.add(ref);
      return values;
    });
    if ('reject' in outcome) {
      this.rejects.add(outcome.reject, line);
      return true;
    }
    if (!this.#collection.addProfile(outcome.profile, this.#dataset)) {
      // This row was not taken: it is not counted as read.
      this.rows--;
      this.capped = true;
      return false;
    }
    // Duplicate ids are findings for the identity analysis (both records are kept), not parse errors.
    if (this.#ids.has(outcome.profile.localId)) this.duplicates++;
    else this.#ids.add(outcome.profile.localId);
    this.#stats?.counter.add(outcome.profile);
    this.#accepted++;
    if (++this.#inPage === this.#pageSize) this.flush();
    return true;
  }

  reject(reason: string, line: number): void {
    this.rows++;
    this.rejects.add(reason, line);
  }

  /** Close the current batch of records ("page" in the coverage). */
  flush(): void {
    if (this.#inPage === 0) return;
    this.#dataset.page(this.#inPage);
    this.#inPage = 0;
    this.#onPage(this.#dataset.records);
  }

  /**
   * Mapped columns that were empty in every record taken (a likely mapping mistake in JSON Lines).
   * Rows rejected for a missing id are not looked at further, so with none taken nothing is said.
   */
  neverFilled(): string[] {
    if (!this.#resolved || this.#accepted === 0) return [];
    return [...this.#resolved.names.entries()].filter(([ref]) => !this.#filled.has(ref)).map(([, name]) => name);
  }
}
