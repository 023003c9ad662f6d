/**
 * The CRM simulator's view of its seed data: an index space of synthetic records, either an array
 * or a generator function `(index) => record | undefined` with a `count` (holes allowed), so a
 * million contacts are never held at once. Everything here walks that space lazily:
 * - counts (a query's totalSize, a search's total) come from one full pass per predicate, done in
 *   slices that yield to the event loop and cached;
 * - pages are found by scanning forward from the nearest position already handed out (a cursor
 *   remembers, per ordinal it returned, the raw index where the next record starts).
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { SyntheticRecord } from '../../synthetic/world.js';

/** The two seed forms of the contract. */
export type CrmContacts = SyntheticRecord[] | (((index: number) => SyntheticRecord | undefined) & { count: number });

export interface RecordSource {
  /** Size of the index space (records plus holes). */
  readonly count: number;
  at(index: number): SyntheticRecord | undefined;
}

export function recordSource(contacts: CrmContacts): RecordSource {
  if (Array.isArray(contacts)) return { count: contacts.length, at: (index) => contacts[index] };
  const count = Math.max(0, Math.floor(contacts.count));
  return { count, at: (index) => (index >= 0 && index < count ? contacts(index) : undefined) };
}

/** Records examined between two yields to the event loop (about 10-20 ms of generation). */
const SLICE = 1_000;

export type RecordPredicate = (record: SyntheticRecord, index: number) => boolean;

export interface Hit {
  index: number;
  record: SyntheticRecord;
}

/**
 * Up to `want` records accepted by the predicate, from raw index `start`; `next` is where the
 * following scan starts. Yields to the event loop every SLICE records examined.
 */
export async function scanFrom(source: RecordSource, start: number, accept: RecordPredicate, want: number): Promise<{ hits: Hit[]; next: number }> {
  const hits: Hit[] = [];
  let index = Math.max(0, start);
  let examined = 0;
  while (index < source.count && hits.length < want) {
    const record = source.at(index);
    if (record && accept(record, index)) hits.push({ index, record });
    index += 1;
    examined += 1;
    if (examined % SLICE === 0) await yieldToEventLoop();
  }
  return { hits, next: index };
}

/** Cached full-pass counts, one per predicate key (bounded: the oldest keys are dropped first). */
export class CountCache {
  readonly #counts = new Map<string, Promise<number>>();
  constructor(
    private readonly source: RecordSource,
    private readonly maxKeys = 256,
  ) {}

  count(key: string, accept: RecordPredicate): Promise<number> {
    const cached = this.#counts.get(key);
    if (cached) return cached;
    const pending = this.#scan(accept);
    this.#counts.set(key, pending);
    pending.catch(() => this.#counts.delete(key));
    while (this.#counts.size > this.maxKeys) {
      const oldest = this.#counts.keys().next().value;
      if (oldest === undefined) break;
      this.#counts.delete(oldest);
    }
    return pending;
  }

  async #scan(accept: RecordPredicate): Promise<number> {
    let n = 0;
    for (let index = 0; index < this.source.count; index++) {
      const record = this.source.at(index);
      if (record && accept(record, index)) n += 1;
      if ((index + 1) % SLICE === 0) await yieldToEventLoop();
    }
    return n;
  }
}

/**
 * Where the records of one filtered listing start: ordinal (how many accepted records come before)
 * → raw index. Seeded with 0 → 0; every page served adds its end, so the next page (or the same
 * page again) is found without rescanning from the start.
 */
export class Positions {
  readonly #starts = new Map<number, number>([[0, 0]]);

  remember(ordinal: number, rawIndex: number): void {
    this.#starts.set(ordinal, rawIndex);
  }

  /** The known position closest below (or at) the ordinal. */
  nearest(ordinal: number): { ordinal: number; index: number } {
    let best = { ordinal: 0, index: 0 };
    for (const [o, i] of this.#starts) if (o <= ordinal && o >= best.ordinal) best = { ordinal: o, index: i };
    return best;
  }
}

/**
 * The `want` accepted records starting at `ordinal` of a filtered listing, and the raw index after
 * the last of them (remembered as the start of the next page).
 */
export async function pageAt(source: RecordSource, positions: Positions, ordinal: number, want: number, accept: RecordPredicate): Promise<{ hits: Hit[]; next: number }> {
  const from = positions.nearest(ordinal);
  let start = from.index;
  if (from.ordinal < ordinal) {
    const skipped = await scanFrom(source, start, accept, ordinal - from.ordinal);
    start = skipped.next;
    if (skipped.hits.length < ordinal - from.ordinal) return { hits: [], next: source.count };
    positions.remember(ordinal, start);
  }
  const page = await scanFrom(source, start, accept, want);
  positions.remember(ordinal + page.hits.length, page.next);
  return page;
}
