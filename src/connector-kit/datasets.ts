import type { ScanError } from '../model/errors.js';
import type { DatasetCoverage, DatasetState } from '../model/snapshot.js';

/**
 * Tracks one dataset's completeness while a connector reads it: pages and records read, the total
 * the API reported, and why it stopped early. A partial read stays visible in the report and no
 * rule passes on it.
 */
export class DatasetTracker {
  readonly name: string;
  #pages = 0;
  #records = 0;
  #total: number | undefined;
  #state: DatasetState | undefined;
  #reason: string | undefined;

  constructor(name: string) {
    this.name = name;
  }

  page(records: number): void {
    this.#pages++;
    this.#records += records;
  }

  total(total: number | undefined): void {
    if (total !== undefined && Number.isFinite(total) && total >= 0) this.#total = total;
  }

  get records(): number {
    return this.#records;
  }

  get reportedTotal(): number | undefined {
    return this.#total;
  }

  /** Reading stopped on an error: what was read is kept. */
  failed(error: ScanError): void {
    this.#state = this.#records > 0 ? 'partial' : 'not-read';
    this.#reason = `${error.code}: ${error.message}`;
  }

  /** Reading stopped on purpose (a configured cap, the operator's opt-out, a missing permission). */
  stopped(state: DatasetState, reason: string): void {
    this.#state = state;
    this.#reason = reason;
  }

  coverage(): DatasetCoverage {
    let state = this.#state;
    let reason = this.#reason;
    if (!state) {
      // Paging ended normally; a reported total above what was read means records vanished or paging lied.
      if (this.#total !== undefined && this.#records < this.#total) {
        state = 'partial';
        reason = `read ${this.#records} of the ${this.#total} the API reported`;
      } else state = 'complete';
    }
    const out: DatasetCoverage = { name: this.name, state, records: this.#records, pages: this.#pages };
    if (this.#total !== undefined) out.total = this.#total;
    if (reason) out.reason = reason;
    return out;
  }
}
