import { describe, expect, it } from 'vitest';
import { formatSeconds } from '../../src/format/duration.js';

describe('formatSeconds', () => {
  it.each([
    [0, '0 s'],
    [0.4, '0 s'],
    [40, '40 s'],
    [60, '1 min'],
    [723, '12 min 3 s'],
    [3 * 3600, '3 h'],
    [2 * 3600 + 5 * 60 + 7, '2 h 5 min'],
    [3 * 86_400, '3 d'],
    [3 * 86_400 + 4 * 3600 + 59, '3 d 4 h'],
    [86_400 + 30, '1 d'],
    [-5, '0 s'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text);
  });
});
