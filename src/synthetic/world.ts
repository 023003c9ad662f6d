import { PLUS_ADDRESSING } from '../identity/normalize/email.js';
import { person, type PeopleOptions, type SyntheticPerson } from './people.js';
import { Rng, unit } from './prng.js';

/**
 * A synthetic CIAM world: people (the ground truth) projected into several identity stores and
 * CRMs, each holding a subset of them, with the imperfections real data has — duplicates, case and
 * Gmail variants, plus tags, typos, formatted phones, nicknames, missing fields, shared household
 * and role mailboxes, disabled accounts, consent that disagrees — and explicit links for a share.
 * Records stream: nothing but the current record is held, so 2M records cost O(1) memory.
 */
export interface StoreSpec {
  id: string;
  kind: 'identity-store' | 'crm';
  /** Share of people present in this store. */
  coverage: number;
  /** Restrict to people whose index is in [from, to) (e.g. a store that only ever had part of the base). */
  range?: [number, number];
  /** Share of present people with a second record in the same store (duplicates). */
  duplicateRate?: number;
  /** Probabilities of the variants applied to a record. */
  variants?: Partial<Record<VariantKind, number>>;
  /** Share of records disabled (identity stores) or unsubscribed leads (CRMs). */
  disabledRate?: number;
  /** Share of records whose marketing consent disagrees with the person's. */
  consentFlipRate?: number;
  /** Share of records holding an explicit link to this person's record in another store. */
  links?: { toStore: string; kind: 'external-id' | 'crm-key'; via: string; rate: number };
  /** Identity stores with social login: share of records that are federated (social) accounts. */
  socialLogin?: boolean;
  /** CRMs: extra contacts (leads) that match no person in any identity store. */
  leads?: number;
  /** Prefix of local ids. */
  idStyle?: 'uuid' | 'numeric' | 'salesforce' | 'okta';
}

export type VariantKind =
  | 'emailUpperCase'
  | 'gmailDots'
  | 'plusTag'
  | 'emailTypo'
  | 'altEmail'
  | 'familyMailbox'
  | 'roleMailbox'
  | 'phoneNational'
  | 'phoneMissing'
  | 'nickname'
  | 'nameMissing'
  | 'nameUpperCase';

export const DEFAULT_VARIANTS: Record<VariantKind, number> = {
  emailUpperCase: 0.05,
  gmailDots: 0.04,
  plusTag: 0.03,
  emailTypo: 0.01,
  altEmail: 0.05,
  familyMailbox: 0.3,
  roleMailbox: 0.3,
  phoneNational: 0.4,
  phoneMissing: 0.3,
  nickname: 0.3,
  nameMissing: 0.03,
  nameUpperCase: 0.02,
};

export interface WorldSpec extends PeopleOptions {
  people: number;
  stores: StoreSpec[];
}

export interface SyntheticRecord {
  storeId: string;
  localId: string;
  /** Ground truth: the person this record belongs to (`lead-…` for CRM-only leads). */
  personId: string;
  emails: Array<{ address: string; verified: boolean }>;
  phones: string[];
  given?: string;
  family?: string;
  status: 'active' | 'disabled';
  createdAt: string;
  updatedAt: string;
  marketingConsent: boolean;
  lifecycle?: 'lead' | 'customer';
  links: Array<{ kind: 'federated-identity' | 'external-id' | 'crm-key'; via: string; value: string }>;
  origin: 'local' | 'federated';
  /** Which variants were applied (for tests that need to know why two records differ). */
  variants: VariantKind[];
}

/** The local id a store gives a person's n-th record: deterministic, so other stores can link to it. */
export function localIdOf(spec: Pick<StoreSpec, 'id' | 'idStyle'>, seed: number, personIndex: number, copy = 0): string {
  const rng = new Rng(seed, 'local-id', spec.id, personIndex, copy);
  switch (spec.idStyle ?? 'uuid') {
    case 'numeric':
      return String(100_000 + personIndex * 3 + copy);
    case 'salesforce':
      return `003${rng.digits(3)}${(personIndex * 3 + copy).toString(36).toUpperCase().padStart(9, '0')}`;
    case 'okta':
      return `00u${(personIndex * 3 + copy).toString(36).padStart(10, '0')}${rng.digits(7)}`;
    case 'uuid': {
      const hex = () => Math.floor(rng.float() * 0x10000).toString(16).padStart(4, '0');
      return `${hex()}${hex()}-${hex()}-4${hex().slice(1)}-a${hex().slice(1)}-${hex()}${hex()}${hex()}`;
    }
  }
}

function present(spec: StoreSpec, seed: number, index: number): boolean {
  if (spec.range && (index < spec.range[0] || index >= spec.range[1])) return false;
  return unit(seed, 'present', spec.id, index) < spec.coverage;
}

/** People in a store (for ground-truth checks): cheap, no records built. */
export function isInStore(spec: StoreSpec, seed: number, index: number): boolean {
  return present(spec, seed, index);
}

function gmailDots(local: string, rng: Rng): string {
  const plain = local.replace(/\./g, '');
  const at = rng.int(1, Math.max(1, plain.length - 1));
  return `${plain.slice(0, at)}.${plain.slice(at)}`;
}

/** Swap two adjacent letters of the first word (a typing slip that keeps the address valid). */
function typo(text: string, rng: Rng): string {
  const word = /^[a-z]+/i.exec(text)?.[0] ?? '';
  if (word.length < 4) return text;
  const i = rng.int(0, word.length - 2);
  return `${text.slice(0, i)}${text[i + 1] ?? ''}${text[i] ?? ''}${text.slice(i + 2)}`;
}

