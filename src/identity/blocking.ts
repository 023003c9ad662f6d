import { split, type FeatureTable } from './features.js';

/**
 * Blocking: only records that share a key are compared, so candidate pairs grow about linearly.
 * Several keys catch what one misses (a changed email, a missing phone, a typo, a misspelt name).
 * Keys are hashed and sorted in a typed array (no Map of millions of strings); equal runs are
 * verified against the real keys; oversized blocks (info@ role mailboxes, very common names) are
 * skipped and reported; a pair is produced once, by the first rule that finds it.
 */
export interface BlockingRule {
  id: string;
  /** Blocks larger than this are skipped (reported): their pairs would swamp the comparison. */
  maxBlock: number;
  keys(t: FeatureTable, g: number): string[];
}

/** Letters of the email local part before the first digit, separators dropped, at most 6. */
export function localStem(email: string): string {
  const local = email.slice(0, email.indexOf('@'));
  return (/^[a-z]+/.exec(local.replace(/[._-]/g, ''))?.[0] ?? '').slice(0, 6);
}

const NO_KEYS: string[] = [];

function stems(t: FeatureTable, g: number): string[] {
  const joined = t.emails[g];
  if (!joined) return NO_KEYS;
  // One address (the common case): no Set, no intermediate arrays.
  if (!joined.includes('\n')) {
    const stem = localStem(joined);
    return stem.length >= 3 ? [stem] : NO_KEYS;
  }
  return [...new Set(split(joined).map(localStem).filter((s) => s.length >= 3))];
}

export const BLOCKING_RULES: BlockingRule[] = [
  // The same mailbox (after Gmail and plus-tag normalisation).
  { id: 'email', maxBlock: 50, keys: (t, g) => split(t.emails[g]) },
  // The same E.164 number.
  { id: 'phone', maxBlock: 50, keys: (t, g) => split(t.phones[g]) },
  // Same family name and email stem: catches typos and the same local part at another provider.
  // Name keys get small blocks: a block of 30 people sharing a name and a stem is a common name,
  // where a name match is weak evidence. Measured on the quality world (100k people): blocks up to
  // 100 give recall 0.9642 with 840k candidate pairs, up to 30 give 0.9641 with 577k, and the
  // pairs grow with the population (14 per profile at 1M with 100, against 6 at 200k).
  {
    id: 'family+email-stem',
    maxBlock: 30,
    keys: (t, g) => {
      const family = t.family[g];
      return family ? stems(t, g).map((s) => `${family}|${s}`) : [];
    },
  },
  // Same family name and the last four digits: catches numbers written differently.
  {
    id: 'family+phone-tail',
    maxBlock: 100,
    keys: (t, g) => {
      const family = t.family[g];
      return family ? [...new Set(split(t.phones[g]).map((p) => `${family}|${p.slice(-4)}`))] : [];
    },
  },
  // Names that sound alike (Schmidt / Schmitt, Jon / John) with the same email stem.
  {
    id: 'phonetic-name+email-stem',
    maxBlock: 30,
    keys: (t, g) => {
      const sound = t.familySound[g];
      return sound && t.givenSound[g] ? stems(t, g).map((s) => `${sound}|${t.givenSound[g] ?? ''}|${s.slice(0, 3)}`) : [];
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

/** A second, independent 32-bit hash of a key: tells keys apart whose hash32 collides. */
function check32(text: string): number {
  let h = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/** FNV-1a, 32 bits, never 0 (0 marks "no key"). */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0 || 1;
}

const INDEX_BITS = 2 ** 21;
/** Keys remembered per profile and rule for the "produced by an earlier rule" test. */
const KEPT = 2;

interface RuleIndex {
  entries: Float64Array;
  /** KEPT key hashes per profile (0 = none). */
  hashes: Uint32Array;
  /** The check32 of the same keys: verifies a block without rebuilding the keys' strings. */
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
  rules.forEach((rule, r) => {
    const s: BlockingStats = { rule: rule.id, keys: 0, blocks: 0, pairs: 0, oversized: 0, largestSkipped: 0 };
    const index = buildIndex(t, rule);
    indexes.push(index);
    const skippedHere = new Set<number>();
    skipped.push(skippedHere);
    s.keys = index.entries.length;
    forEachRun(index.entries, (hash, members) => {
      // Members of one hash run share the key unless two keys collide: verify with the strings.
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

function buildIndex(t: FeatureTable, rule: BlockingRule): RuleIndex {
  let entries = new Float64Array(Math.max(16, t.size));
  const hashes = new Uint32Array(t.size * KEPT);
  const checks = new Uint32Array(t.size * KEPT);
  let n = 0;
  for (let g = 0; g < t.size; g++) {
    const keys = rule.keys(t, g);
    for (let k = 0; k < keys.length; k++) {
      const h = hash32(keys[k] as string);
      if (k < KEPT) {
        hashes[g * KEPT + k] = h;
        checks[g * KEPT + k] = check32(keys[k] as string);
      }
      if (n === entries.length) {
        const bigger = new Float64Array(entries.length * 2);
        bigger.set(entries);
        entries = bigger;
      }
      entries[n++] = h * INDEX_BITS + g;
    }
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
 * falls back to comparing the key strings.
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

/** Split a hash run by the key strings (the slow path of splitCollisions). */
function collisionFree(t: FeatureTable, rule: BlockingRule, hash: number, members: number[]): number[][] {
  const first = rule.keys(t, members[0] as number).find((k) => hash32(k) === hash);
  if (first === undefined) return [members];
  const same: number[] = [];
  const other: number[] = [];
  for (const g of members) (rule.keys(t, g).includes(first) ? same : other).push(g);
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
