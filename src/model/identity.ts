/**
 * The identity graph that src/identity builds from the profiles of every store and CRM. Until
 * profiles are read it is empty (`built: false`) and the identity-graph rules answer `unknown`.
 */
export interface IdentityGraph {
  built: boolean;
  /** Why it was not built, when `built` is false. */
  reason?: string;
  profilesPerTarget: Array<{ targetId: string; profiles: number }>;
  /** People present in both of two targets (by the identity graph). */
  overlaps?: Array<{ targetA: string; targetB: string; shared: number }>;
}

export function emptyIdentityGraph(reason: string): IdentityGraph {
  return { built: false, reason, profilesPerTarget: [] };
}
