import { observed, unknownObservation, type Observation, type UnknownReason } from '../../src/model/observation.js';

/** Small combinators for Observations, so the fact builders read as plain mappings. */

export function mapObservation<A, B>(source: Observation<A>, map: (value: A) => B): Observation<B> {
  return source.state === 'observed' ? observed(map(source.value)) : unknownObservation(source.reason);
}

export function valueOf<T>(source: Observation<T>): T | undefined {
  return source.state === 'observed' ? source.value : undefined;
}

export function reasonOf<T>(source: Observation<T>): UnknownReason | undefined {
  return source.state === 'unknown' ? source.reason : undefined;
}

/** A sub-fact that is `'unknown'` when its source could not be read. */
export function orUnknown<T, R>(source: Observation<T>, read: (value: T) => R): R | 'unknown' {
  return source.state === 'observed' ? read(source.value) : 'unknown';
}
