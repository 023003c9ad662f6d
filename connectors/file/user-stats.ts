import type { UserStatsKnown } from '../../src/connector-kit/user-stats.js';
import type { CompiledMapping } from './mapping.js';

/** What the mapping reads, for UserStatsCounter.facts: a count whose field is not mapped stays absent (unknown, not zero). */
export function mappedCounts<Ref>(m: CompiledMapping<Ref>): UserStatsKnown {
  return {
    status: m.status !== undefined,
    verified: m.emails[0]?.verified !== undefined,
    federated: m.links.some((l) => l.kind === 'federated-identity'),
  };
}
