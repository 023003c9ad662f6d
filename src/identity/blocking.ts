import type { FeatureTable } from './features.js';

/**
 * Blocking: only records that share a key are compared, so candidate pairs grow about linearly.
 * Several keys catch what one misses (a changed email, a missing phone, a typo, a misspelt name).
 * A key is a tuple of up to three interned ids (an email, a family name and an email stem, ...),
 * hashed and sorted in a typed array (no Map of millions of strings); equal runs are verified with
 * a second hash; oversized blocks (info@ role mailboxes, very common names) are skipped and
 * reported; a pair is produced once, by the first rule that finds it.
 */
export type KeyEmitter = (a: number, b?: number, c?: number) => void;

export interface BlockingRule {
  id: string;
  /** Blocks larger than this are skipped (reported): their pairs would swamp the comparison. */
  maxBlock: number;
  /** Emit profile g's keys, each a tuple of ids, without duplicates. */
  keys(t: FeatureTable, g: number, emit: KeyEmitter): void;
}

/** Profile g's distinct email-stem word ids (`stems` picks the full stem or its first three letters). */
function forEachStem(t: FeatureTable, g: number, stems: Uint32Array, onStem: (stem: number) => void): void {
  const from = t.emailStart[g] as number;
  const to = t.emailStart[g + 1] as number;
  for (let k = from; k < to; k++) {
    const stem = stems[t.emailIds[k] as number] as number;
    if (!stem) continue;
    let seen = false;
    for (let e = from; e < k && !seen; e++) seen = stems[t.emailIds[e] as number] === stem;
    if (!seen) onStem(stem);
  }
}

export const BLOCKING_RULES: BlockingRule[] = [
  // The same mailbox (after Gmail and plus-tag normalisation).
  {
    id: 'email',
    maxBlock: 50,
    keys: (t, g, emit) => {
      for (let k = t.emailStart[g] as number; k < (t.emailStart[g + 1] as number); k++) emit(t.emailIds[k] as number);
    },
  },
  // The same E.164 number.
  {
    id: 'phone',
    maxBlock: 50,
    keys: (t, g, emit) => {
      for (let k = t.phoneStart[g] as number; k < (t.phoneStart[g + 1] as number); k++) emit(t.phoneIds[k] as number);
    },
  },
  // Same family name and email stem: catches typos and the same local part at another provider.
  // Name keys get small blocks: a block of 30 people sharing a name and a stem is a common name,
  // where a name match is weak evidence. Measured on the quality world (100k people): blocks up to
  // 100 give recall 0.9642 with 840k candidate pairs, up to 30 give 0.9641 with 577k, and the
  // pairs grow with the population (14 per profile at 1M with 100, against 6 at 200k).
  {
    id: 'family+email-stem',
    maxBlock: 30,
    keys: (t, g, emit) => {
      const family = t.family[g] as number;
      if (family) forEachStem(t, g, t.emailStem, (stem) => emit(family, stem));
    },
  },
  // Same family name and the last four digits: catches numbers written differently.
  {
    id: 'family+phone-tail',
    maxBlock: 100,
    keys: (t, g, emit) => {
      const family = t.family[g] as number;
      if (!family) return;
      const from = t.phoneStart[g] as number;
      const to = t.phoneStart[g + 1] as number;
      for (let k = from; k < to; k++) {
        const tail = t.phoneTail[t.phoneIds[k] as number] as number;
        let seen = false;
        for (let e = from; e < k && !seen; e++) seen = t.phoneTail[t.phoneIds[e] as number] === tail;
        if (!seen) emit(family, tail);
      }
    },
  },
  // Names that sound alike (Schmidt / Schmitt, Jon / John) with the same email stem.
  {
    id: 'phonetic-name+email-stem',
    maxBlock: 30,
    keys: (t, g, emit) => {
      const family = t.familySound[g] as number;
      const given = t.givenSound[g] as number;
      if (family && given) forEachStem(t, g, t.emailStem3, (stem) => emit(family, given, stem));
    },
  },
];

