/**
 * A typed array that grows by doubling while a build appends to it: millions of numbers without
 * a JavaScript array of boxed values. `data` may be longer than `length`; `done()` trims it.
 */
type NumberArray = Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array;

export class Growable<T extends NumberArray> {
  data: T;
  length = 0;
  readonly #make: (size: number) => T;

  constructor(make: (size: number) => T, capacity = 1024) {
    this.#make = make;
    this.data = make(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) this.#reserve(this.length + 1);
    this.data[this.length++] = value;
  }

  /** Write at any index, growing (zero-filled) as needed. */
  set(i: number, value: number): void {
    if (i >= this.data.length) this.#reserve(i + 1);
    this.data[i] = value;
    if (i >= this.length) this.length = i + 1;
  }

  /** The values, trimmed to `length` (a copy: the spare capacity is released). */
  done(): T {
    return this.data.slice(0, this.length) as T;
  }

  #reserve(size: number): void {
    const next = this.#make(Math.max(this.data.length * 2, size));
    next.set(this.data);
    this.data = next;
  }
}

export const uint32List = (capacity?: number): Growable<Uint32Array> => new Growable((n) => new Uint32Array(n), capacity);
export const float64List = (capacity?: number): Growable<Float64Array> => new Growable((n) => new Float64Array(n), capacity);