function emailVariant(address: string, variants: Record<VariantKind, number>, rng: Rng, applied: VariantKind[]): string {
  let [local = '', domain = ''] = address.split('@');
  if ((domain === 'gmail.com' || domain === 'googlemail.com') && rng.chance(variants.gmailDots)) {
    local = gmailDots(local, rng);
    if (rng.chance(0.3)) domain = domain === 'gmail.com' ? 'googlemail.com' : 'gmail.com';
    applied.push('gmailDots');
  }
  // Only where the provider delivers local+tag to local (Gmail, Outlook, iCloud, ...).
  if (rng.chance(variants.plusTag) && PLUS_ADDRESSING.has(domain)) {
    local = `${local}+${rng.pick(['shop', 'news', 'promo', 'app'])}`;
    applied.push('plusTag');
  }
  if (rng.chance(variants.emailTypo)) {
    local = typo(local, rng);
    applied.push('emailTypo');
  }
  let out = `${local}@${domain}`;
  if (rng.chance(variants.emailUpperCase)) {
    out = rng.chance(0.5) ? out.toUpperCase() : `${local.charAt(0).toUpperCase()}${local.slice(1)}@${domain.charAt(0).toUpperCase()}${domain.slice(1)}`;
    applied.push('emailUpperCase');
  }
  return out;
}

/** One person's record in one store (copy 0 is the main record, copy 1 a duplicate). */
export function recordOf(spec: StoreSpec, world: WorldSpec, p: SyntheticPerson, copy: number): SyntheticRecord {
  const rng = new Rng(world.seed, 'record', spec.id, p.index, copy);
  const variants = { ...DEFAULT_VARIANTS, ...(spec.variants ?? {}) };
  const applied: VariantKind[] = [];
  let address = p.email;
  if (p.familyMailbox && rng.chance(variants.familyMailbox)) {
    address = p.familyMailbox;
    applied.push('familyMailbox');
  } else if (p.roleMailbox && rng.chance(variants.roleMailbox)) {
    address = p.roleMailbox;
    applied.push('roleMailbox');
  } else if (p.altEmail && rng.chance(copy > 0 ? 0.5 : variants.altEmail)) {
    address = p.altEmail;
    applied.push('altEmail');
  }
  const emails = [{ address: emailVariant(address, variants, rng, applied), verified: rng.chance(spec.kind === 'crm' ? 0 : 0.85) }];
  const phones: string[] = [];
  if (p.phone && !rng.chance(variants.phoneMissing)) {
    if (rng.chance(variants.phoneNational)) applied.push('phoneNational');
    phones.push(applied.includes('phoneNational') ? p.phone.national : p.phone.e164);
  }
  let given: string | undefined = p.given;
  let family: string | undefined = p.family;
  if (p.nickname && rng.chance(variants.nickname)) {
    given = p.nickname;
    applied.push('nickname');
  }
  if (rng.chance(variants.nameMissing)) {
    given = undefined;
    family = rng.chance(0.5) ? family : undefined;
    applied.push('nameMissing');
  } else if (rng.chance(variants.nameUpperCase)) {
    given = given?.toUpperCase();
    family = family?.toUpperCase();
    applied.push('nameUpperCase');
  }
  const created = Date.parse(p.createdAt) + copy * 86_400_000 * rng.int(1, 400) + rng.int(0, 30) * 86_400_000;
  const links: SyntheticRecord['links'] = [];
  let origin: SyntheticRecord['origin'] = 'local';
  if (spec.socialLogin && p.social && copy === 0 && rng.chance(0.8)) {
    links.push({ kind: 'federated-identity', via: p.social.provider, value: p.social.subject });
    origin = 'federated';
  }
  if (spec.links && copy === 0 && unit(world.seed, 'link', spec.id, p.index) < spec.links.rate) {
    const target = world.stores.find((s) => s.id === spec.links?.toStore);
    if (target && present(target, world.seed, p.index)) {
      links.push({ kind: spec.links.kind, via: spec.links.via, value: localIdOf(target, world.seed, p.index, 0) });
    }
  }
  const record: SyntheticRecord = {
    storeId: spec.id,
    localId: localIdOf(spec, world.seed, p.index, copy),
    personId: p.id,
    emails,
    phones,
    status: rng.chance(spec.disabledRate ?? 0.02) ? 'disabled' : 'active',
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(created + rng.int(0, 900) * 86_400_000).toISOString(),
    marketingConsent: rng.chance(spec.consentFlipRate ?? 0.01) ? !p.marketingConsent : p.marketingConsent,
    links,
    origin,
    variants: applied,
  };
  if (given !== undefined) record.given = given;
  if (family !== undefined) record.family = family;
  if (spec.kind === 'crm') record.lifecycle = 'customer';
  return record;
}

/** A CRM-only lead: a person no identity store knows. */
function leadOf(spec: StoreSpec, world: WorldSpec, n: number): SyntheticRecord {
  const index = world.people + n;
  const p = person(index, world);
  const r = recordOf({ ...spec, links: undefined, socialLogin: false }, world, p, 0);
  return { ...r, personId: `lead-${spec.id}-${n}`, lifecycle: 'lead', localId: localIdOf(spec, world.seed, index, 2) };
}

/** Stream every record of one store. */
export function* storeRecords(world: WorldSpec, storeId: string): Generator<SyntheticRecord> {
  const spec = world.stores.find((s) => s.id === storeId);
  if (!spec) throw new Error(`no store ${storeId} in this world`);
  for (let index = 0; index < world.people; index++) {
    if (!present(spec, world.seed, index)) continue;
    const p = person(index, world);
    yield recordOf(spec, world, p, 0);
    if (unit(world.seed, 'duplicate', spec.id, index) < (spec.duplicateRate ?? 0)) yield recordOf(spec, world, p, 1);
  }
  for (let n = 0; n < (spec.leads ?? 0); n++) yield leadOf(spec, world, n);
}
