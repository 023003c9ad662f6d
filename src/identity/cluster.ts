import { compareGiven, NAME } from './comparison.js';

/**
 * Union–find over accepted pairs, with a guard against chaining: two clusters are not merged when
 * their members carry conflicting given names (Mary vs John), which is how a shared household or
 * role mailbox would otherwise glue different people into one "customer". Explicit links (the
 * same federated subject, a stored key) are certain and merge without the guard.
 */
export class Clusters {
  readonly #parent: Int32Array;
  readonly #size: Int32Array;
  /** Distinct canonical given names per root (at most a few; more means the guard already failed). */
  readonly #names = new Map<number, string[]>();
  prevented = 0;

  constructor(size: number, givenOf: (g: number) => string) {
    this.#parent = new Int32Array(size);
    this.#size = new Int32Array(size).fill(1);
    for (let i = 0; i < size; i++) this.#parent[i] = i;
    this.#givenOf = givenOf;
  }

  readonly #givenOf: (g: number) => string;

  find(x: number): number {
    let root = x;
    while ((this.#parent[root] as number) !== root) root = this.#parent[root] as number;
    // Path compression.
    while ((this.#parent[x] as number) !== root) {
      const next = this.#parent[x] as number;
      this.#parent[x] = root;
      x = next;
    }
    return root;
  }

  #namesOf(root: number): string[] {
    const known = this.#names.get(root);
    if (known) return known;
    const given = this.#givenOf(root);
    return given ? [given] : [];
  }

  /** Whether merging would put conflicting given names into one cluster. */
  conflicts(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    const na = this.#namesOf(ra);
    const nb = this.#namesOf(rb);
    return na.some((x) => nb.some((y) => compareGiven(x, y) === NAME.different));
  }

  /** Merge; returns false when the guard refused (counted in `prevented`). */
  union(a: number, b: number, certain = false): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return true;
    if (!certain && this.conflicts(ra, rb)) {
      this.prevented++;
      return false;
    }
    const [big, small] = (this.#size[ra] as number) >= (this.#size[rb] as number) ? [ra, rb] : [rb, ra];
    this.#parent[small] = big;
    this.#size[big] = (this.#size[big] as number) + (this.#size[small] as number);
    // Most merges join records of one given name: no new list then (a million merges, no garbage).
    const kept = this.#namesOf(big);
    let names = kept;
    for (const name of this.#namesOf(small)) {
      if (names.includes(name) || names.length >= 8) continue;
      if (names === kept) names = [...kept];
      names.push(name);
    }
    if (names !== kept) this.#names.set(big, names);
    this.#names.delete(small);
    return true;
  }

  sizeOf(x: number): number {
    return this.#size[this.find(x)] as number;
  }

  /** Members of every cluster with at least `minSize` members, keyed by root. */
  groups(minSize = 2): Map<number, number[]> {
    const out = new Map<number, number[]>();
    for (let i = 0; i < this.#parent.length; i++) {
      const root = this.find(i);
      if ((this.#size[root] as number) < minSize) continue;
      const list = out.get(root);
      if (list) list.push(i);
      else out.set(root, [i]);
    }
    return out;
  }
}
