/**
 * Rejected rows, by reason, with the first line numbers of each. Never a value: the cells of an
 * export are personal data, line numbers are enough to find the row in the file.
 */
export const LINES_KEPT = 5;

export class RejectTally {
  readonly #byReason = new Map<string, { count: number; lines: number[] }>();
  #total = 0;

  add(reason: string, line: number): void {
    let entry = this.#byReason.get(reason);
    if (!entry) {
      entry = { count: 0, lines: [] };
      this.#byReason.set(reason, entry);
    }
    entry.count++;
    this.#total++;
    if (entry.lines.length < LINES_KEPT) entry.lines.push(line);
  }

  get total(): number {
    return this.#total;
  }

  /** e.g. `missing id: 1 (line 5); invalid date (createdAt): 7 (lines 9, 14, 20, 31, 44, ...)`. */
  summary(): string {
    return [...this.#byReason.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([reason, { count, lines }]) => {
        const more = count > lines.length ? ', ...' : '';
        return `${reason}: ${count} (line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}${more})`;
      })
      .join('; ');
  }
}
