import { NICKNAMES } from '../identity/normalize/nicknames.js';
import { CONSUMER_DOMAINS, COUNTRIES, FAMILY_NAMES, GIVEN_NAMES, businessDomain, type Country } from './names.js';
import { Rng, unit } from './prng.js';

/**
 * A synthetic customer: the ground truth the stores' records are projections of. Generated from
 * (seed, index) alone, so a world of millions is never held in memory.
 */
export interface SyntheticPerson {
  index: number;
  id: string;
  given: string;
  family: string;
  /** A nickname some systems hold instead of the given name. */
  nickname?: string;
  /** The person's own address (lower case, canonical). */
  email: string;
  /** A second address some systems hold (work or old address). */
  altEmail?: string;
  /** Shared with the household partner (the other person of the pair), used in some systems. */
  familyMailbox?: string;
  /** Shared with colleagues (info@, sales@ of a small business). */
  roleMailbox?: string;
  phone?: SyntheticPhone;
  createdAt: string;
  marketingConsent: boolean;
  social?: { provider: 'google' | 'apple' | 'facebook'; subject: string };
}

export interface SyntheticPhone {
  country: Country;
  e164: string;
  /** How people write it nationally. */
  national: string;
}

export interface PeopleOptions {
  seed: number;
  /** Share of people in a two-person household sharing a mailbox. */
  householdRate?: number;
  /** Share of people who use a small business's role mailbox somewhere. */
  roleMailboxRate?: number;
  /** Share of people with a phone number. */
  phoneRate?: number;
  /** Share of people with a social login. */
  socialRate?: number;
}

const FOLD = /[\u0300-\u036f]/g;

/** ASCII for mail local parts: "Łukasz Núñez" → "lukasz", "nunez". */
export function asciiFold(text: string): string {
  return text
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(FOLD, '')
    .replace(/[^A-Za-z0-9]+/g, '')
    .toLowerCase();
}

/** An index → a distinct pseudo-random number below 10^digits (multiplication by a prime coprime with 10). */
function spread(index: number, digits: number, salt: number): string {
  const modulus = 10 ** digits;
  const value = (BigInt(index) * 7_919_001n + BigInt(salt)) % BigInt(modulus);
  return value.toString().padStart(digits, '0');
}

/** Distinct numbers per person, in valid national numbering plans. */
export function phoneFor(country: Country, index: number): SyntheticPhone {
  switch (country) {
    case 'DE': {
      const s = spread(index, 8, 11);
      return { country, e164: `+49151${s}`, national: `0151 ${s}` };
    }
    case 'NL': {
      const s = spread(index, 8, 13);
      return { country, e164: `+316${s}`, national: `06-${s}` };
    }
    case 'FR': {
      const s = spread(index, 8, 17);
      return { country, e164: `+336${s}`, national: `06 ${s.slice(0, 2)} ${s.slice(2, 4)} ${s.slice(4, 6)} ${s.slice(6)}` };
    }
    case 'GB': {
      // UK mobiles: 07 followed by 4, 5, 7, 8 or 9 and eight digits.
      const s = spread(index, 8, 19);
      const second = ['4', '5', '7', '8', '9'][index % 5] ?? '7';
      return { country, e164: `+447${second}${s}`, national: `07${second}${s.slice(0, 2)} ${s.slice(2)}` };
    }
    case 'US': {
      // San Francisco 415, exchanges 2xx: a million distinct lines.
      const s = spread(index, 6, 23);
      const exchange = `2${s.slice(0, 2)}`;
      const line = s.slice(2);
      return { country, e164: `+1415${exchange}${line}`, national: `(415) ${exchange}-${line}` };
    }
  }
}

export function person(index: number, options: PeopleOptions): SyntheticPerson {
  const rng = new Rng(options.seed, 'person', index);
  const household = unit(options.seed, 'household', Math.floor(index / 2)) < (options.householdRate ?? 0.04);
  // Household partners share the family name.
  const family = household ? new Rng(options.seed, 'family-name', Math.floor(index / 2)).pickSkewed(FAMILY_NAMES) : rng.pickSkewed(FAMILY_NAMES);
  const given = rng.pickSkewed(GIVEN_NAMES);
  const nicknames = NICKNAMES[given];
  const first = asciiFold(given);
  const last = asciiFold(family);
  // Digits, as people add them; two addresses that differ in a digit are two mailboxes.
  const tag = String(index);
  const business = rng.chance(0.25);
  const domain = business ? businessDomain(Math.floor(index / 40)) : rng.pick(CONSUMER_DOMAINS);
  const pattern = rng.int(0, 3);
  const local = [`${first}.${last}`, `${first}${last}`, `${first.slice(0, 1)}.${last}`, `${first}_${last}`][pattern] ?? `${first}.${last}`;
  const p: SyntheticPerson = {
    index,
    id: `p${String(index).padStart(8, '0')}`,
    given,
    family,
    email: `${local}.${tag}@${domain}`,
    createdAt: new Date(Date.UTC(2015, 0, 1) + Math.floor(rng.float() * 11 * 365) * 86_400_000 + rng.int(0, 86_399) * 1000).toISOString(),
    marketingConsent: rng.chance(0.6),
  };
  if (nicknames && rng.chance(0.5)) p.nickname = rng.pick(nicknames);
  if (rng.chance(0.3)) p.altEmail = `${first}${rng.int(1, 99)}.${tag}@${rng.pick(CONSUMER_DOMAINS)}`;
  if (household) p.familyMailbox = `the.${last}.family.${Math.floor(index / 2)}@${rng.pick(CONSUMER_DOMAINS)}`;
  if (business && unit(options.seed, 'role', index) < (options.roleMailboxRate ?? 0.2)) p.roleMailbox = `info@${domain}`;
  if (rng.chance(options.phoneRate ?? 0.7)) p.phone = phoneFor(rng.pick(COUNTRIES), index);
  if (rng.chance(options.socialRate ?? 0.3)) {
    p.social = { provider: rng.pick(['google', 'apple', 'facebook'] as const), subject: `${rng.digits(21)}` };
  }
  return p;
}
