import { normalizeValue } from './mapping.js';

/** Timestamps: the shared reader (the identity-store connectors read consent times with it too). */
export { parseTimestamp } from '../../src/connector-kit/timestamp.js';

/** Pure readers of cell values: flags and timestamps, the same in every export. */
const TRUE = new Set(['true', 'yes', 'y', '1', 't', 'verified']);
const FALSE = new Set(['false', 'no', 'n', '0', 'f', 'unverified']);

/** true/false, yes/no, 1/0 (any case); anything else is unknown. */
export function parseFlag(value: string): boolean | undefined {
  const v = normalizeValue(value);
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return undefined;
}
