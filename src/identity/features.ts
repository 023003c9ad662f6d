import type { ProfileStore } from './profile-store.js';
import { normalizeEmail } from './normalize/email.js';
import { normalizeName } from './normalize/name.js';
import { phoneSpellingKey } from './normalize/phone.js';
import { parseSpellings } from './normalize/phone-batch.js';
import { uint32List } from './growable.js';

/**
 * The normalised matching features of every profile of every store, in one global index space
 * (store after store). Every value is interned: a profile holds integer ids into dictionaries of
 * distinct values, in typed arrays. Comparing two profiles, blocking them and counting how often a
 * value occurs then work on integers, and two million profiles cost tens of megabytes, not a heap
 * of short strings.
 */
export interface FeatureTable {
  size: number;
  stores: ProfileStore[];
  /** Global index → store number (index into `stores`). */
  storeOf: Uint16Array;
  /** Global index → index within its ProfileStore. */
  localOf: Uint32Array;
  /** First global index of each store. */
  offsets: number[];
  /** Distinct canonical emails by id; id 0 is unused. */
  emailValues: string[];
  /** Profile g's email ids are emailIds[emailStart[g] .. emailStart[g + 1]). */
  emailStart: Uint32Array;
  emailIds: Uint32Array;
  /** Per email id: its local-part stem (see localStem) and the stem's first three letters, as word ids (0: none). */
  emailStem: Uint32Array;
  emailStem3: Uint32Array;
  /** Bit i set: profile g's email i is a role or household mailbox. */
  roleEmails: Uint8Array;
  /** Distinct E.164 numbers by id; id 0 is unused. */
  phoneValues: string[];
  phoneStart: Uint32Array;
  phoneIds: Uint32Array;
  /** Per phone id: its last four digits (another spelling of a number usually keeps them). */
  phoneTail: Uint16Array;
  /** Distinct words (folded names, sound codes, email stems) by id; id 0 is the empty word. */
  words: string[];
  given: Uint32Array;
  family: Uint32Array;
  givenSound: Uint32Array;
  familySound: Uint32Array;
  /** Bit 0: at least one email is verified; bit 1: explicitly unverified email present. */
  verified: Uint8Array;
  /** Profiles with nothing to match on (no email, phone or name). */
  empty: number;
}

export interface FeatureOptions {
  /** Region for phone numbers written without a country code (ISO 3166 alpha-2). */
  defaultRegion?: string;
  /** Worker threads that parse phone numbers besides the main thread (default: cores - 1, at most 3). */
  workers?: number;
}

/** Distinct strings → dense ids (0 is the empty string), for building a FeatureTable. */
class Interner {
  readonly values: string[] = [''];
  readonly #ids = new Map<string, number>([['', 0]]);
  id(value: string): number {
    let id = this.#ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.#ids.set(value, id);
    }
    return id;
  }
}

/** Letters of the email local part before the first digit, separators dropped, at most 6. */
export function localStem(email: string): string {
  const local = email.slice(0, email.indexOf('@'));
  return (/^[a-z]+/.exec(local.replace(/[._-]/g, ''))?.[0] ?? '').slice(0, 6);
}

export function buildFeatures(stores: ProfileStore[], options: FeatureOptions = {}): FeatureTable {
  const size = stores.reduce((n, s) => n + s.size, 0);
  const storeOf = new Uint16Array(size);
  const localOf = new Uint32Array(size);
  const offsets: number[] = [];
  // Phones first: each distinct spelling is parsed once for the whole run (the same customer's
  // number is usually written alike in several systems), by worker threads while this thread
  // normalises emails and names.
  const spellings = new Interner();
  const spellingStart = new Uint32Array(size + 1);
  const spellingIds = uint32List();
  let g = 0;
  stores.forEach((store, s) => {
    offsets.push(g);
    for (let i = 0; i < store.size; i++, g++) {
      storeOf[g] = s;
      localOf[g] = i;
      for (const raw of store.phonesOf(i)) {
        const key = phoneSpellingKey(raw);
        if (key) spellingIds.push(spellings.id(key));
      }
      spellingStart[g + 1] = spellingIds.length;
    }
  });
  let rest: EmailAndNameFeatures | undefined;
  const { results: parsed } = parseSpellings(spellings.values, options.defaultRegion, {
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    meanwhile: () => {
      rest = emailsAndNames(stores, size);
    },
  });
  if (!rest) throw new Error('emails and names were not normalised');
  // Spelling → E.164 → phone id, each profile's numbers once.
  // Numbers are ids by their rank among the distinct parsed numbers (a sort, no map of strings).
  const distinct = Float64Array.from(parsed).sort();
  let count = 0;
  for (let i = 0; i < distinct.length; i++) if (distinct[i] && distinct[i] !== distinct[count - 1]) distinct[count++] = distinct[i] as number;
  const phoneValues = [''];
  for (let i = 0; i < count; i++) phoneValues.push(`+${distinct[i] as number}`);
  const phoneOfSpelling = Uint32Array.from(parsed, (digits) => (digits ? rankOf(distinct, count, digits) + 1 : 0));
  const phoneStart = new Uint32Array(size + 1);
  const phoneIds = uint32List();
  let empty = 0;
  for (let p = 0; p < size; p++) {
    const first = phoneIds.length;
    for (let k = spellingStart[p] as number; k < (spellingStart[p + 1] as number); k++) {
      const id = phoneOfSpelling[spellingIds.data[k] as number] as number;
      if (id && !contains(phoneIds.data, first, phoneIds.length, id)) phoneIds.push(id);
    }
    phoneStart[p + 1] = phoneIds.length;
    if (phoneIds.length === first && rest.emailStart[p] === rest.emailStart[p + 1] && !rest.given[p] && !rest.family[p]) empty++;
  }
  const phoneTail = Uint16Array.from(phoneValues, (v) => (v ? Number(v.slice(-4)) : 0));
  return { ...rest, size, stores, storeOf, localOf, offsets, phoneValues, phoneStart, phoneIds: phoneIds.done(), phoneTail, empty };
}