export interface BlockingStats {
  rule: string;
  keys: number;
  blocks: number;
  pairs: number;
  oversized: number;
  largestSkipped: number;
}

/** One MurmurHash3 round over a 32-bit word. */
function mixIn(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The 32-bit hash of a key tuple, never 0 (0 marks "no key"). */
export function keyHash(a: number, b = 0, c = 0): number {
  return finish(mixIn(mixIn(mixIn(0x2545f491, a), b), c)) || 1;
}

/** A second, independent 32-bit hash: tells keys apart whose keyHash collides. */
function keyCheck(a: number, b: number, c: number): number {
  return finish(mixIn(mixIn(mixIn(0x9747b28c, c), b), a));
}

const INDEX_BITS = 2 ** 21;
/** Keys remembered per profile and rule for the "produced by an earlier rule" test. */
const KEPT = 2;

interface RuleIndex {
  entries: Float64Array;
  /** KEPT key hashes per profile (0 = none). */
  hashes: Uint32Array;
  /** The keyCheck of the same keys: verifies a block without recomputing the keys (this rule's only: the buffer is reused). */
  checks: Uint32Array;
}

/**
 * Enumerate candidate pairs, each exactly once. `onPair(a, b, rule)` gets a < b.
 */
export function forEachCandidatePair(
  t: FeatureTable,
  onPair: (a: number, b: number, rule: number) => void,
  rules: BlockingRule[] = BLOCKING_RULES,
): BlockingStats[] {
  if (t.size >= INDEX_BITS) throw new RangeError(`blocking supports up to ${INDEX_BITS - 1} profiles per run`);
  const stats: BlockingStats[] = [];
  const indexes: RuleIndex[] = [];
  /** Hashes of keys whose blocks were skipped, per rule: pairs sharing only those were never produced. */
  const skipped: Array<Set<number>> = [];
  // One sort buffer and one check buffer for every rule: each large typed array allocated makes
  // V8 collect the whole heap (external memory pressure), which costs a second at 2M profiles.
  const scratch: Scratch = { entries: new Float64Array(Math.max(16, t.size * 2)), checks: new Uint32Array(t.size * KEPT) };
  rules.forEach((rule, r) => {
    const s: BlockingStats = { rule: rule.id, keys: 0, blocks: 0, pairs: 0, oversized: 0, largestSkipped: 0 };
    const index = buildIndex(t, rule, scratch);
    indexes.push(index);
    const skippedHere = new Set<number>();
    skipped.push(skippedHere);
    s.keys = index.entries.length;
    forEachRun(index.entries, (hash, members) => {
      // Members of one hash run share the key unless two keys collide: verify with the second hash.
      const groups = splitCollisions(t, rule, index, hash, members);
      for (const group of groups) {
        if (group.length < 2) continue;
        if (group.length > rule.maxBlock) {
          s.oversized++;
          s.largestSkipped = Math.max(s.largestSkipped, group.length);
          skippedHere.add(hash);
          continue;
        }
        s.blocks++;
        for (let i = 0; i < group.length; i++) {
          for (let j = i + 1; j < group.length; j++) {
            const a = group[i] as number;
            const b = group[j] as number;
            if (producedBefore(indexes, skipped, r, hash, a, b)) continue;
            s.pairs++;
            onPair(a, b, r);
          }
        }
      }
    });
    stats.push(s);
  });
  return stats;
}

interface Scratch {
  entries: Float64Array;
  checks: Uint32Array;
}

function buildIndex(t: FeatureTable, rule: BlockingRule, scratch: Scratch): RuleIndex {
  let entries = scratch.entries;
  const hashes = new Uint32Array(t.size * KEPT);
  const checks = scratch.checks.fill(0);
  let n = 0;
  let g = 0;
  let k = 0;
  const emit: KeyEmitter = (a, b = 0, c = 0) => {
    const h = keyHash(a, b, c);
    if (k < KEPT) {
      hashes[g * KEPT + k] = h;
      checks[g * KEPT + k] = keyCheck(a, b, c);
    }
    k++;
    if (n === entries.length) {
      const bigger = new Float64Array(entries.length * 2);
      bigger.set(entries);
      entries = scratch.entries = bigger;
    }
    entries[n++] = h * INDEX_BITS + g;
  };
  for (g = 0; g < t.size; g++) {
    k = 0;
    rule.keys(t, g, emit);
  }
  // Packed (hash, index) doubles sort natively: 8 bytes per key, no string map.
  return { entries: entries.subarray(0, n).sort(), hashes, checks };
}

function forEachRun(entries: Float64Array, onRun: (hash: number, members: number[]) => void): void {
  let i = 0;
  while (i < entries.length) {
    const hash = Math.floor((entries[i] as number) / INDEX_BITS);
    let j = i + 1;
    while (j < entries.length && Math.floor((entries[j] as number) / INDEX_BITS) === hash) j++;
    if (j - i > 1) {
      const members: number[] = [];
      let last = -1;
      for (let k = i; k < j; k++) {
        const g = (entries[k] as number) % INDEX_BITS;
        if (g !== last) members.push(g);
        last = g;
      }
      if (members.length > 1) onRun(hash, members);
    }
    i = j;
  }
}

/**
 * Split a hash run by the actual key: a 32-bit collision must not merge two blocks. The members'
 * second hashes tell the keys apart (64 bits in all); a member whose key is beyond the KEPT slots
 * falls back to comparing the key tuples.
 */
function splitCollisions(t: FeatureTable, rule: BlockingRule, index: RuleIndex, hash: number, members: number[]): number[][] {
  const checks = new Array<number>(members.length);
  let uniform = true;
  for (let m = 0; m < members.length; m++) {
    const g = members[m] as number;
    let check = -1;
    for (let k = 0; k < KEPT; k++) {
      if (index.hashes[g * KEPT + k] === hash) {
        check = index.checks[g * KEPT + k] as number;
        break;
      }
    }
    if (check < 0) return collisionFree(t, rule, hash, members);
    checks[m] = check;
    if (check !== checks[0]) uniform = false;
  }
  if (uniform) return [members];
  const groups = new Map<number, number[]>();
  members.forEach((g, m) => {
    const list = groups.get(checks[m] as number);
    if (list) list.push(g);
    else groups.set(checks[m] as number, [g]);
  });
  return [...groups.values()];
}

/** Profile g's key tuples. */
function keysOf(t: FeatureTable, rule: BlockingRule, g: number): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  rule.keys(t, g, (a, b = 0, c = 0) => out.push([a, b, c]));
  return out;
}

