import type { FeatureTable } from './features.js';

/**
 * Explicit links are certain edges: the same upstream identity (federated provider + subject) in
 * two records, or a record holding another record's key (an external-id field, a CRM field with
 * the identity-store user id). Keys are looked up through a sorted hash index, not a map of
 * millions of strings.
 */
export interface ExplicitEdge {
  a: number;
  b: number;
  kind: 'federated-identity' | 'external-id' | 'crm-key';
  via: string;
}

export interface LinkResolution {
  edges: ExplicitEdge[];
  /** Link values that point at no record read in this scan (a deleted or unscanned identity). */
  dangling: Array<{ g: number; kind: string; via: string }>;
}

/** One provider name whatever the product calls it (google-oauth2, GOOGLE, google). */
export function providerKey(via: string): string {
  const v = via.toLowerCase();
  for (const known of ['google', 'apple', 'facebook', 'microsoft', 'github', 'linkedin', 'twitter', 'amazon']) if (v.includes(known)) return known;
  return v;
}

function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const INDEX_BITS = 2 ** 21;

/** Sorted (hash(localId), g) entries for key lookups. */
function localIdIndex(t: FeatureTable): Float64Array {
  const out = new Float64Array(t.size);
  for (let g = 0; g < t.size; g++) {
    const store = t.stores[t.storeOf[g] as number];
    out[g] = hash32(store?.localId(t.localOf[g] as number) ?? '') * INDEX_BITS + g;
  }
  return out.sort();
}

function lookup(t: FeatureTable, index: Float64Array, value: string): number[] {
  const hash = hash32(value);
  let lo = 0;
  let hi = index.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Math.floor((index[mid] as number) / INDEX_BITS) < hash) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < index.length && Math.floor((index[i] as number) / INDEX_BITS) === hash; i++) {
    const g = (index[i] as number) % INDEX_BITS;
    const store = t.stores[t.storeOf[g] as number];
    if (store?.localId(t.localOf[g] as number) === value) out.push(g);
  }
  return out;
}

export function resolveExplicitLinks(t: FeatureTable): LinkResolution {
  const edges: ExplicitEdge[] = [];
  const dangling: LinkResolution['dangling'] = [];
  const federated = new Map<string, number>();
  const index = localIdIndex(t);
  for (let g = 0; g < t.size; g++) {
    const s = t.storeOf[g] as number;
    const store = t.stores[s];
    if (!store) continue;
    for (const link of store.linksOf(t.localOf[g] as number)) {
      if (!link.value) continue;
      if (link.kind === 'federated-identity') {
        const key = `${providerKey(link.via)}|${link.value}`;
        const first = federated.get(key);
        if (first === undefined) federated.set(key, g);
        else edges.push({ a: first, b: g, kind: link.kind, via: providerKey(link.via) });
        continue;
      }
      // A stored key points at a record of ANOTHER store.
      const targets = lookup(t, index, link.value).filter((h) => t.storeOf[h] !== s);
      if (targets.length === 0) dangling.push({ g, kind: link.kind, via: link.via });
      for (const h of targets) edges.push({ a: Math.min(g, h), b: Math.max(g, h), kind: link.kind, via: link.via });
    }
  }
  return { edges, dangling };
}
