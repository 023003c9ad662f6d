import { createHash, createPublicKey, X509Certificate } from 'node:crypto';
import type { JwkFacts, JwksFacts } from '../../src/model/as-facts.js';
import type { JsonDocument } from '../../src/model/observation.js';
import { isPlainObject } from './json-document.js';

/** Private or symmetric members (RFC 7518 §6.2.2, §6.3.2, §6.4); their presence is a key leak. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

const CURVE_BITS: Record<string, number> = {
  'P-256': 256,
  'P-384': 384,
  'P-521': 521,
  secp256k1: 256,
  Ed25519: 256,
  Ed448: 456,
  X25519: 256,
  X448: 448,
};

export function jwksFacts(document: JsonDocument): JwksFacts {
  const problems: string[] = [];
  const keys: JwkFacts[] = [];
  const json = document.json;
  if (!json) {
    problems.push('the JWKS is not a JSON object');
    return { document, keys, problems };
  }
  if (!Array.isArray(json.keys)) {
    problems.push('the JWKS has no "keys" array');
    return { document, keys, problems };
  }
  if (json.keys.length === 0) problems.push('the JWKS "keys" array is empty');
  json.keys.forEach((key: unknown, index: number) => keys.push(keyFacts(key, index)));
  return { document, keys, problems };
}

export function keyFacts(key: unknown, index: number): JwkFacts {
  if (!isPlainObject(key)) return { index, hasX5c: false, privateMembers: [], problem: 'not a JSON object' };
  const str = (name: string): string | undefined => (typeof key[name] === 'string' ? key[name] : undefined);
  const facts: JwkFacts = {
    index,
    hasX5c: Array.isArray(key.x5c) && key.x5c.length > 0,
    privateMembers: PRIVATE_MEMBERS.filter((m) => key[m] !== undefined),
  };
  const kid = str('kid');
  const kty = str('kty');
  const use = str('use');
  const alg = str('alg');
  const crv = str('crv');
  if (kid !== undefined) facts.kid = kid;
  if (kty !== undefined) facts.kty = kty;
  if (use !== undefined) facts.use = use;
  if (alg !== undefined) facts.alg = alg;
  if (crv !== undefined) facts.crv = crv;
  if (Array.isArray(key.key_ops)) facts.keyOps = key.key_ops.filter((op): op is string => typeof op === 'string');

  const size = keySize(key, kty, crv);
  if (typeof size === 'number') facts.sizeBits = size;
  else if (size) facts.problem = size.problem;

  const thumbprint = jwkThumbprint(key, kty);
  if (thumbprint) facts.thumbprint = thumbprint;

  if (facts.hasX5c) {
    const check = x5cMatchesKey(key, kty);
    if (typeof check === 'boolean') facts.x5cMatches = check;
    else facts.x5cProblem = check.problem;
  }
  return facts;
}

function keySize(key: Record<string, unknown>, kty: string | undefined, crv: string | undefined): number | { problem: string } | undefined {
  if (kty === 'RSA') {
    if (typeof key.n !== 'string') return { problem: 'RSA key without a modulus "n"' };
    return modulusBits(key.n);
  }
  if ((kty === 'EC' || kty === 'OKP') && crv) return CURVE_BITS[crv];
  if (kty === 'oct' && typeof key.k === 'string') return Buffer.from(key.k, 'base64url').length * 8;
  if (kty === undefined) return { problem: 'key without "kty"' };
  if (!['RSA', 'EC', 'OKP', 'oct'].includes(kty)) return { problem: `unrecognised kty "${kty}"` };
  return undefined;
}

/** Bit length of a base64url big-endian unsigned integer (leading zero octets do not count). */
export function modulusBits(n: string): number {
  const bytes = Buffer.from(n, 'base64url');
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  const first = bytes[i] ?? 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(first));
}

/** RFC 7638 §3: SHA-256 over the required public members in lexicographic order. */
export function jwkThumbprint(key: Record<string, unknown>, kty: string | undefined): string | undefined {
  const required: Record<string, string[]> = { RSA: ['e', 'kty', 'n'], EC: ['crv', 'kty', 'x', 'y'], OKP: ['crv', 'kty', 'x'], oct: ['k', 'kty'] };
  const members = kty ? required[kty] : undefined;
  if (!members || !members.every((m) => typeof key[m] === 'string')) return undefined;
  const canonical = `{${members.map((m) => `${JSON.stringify(m)}:${JSON.stringify(key[m])}`).join(',')}}`;
  return createHash('sha256').update(canonical).digest('base64url');
}

/** Whether the leaf certificate of `x5c` (RFC 7517 §4.7) carries the same public key as the bare members. */
function x5cMatchesKey(key: Record<string, unknown>, kty: string | undefined): boolean | { problem: string } {
  const chain = key.x5c as unknown[];
  const leaf = chain[0];
  if (typeof leaf !== 'string') return { problem: 'x5c[0] is not a string' };
  let certJwk: Record<string, unknown>;
  try {
    const cert = new X509Certificate(Buffer.from(leaf, 'base64'));
    certJwk = cert.publicKey.export({ format: 'jwk' });
  } catch {
    return { problem: 'x5c[0] is not a parsable X.509 certificate' };
  }
  const compare: Record<string, string[]> = { RSA: ['n', 'e'], EC: ['crv', 'x', 'y'], OKP: ['crv', 'x'] };
  const members = kty ? compare[kty] : undefined;
  if (!members) return { problem: `cannot compare x5c for kty ${kty ?? '(none)'}` };
  try {
    // Normalise the bare key through the same export path, so leading-zero and padding differences do not count.
    const bare = createPublicKey({ key: publicPart(key, members), format: 'jwk' }).export({ format: 'jwk' }) as Record<string, unknown>;
    return members.every((m) => bare[m] === certJwk[m]);
  } catch {
    return { problem: 'the bare key members do not form a valid public key' };
  }
}

function publicPart(key: Record<string, unknown>, members: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { kty: key.kty };
  for (const m of members) out[m] = key[m];
  return out;
}
