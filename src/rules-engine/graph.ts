import type { Inventory } from '../inventory.js';
import type { ClusterSummary, GraphTarget, IdentityGraph } from '../model/identity.js';
import type { UnknownReason } from '../model/observation.js';
import type { IdentityProviderFacts } from '../model/store-facts.js';
import type { SystemSnapshot } from '../model/snapshot.js';
import { noCredential, serversWithoutStore } from './authenticators.js';
import { notObserved, type Finding } from './define.js';

/**
 * Shared by the rules that read the identity graph (rules/identity-graph, rules/crm and the graph
 * part of FED-SAFE-ACCOUNT-LINKING): the stores and CRMs as subjects, whether a target's profiles
 * are in the graph, and evidence built from counts and pseudonyms only.
 */

/** One identity store or CRM of the scan, as a subject of the graph rules. */
export interface GraphEntry {
  targetId: string;
  /** The store's scope ("realm customers", like identityStores()), or `crm <targetId>` for a CRM. */
  subject: string;
  product: string;
  snapshot: SystemSnapshot;
}

function subjectOf(snapshot: SystemSnapshot): string {
  const store = snapshot.facts.identityStore;
  if (store) return `${store.scope.kind} ${store.scope.name}`;
  return snapshot.kind === 'crm' ? `crm ${snapshot.targetId}` : `store ${snapshot.targetId}`;
}

/** The scan's identity stores or CRMs (by snapshot kind), in the inventory's stable order. */
export function graphEntries(inventory: Inventory, kind: 'identity-store' | 'crm'): GraphEntry[] {
  return inventory.snapshots
    .filter((s) => s.kind === kind)
    .map((s) => ({ targetId: s.targetId, subject: subjectOf(s), product: s.product, snapshot: s }));
}

/** Why a graph rule cannot judge: the graph was not built (no profiles were read). */
export function graphNotBuilt(graph: IdentityGraph): UnknownReason {
  return { kind: 'not-observed', detail: `the identity graph was not built (${graph.reason ?? 'no profiles were read'})` };
}

/** The graph was built but lacks a section (an older analysis, or one that skipped it). */
export function graphLacks(what: string): UnknownReason {
  return { kind: 'not-observed', detail: `the identity graph carries no ${what}` };
}

/**
 * Whether one target's profiles are in the graph (the graph must be built):
 * - `read`: the target is a graph target with profiles;
 * - `empty`: its profiles were read and there are none (precondition false: the rules answer N/A);
 * - `not-read`: the profiles were not read (opted out with `profiles.read: false`, a missing
 *   permission, an error, or a connector that reads none). The catalog says "N/A when the store's
 *   profiles were not read"; the rules answer `unknown` instead, because N/A means "precondition
 *   false" (catalog §1.2) and counts as an observed, non-failing gate in src/maturity/assess.ts: it
 *   would credit the Connected level on evidence that was never read.
 */
export type ProfileState = { state: 'read'; target: GraphTarget } | { state: 'empty' } | { state: 'not-read'; reason: UnknownReason };

const PROFILE_DATASET = /^(users|contacts|records \S+)$/;

export function profileState(graph: IdentityGraph, entry: GraphEntry): ProfileState {
  const target = graph.targets?.find((t) => t.targetId === entry.targetId);
  if (target && target.profiles > 0) return { state: 'read', target };
  const datasets = entry.snapshot.coverage.datasets.filter((d) => PROFILE_DATASET.test(d.name));
  const unread = datasets.find((d) => d.state !== 'complete');
  if (unread) {
    return { state: 'not-read', reason: { kind: 'not-observed', detail: `the profiles of ${entry.targetId} were not read (${unread.name}: ${unread.reason ?? unread.state})` } };
  }
  const counted = graph.profilesPerTarget.find((p) => p.targetId === entry.targetId);
  if (counted?.profiles === 0 || (datasets.length > 0 && datasets.every((d) => d.records === 0))) return { state: 'empty' };
  return { state: 'not-read', reason: { kind: 'not-observed', detail: `the profiles of ${entry.targetId} were not read, so it is not part of the identity graph` } };
}

/** What a per-target graph rule judges — its section of the graph for the target — or the finding it gives instead. */
export type GraphGate<T> = { finding: Finding } | { stats: T; target: GraphTarget };

export interface GraphGateOptions<T> {
  /** The rule's N/A finding for a target whose profiles were read and are none. */
  empty: Pick<Finding, 'messageId'> & Partial<Pick<Finding, 'data' | 'evidence'>>;
  /** CRM rules: contacts can only be linked to identity-store profiles; without any, unknown (not "unlinked"). */
  needsIdentityStores?: boolean;
  /** The rule's section of the graph for this target, and what it is called when it is missing. */
  section: (graph: IdentityGraph) => T | undefined;
  sectionName: string;
}