type EmailAndNameFeatures = Pick<
  FeatureTable,
  'emailValues' | 'emailStart' | 'emailIds' | 'emailStem' | 'emailStem3' | 'roleEmails' | 'words' | 'given' | 'family' | 'givenSound' | 'familySound' | 'verified'
>;

/** The email and name features of every profile (everything but the phones). */
function emailsAndNames(stores: ProfileStore[], size: number): EmailAndNameFeatures {
  const emails = new Interner();
  const words = new Interner();
  const emailStart = new Uint32Array(size + 1);
  const emailIds = uint32List();
  const roleEmails = new Uint8Array(size);
  const verifiedOf = new Uint8Array(size);
  const given = new Uint32Array(size);
  const family = new Uint32Array(size);
  const givenSound = new Uint32Array(size);
  const familySound = new Uint32Array(size);
  let g = 0;
  for (const store of stores) {
    for (let i = 0; i < store.size; i++, g++) {
      const first = emailIds.length;
      let role = 0;
      let verified = 0;
      for (const email of store.emailsOf(i)) {
        const n = normalizeEmail(email.address);
        if (!n) continue;
        const id = emails.id(n.canonical);
        if (contains(emailIds.data, first, emailIds.length, id)) continue;
        const k = emailIds.length - first;
        if (n.role && k < 8) role |= 1 << k;
        emailIds.push(id);
        if (email.verified === true) verified |= 1;
        if (email.verified === false) verified |= 2;
      }
      emailStart[g + 1] = emailIds.length;
      const names = store.namesOf(i);
      const name = normalizeName(names.given, names.family, names.full);
      roleEmails[g] = role;
      given[g] = words.id(name.given);
      family[g] = words.id(name.family);
      givenSound[g] = words.id(name.givenSound);
      familySound[g] = words.id(name.familySound);
      verifiedOf[g] = verified;
    }
  }
  const emailStem = new Uint32Array(emails.values.length);
  const emailStem3 = new Uint32Array(emails.values.length);
  emails.values.forEach((email, id) => {
    if (!id) return;
    const stem = localStem(email);
    if (stem.length < 3) return;
    emailStem[id] = words.id(stem);
    emailStem3[id] = words.id(stem.slice(0, 3));
  });
  return {
    emailValues: emails.values,
    emailStart,
    emailIds: emailIds.done(),
    emailStem,
    emailStem3,
    roleEmails,
    words: words.values,
    given,
    family,
    givenSound,
    familySound,
    verified: verifiedOf,
  };
}

/** Index of `value` in the first `count` (sorted) entries of `sorted`. */
function rankOf(sorted: Float64Array, count: number, value: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function contains(list: Uint32Array, from: number, to: number, value: number): boolean {
  for (let k = from; k < to; k++) if (list[k] === value) return true;
  return false;
}

/** Profile g's canonical emails. */
export function emailsOf(t: FeatureTable, g: number): string[] {
  const out: string[] = [];
  for (let k = t.emailStart[g] as number; k < (t.emailStart[g + 1] as number); k++) out.push(t.emailValues[t.emailIds[k] as number] ?? '');
  return out;
}

/** Profile g's E.164 numbers. */
export function phonesOf(t: FeatureTable, g: number): string[] {
  const out: string[] = [];
  for (let k = t.phoneStart[g] as number; k < (t.phoneStart[g + 1] as number); k++) out.push(t.phoneValues[t.phoneIds[k] as number] ?? '');
  return out;
}

export function givenOf(t: FeatureTable, g: number): string {
  return t.words[t.given[g] as number] ?? '';
}

export function familyOf(t: FeatureTable, g: number): string {
  return t.words[t.family[g] as number] ?? '';
}

/** The first id that both profiles hold in one of the id lists (emails or phones), 0 when none. */
export function sharedId(start: Uint32Array, ids: Uint32Array, a: number, b: number): number {
  const endA = start[a + 1] as number;
  const fromB = start[b] as number;
  const endB = start[b + 1] as number;
  for (let i = start[a] as number; i < endA; i++) {
    const id = ids[i] as number;
    for (let j = fromB; j < endB; j++) if (ids[j] === id) return id;
  }
  return 0;
}

/** How many profiles hold each id of an id list (a value's term frequency). */
export function countIds(ids: Uint32Array, distinct: number): Uint32Array {
  const counts = new Uint32Array(distinct);
  for (let k = 0; k < ids.length; k++) counts[ids[k] as number] = (counts[ids[k] as number] ?? 0) + 1;
  return counts;
}
