import { split, type FeatureTable } from './features.js';

/**
 * Blocking: only records that share a key are compared, so candidate pairs grow about linearly.
 * Several keys catch what one misses (a changed email, a missing phone, a typo). Keys are hashed
 * and sorted in a typed array (no Map of millions of strings), equal runs are verified against the
 * real key, and oversized blocks — info@ role mailboxes, "John Smith" — are capped and reported.
 */
export interface BlockingRule {
  id: string;
  /** Blocks larger than this are skipped (reported): their pairs would swamp the comparison. */
  maxBlock: number;
  keys(t: FeatureTable, g: number): string[];
}

/** Letters of the email local part before the first digit or separator, at most 6. */
function localStem(email: string): string {
  const local = email.slice(0, email.indexOf('@'));
  return (/^[a-z]+/.exec(local.replace(/[._-]/g, ''))?.[0] ?? '').slice(0, 6);
}

export const BLOCKING_RULES: BlockingRule[] = [
  { id: 'email', maxBlock: 50, keys: (t, g) => split(t.emails[g]) },
  { id: 'phone', maxBlock: 50, keys: (t, g) => split(t.phones[g]) },
  {
    id: 'family+email-stem',
    maxBlock: 100,
    keys: (t, g) => {
      const family = t.family[g];
      if (!family) return [];
      return [...new Set(split(t.emails[g]).map(localStem).filter((s) => s.length >= 3))].map((s) => `${family}|${s}`);
    },
  },
  {
    id: 'family+phone-tail',
    maxBlock: 100,
    keys: (t, g) => {
      const family = t.family[g];
      return family ? [...new Set(split(t.phones[g]).map((p) => `${family}|${p.slice(-4)}`))] : [];
    },
  },
  {
    id: 'phonetic-name',
    maxBlock: 200,
    keys: (t, g) => (t.familySound[g] && t.givenSound[g] ? [`${t.familySound[g]}|${t.givenSound[g]}`] : []),
  },
];

export interface OversizedBlock {
  rule: string;
  size: number;
}

export interface BlockingStats {
  rule: string;
  keys: number;
  blocks: number;
  pairs: number;
  oversized: number;
  largestSkipped: number;
}

/** FNV-1a, 32 bits. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const INDEX_BITS = 2 ** 21;

/**
 * Enumerate candidate pairs, each exactly once: a pair found by a later rule is skipped when an
 * earlier rule already produced it (it shares a key of that rule whose block was not oversized).
 * `onPair(a, b, rule)` gets a < b.
 */
export function forEachCandidatePair(
  t: FeatureTable,
  onPair: (a: number, b: number, rule: number) => void,
  rules: BlockingRule[] = BLOCKING_RULES,
): BlockingStats[] {
  const stats: BlockingStats[] = [];
  /** Keys whose blocks were skipped, per rule: pairs sharing only those were never produced. */
  const skipped: Array<Set<string>> = rules.map(() => new Set());
  rules.forEach((rule, r) => {
    const s: BlockingStats = { rule: rule.id, keys: 0, blocks: 0, pairs: 0, oversized: 0, largestSkipped: 0 };
    const entries = sortedEntries(t, rule);
    s.keys = entries.length;
    forEachRun(entries, (hash, members) => {
      // Equal hashes are verified against the real keys: a collision splits the run.
      const groups = new Map<string, number[]>();
      for (const g of members) {
        for (const key of rule.keys(t, g)) {
          if (hash32(key) !== hash) continue;
          const group = groups.get(key);
          if (group) {
            if (group[group.length - 1] !== g) group.push(g);
          } else groups.set(key, [g]);
        }
      }
      for (const [key, group] of groups) {
        if (group.length < 2) continue;
        if (group.length > rule.maxBlock) {
          s.oversized++;
          s.largestSkipped = Math.max(s.largestSkipped, group.length);
          skipped[r]?.add(key);
          continue;
        }
        s.blocks++;
        group.sort((x, y) => x - y);
        for (let i = 0; i < group.length; i++) {
          for (let j = i + 1; j < group.length; j++) {
            const a = group[i] as number;
            const b = group[j] as number;
            if (producedEarlier(t, rules, skipped, r, a, b) || sharesSmallerKey(rule, t, key, a, b)) continue;
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

/** (hash, index) pairs packed into doubles and sorted natively: 8 bytes per key, no string map. */
function sortedEntries(t: FeatureTable, rule: BlockingRule): Float64Array {
  if (t.size >= INDEX_BITS) throw new RangeError(`blocking supports up to ${INDEX_BITS - 1} profiles per run`);
  let out = new Float64Array(Math.max(16, t.size));
  let n = 0;
  for (let g = 0; g < t.size; g++) {
    const keys = rule.keys(t, g);
    for (let k = 0; k < keys.length; k++) {
      if (n === out.length) {
        const bigger = new Float64Array(out.length * 2);
        bigger.set(out);
        out = bigger;
      }
      out[n++] = hash32(keys[k] as string) * INDEX_BITS + g;
    }
  }
  return out.subarray(0, n).sort();
}

function forEachRun(entries: Float64Array, onRun: (hash: number, members: number[]) => void): void {
  let i = 0;
  while (i < entries.length) {
    const hash = Math.floor((entries[i] as number) / INDEX_BITS);
    let j = i + 1;
    while (j < entries.length && Math.floor((entries[j] as number) / INDEX_BITS) === hash) j++;
    if (j - i > 1) {
      const members: number[] = [];
      for (let k = i; k < j; k++) members.push((entries[k] as number) % INDEX_BITS);
      onRun(hash, members);
    }
    i = j;
  }
}

/** Within one rule, a pair that shares several keys is produced for the smallest one only. */
function sharesSmallerKey(rule: BlockingRule, t: FeatureTable, key: string, a: number, b: number): boolean {
  const ka = rule.keys(t, a);
  if (ka.length < 2) return false;
  const kb = rule.keys(t, b);
  return ka.some((k) => k < key && kb.includes(k));
}

function producedEarlier(t: FeatureTable, rules: BlockingRule[], skipped: Array<Set<string>>, r: number, a: number, b: number): boolean {
  for (let e = 0; e < r; e++) {
    const rule = rules[e];
    if (!rule) continue;
    const ka = rule.keys(t, a);
    if (ka.length === 0) continue;
    const kb = rule.keys(t, b);
    if (ka.some((k) => kb.includes(k) && !skipped[e]?.has(k))) return true;
  }
  return false;
}