/** Split a hash run by the key tuples themselves (the slow path of splitCollisions). */
function collisionFree(t: FeatureTable, rule: BlockingRule, hash: number, members: number[]): number[][] {
  const first = keysOf(t, rule, members[0] as number).find((k) => keyHash(...k) === hash);
  if (first === undefined) return [members];
  const same: number[] = [];
  const other: number[] = [];
  for (const g of members) (keysOf(t, rule, g).some((k) => k[0] === first[0] && k[1] === first[1] && k[2] === first[2]) ? same : other).push(g);
  return other.length < 2 ? [same] : [same, ...collisionFree(t, rule, hash, other)];
}

/**
 * The pair was (or will be) produced elsewhere: by an earlier rule through a key both share whose
 * block was not skipped, or by this rule through a smaller shared key.
 */
function producedBefore(indexes: RuleIndex[], skipped: Array<Set<number>>, r: number, hash: number, a: number, b: number): boolean {
  for (let e = 0; e <= r; e++) {
    const h = (indexes[e] as RuleIndex).hashes;
    for (let i = 0; i < KEPT; i++) {
      const ka = h[a * KEPT + i] as number;
      if (ka === 0) break;
      for (let j = 0; j < KEPT; j++) {
        if (ka !== h[b * KEPT + j]) continue;
        if (e < r && !skipped[e]?.has(ka)) return true;
        if (e === r && ka < hash) return true;
      }
    }
  }
  return false;
}
