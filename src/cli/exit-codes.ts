/**
 * Exit codes (ARCHITECTURE.md). 4 is an addition: an internal error is a bug, not a usage problem,
 * and scripts should be able to tell the two apart.
 */
export const EXIT = {
  clean: 0,
  findings: 1,
  usage: 2,
  incomplete: 3,
  internal: 4,
} as const;