/**
 * The preconditions of every per-target graph rule, in the one order they all use: the graph was
 * built, the target's profiles were read (none read: the rule's N/A), identity-store profiles exist
 * when the rule links CRM contacts to them, and the graph carries the rule's section.
 */
export function graphGate<T>(graph: IdentityGraph, entry: GraphEntry, options: GraphGateOptions<T>): GraphGate<T> {
  const unknown = (reason: UnknownReason) => ({ finding: notObserved(entry.targetId, entry.subject, reason) });
  if (!graph.built) return unknown(graphNotBuilt(graph));
  const state = profileState(graph, entry);
  if (state.state === 'not-read') return unknown(state.reason);
  if (state.state === 'empty') return { finding: { targetId: entry.targetId, subject: entry.subject, outcome: 'n/a', ...options.empty } };
  if (options.needsIdentityStores && identityTargets(graph).length === 0) return unknown(NO_IDENTITY_PROFILES);
  const stats = options.section(graph);
  if (stats === undefined) return unknown(graphLacks(options.sectionName));
  return { stats, target: state.target };
}

/** Identity-store targets of a built graph: without them, no CRM contact can be linked to an identity. */
export function identityTargets(graph: IdentityGraph): GraphTarget[] {
  return (graph.targets ?? []).filter((t) => t.kind === 'identity-store' && t.profiles > 0);
}

/** The `unknown` reason of CRM rules when the graph holds no identity-store profiles to link to. */
export const NO_IDENTITY_PROFILES: UnknownReason = {
  kind: 'not-observed',
  detail: 'no identity-store profiles are in the identity graph, so CRM contacts cannot be linked to identities',
};

/** part / whole, rounded to 4 decimals; 0 for an empty whole. */
export function ratio(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0;
}

/** A ratio as a percentage with at most two decimals: 0.005 → "0.5", 0.12345 → "12.35". */
export function pct(value: number): string {
  return String(Math.round(value * 10_000) / 100);
}

/** At most this many cluster examples go into evidence (fingerprints and pseudonyms only, never emails). */
export const EXAMPLE_LIMIT = 10;

/**
 * Example clusters for evidence: the keyed fingerprint, the size and the pseudonyms of the members
 * in `targets`. The `example` field of a member (a masked or revealed email) is never copied.
 * `graph.clusters` lists the largest clusters only, so examples are illustrations, not a census.
 */
export function clusterExamples(
  graph: IdentityGraph,
  matches: (cluster: ClusterSummary) => boolean,
  targets: readonly string[],
  max = EXAMPLE_LIMIT,
): Array<{ fingerprint: string; size: number; pseudonyms: string[] }> {
  return (graph.clusters ?? [])
    .filter(matches)
    .slice(0, max)
    .map((c) => ({ fingerprint: c.fingerprint, size: c.size, pseudonyms: c.members.filter((m) => targets.includes(m.targetId)).map((m) => m.pseudonym) }));
}

/** Members of `cluster` in target `targetId`. */
export function membersIn(cluster: ClusterSummary, targetId: string): number {
  return cluster.members.filter((m) => m.targetId === targetId).length;
}

/** `unknown` for each authorization server whose identity store was not read (its profiles cannot be either). */
export function storesWithoutCredential(inventory: Inventory): Finding[] {
  return serversWithoutStore(inventory).map(noCredential);
}

/**
 * An automatic-linking path on email: the provider links to an existing account without the user
 * proving they own it (`linking.mode: automatic`), and it matches on the email address, or the
 * broker trusts the upstream email as verified (Keycloak trustEmail with idp-auto-link).
 */
export function autoLinksOnEmail(idp: IdentityProviderFacts): boolean {
  return idp.enabled && idp.linking.mode === 'automatic' && (idp.linking.matchOn === 'email' || idp.trustEmail === true);
}

/** Email collisions (verified in one store, unverified in another) that involve `targetId`, from a built graph. */
export function collisionsOf(graph: IdentityGraph, targetId: string): { count: number; pairs: Array<{ verifiedIn: string; unverifiedIn: string; count: number }> } | undefined {
  if (!graph.built || !graph.emailCollisions) return undefined;
  const pairs = graph.emailCollisions.filter((c) => c.count > 0 && (c.verifiedIn === targetId || c.unverifiedIn === targetId));
  return { count: pairs.reduce((n, c) => n + c.count, 0), pairs: pairs.map((c) => ({ verifiedIn: c.verifiedIn, unverifiedIn: c.unverifiedIn, count: c.count })) };
}
