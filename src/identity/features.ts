import type { ProfileStore } from './profile-store.js';
import { normalizeEmail } from './normalize/email.js';
import { normalizeName } from './normalize/name.js';
import { PhoneNormalizer } from './normalize/phone.js';

/**
 * The normalised matching features of every profile of every store, in one global index space
 * (store after store), as parallel arrays: nothing per profile but a few short strings.
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
  /** Canonical emails, '\n'-joined ('' when none). */
  emails: string[];
  /** Bit i set: email i is a role or household mailbox. */
  roleEmails: Uint8Array;
  /** E.164 numbers, '\n'-joined. */
  phones: string[];
  given: string[];
  family: string[];
  givenSound: string[];
  familySound: string[];
  /** Bit 0: at least one email is verified; bit 1: explicitly unverified email present. */
  verified: Uint8Array;
  /** Profiles with nothing to match on (no email, phone or name). */
  empty: number;
}

export interface FeatureOptions {
  /** Region for phone numbers written without a country code (ISO 3166 alpha-2). */
  defaultRegion?: string;
}

export function buildFeatures(stores: ProfileStore[], options: FeatureOptions = {}): FeatureTable {
  const size = stores.reduce((n, s) => n + s.size, 0);
  const phones = new PhoneNormalizer(options.defaultRegion);
  const table: FeatureTable = {
    size,
    stores,
    storeOf: new Uint16Array(size),
    localOf: new Uint32Array(size),
    offsets: [],
    emails: new Array<string>(size),
    roleEmails: new Uint8Array(size),
    phones: new Array<string>(size),
    given: new Array<string>(size),
    family: new Array<string>(size),
    givenSound: new Array<string>(size),
    familySound: new Array<string>(size),
    verified: new Uint8Array(size),
    empty: 0,
  };
  let g = 0;
  stores.forEach((store, s) => {
    table.offsets.push(g);
    for (let i = 0; i < store.size; i++, g++) {
      table.storeOf[g] = s;
      table.localOf[g] = i;
      const canonical: string[] = [];
      let role = 0;
      let verified = 0;
      for (const email of store.emailsOf(i)) {
        const n = normalizeEmail(email.address);
        if (!n || canonical.includes(n.canonical)) continue;
        if (n.role && canonical.length < 8) role |= 1 << canonical.length;
        canonical.push(n.canonical);
        if (email.verified === true) verified |= 1;
        if (email.verified === false) verified |= 2;
      }
      const e164 = [...new Set(store.phonesOf(i).map((p) => phones.e164(p)).filter((p): p is string => p !== undefined))];
      const names = store.namesOf(i);
      const name = normalizeName(names.given, names.family, names.full);
      table.emails[g] = canonical.join('\n');
      table.roleEmails[g] = role;
      table.phones[g] = e164.join('\n');
      table.given[g] = name.given;
      table.family[g] = name.family;
      table.givenSound[g] = name.givenSound;
      table.familySound[g] = name.familySound;
      table.verified[g] = verified;
      if (!canonical.length && !e164.length && !name.family && !name.given) table.empty++;
    }
  });
  return table;
}

export function split(joined: string | undefined): string[] {
  return joined ? joined.split('\n') : [];
}
