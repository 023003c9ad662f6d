/**
 * Deterministic pseudo-randomness keyed by (seed, purpose, index): any person or record can be
 * generated on its own, in any order, without holding the others — so 2M profiles stream in O(1)
 * memory and every store sees the same person the same way.
 */

/** 32-bit FNV-1a over a string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for test data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  readonly #next: () => number;
  constructor(seed: number, ...keys: Array<string | number>) {
    this.#next = mulberry32(fnv1a(`${seed}|${keys.join('|')}`));
  }
  /** [0, 1) */
  float(): number {
    return this.#next();
  }
  chance(p: number): boolean {
    return this.#next() < p;
  }
  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.#next() * (maxInclusive - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.#next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  /** Skewed pick: early items are more frequent (Zipf-like), as real name frequencies are. */
  pickSkewed<T>(items: readonly T[]): T {
    const u = this.#next();
    const index = Math.floor(items.length * u ** 1.8);
    return items[Math.min(items.length - 1, index)] as T;
  }
  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += String(Math.floor(this.#next() * 10));
    return out;
  }
}

/** A stable value in [0, 1) for a decision about one entity, independent of any other draw. */
export function unit(seed: number, ...keys: Array<string | number>): number {
  return new Rng(seed, ...keys).float();
}
