import type { LinkConfig, MappingConfig } from './config.js';

/**
 * The mapping with every column resolved to a reference the reader understands: a column index for
 * CSV, a parsed path for JSON Lines. Value lists are lower-cased once, here.
 */
export interface CompiledMapping<Ref> {
  id: Ref;
  emails: Array<{ ref: Ref; verified?: Ref }>;
  phones: Ref[];
  given?: Ref;
  family?: Ref;
  fullName?: Ref;
  status?: { ref: Ref; disabled: ValueSet; active?: ValueSet };
  origin?: { ref: Ref; local?: ValueSet; federated?: ValueSet; otherwise?: 'local' | 'federated' };
  createdAt?: Ref;
  updatedAt?: Ref;
  lastLoginAt?: Ref;
  consent?: { ref: Ref; optedIn: ValueSet; optedOut?: ValueSet; updatedAt?: Ref };
  lifecycle?: { ref: Ref; lead: ValueSet; customer: ValueSet };
  links: Array<{ kind: LinkConfig['kind']; value?: Ref; via?: string; viaRef?: Ref; skipVia: ValueSet }>;
  attributes: Ref[];
}

export type ValueSet = ReadonlySet<string>;

export function normalizeValue(value: string): string {
  return value.trim().toLowerCase();
}

function valueSet(values: readonly string[]): ValueSet {
  return new Set(values.map(normalizeValue));
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}

/**
 * Compile a mapping. `ref` turns a column name or path into a reference, or records why it cannot
 * (the caller reports every missing column at once).
 */
export function compileMapping<Ref>(mapping: MappingConfig & { id: string }, ref: (column: string, where: string) => Ref): CompiledMapping<Ref> {
  const optional = (column: string | undefined, where: string) => (column === undefined ? undefined : ref(column, where));
  const verified = list(mapping.emailVerified);
  const compiled: CompiledMapping<Ref> = {
    id: ref(mapping.id, 'id'),
    emails: list(mapping.emails).map((column, i) => {
      const email: { ref: Ref; verified?: Ref } = { ref: ref(column, `emails[${i}]`) };
      const flag = verified[i];
      if (flag !== undefined) email.verified = ref(flag, `emailVerified[${i}]`);
      return email;
    }),
    phones: list(mapping.phones).map((column, i) => ref(column, `phones[${i}]`)),
    links: (mapping.links ?? []).map((link, i) => {
      const out: CompiledMapping<Ref>['links'][number] = { kind: link.kind, skipVia: valueSet(link.skipVia ?? []) };
      if (link.column !== undefined) out.value = ref(link.column, `links[${i}].column`);
      if (link.via !== undefined) out.via = link.via;
      if (link.viaColumn !== undefined) out.viaRef = ref(link.viaColumn, `links[${i}].viaColumn`);
      return out;
    }),
    attributes: (mapping.attributes ?? []).map((column, i) => ref(column, `attributes[${i}]`)),
  };
  const given = optional(mapping.given, 'given');
  const family = optional(mapping.family, 'family');
  const fullName = optional(mapping.fullName, 'fullName');
  const createdAt = optional(mapping.createdAt, 'createdAt');
  const updatedAt = optional(mapping.updatedAt, 'updatedAt');
  const lastLoginAt = optional(mapping.lastLoginAt, 'lastLoginAt');
  if (given !== undefined) compiled.given = given;
  if (family !== undefined) compiled.family = family;
  if (fullName !== undefined) compiled.fullName = fullName;
  if (createdAt !== undefined) compiled.createdAt = createdAt;
  if (updatedAt !== undefined) compiled.updatedAt = updatedAt;
  if (lastLoginAt !== undefined) compiled.lastLoginAt = lastLoginAt;
  if (mapping.status) {
    compiled.status = { ref: ref(mapping.status.column, 'status.column'), disabled: valueSet(mapping.status.disabled) };
    if (mapping.status.active) compiled.status.active = valueSet(mapping.status.active);
  }
  if (mapping.origin) {
    const origin: NonNullable<CompiledMapping<Ref>['origin']> = { ref: ref(mapping.origin.column, 'origin.column') };
    if (mapping.origin.local) origin.local = valueSet(mapping.origin.local);
    if (mapping.origin.federated) origin.federated = valueSet(mapping.origin.federated);
    if (mapping.origin.otherwise) origin.otherwise = mapping.origin.otherwise;
    compiled.origin = origin;
  }
  if (mapping.consent) {
    const consent: NonNullable<CompiledMapping<Ref>['consent']> = { ref: ref(mapping.consent.column, 'consent.column'), optedIn: valueSet(mapping.consent.optedIn) };
    if (mapping.consent.optedOut) consent.optedOut = valueSet(mapping.consent.optedOut);
    const at = optional(mapping.consent.updatedAt, 'consent.updatedAt');
    if (at !== undefined) consent.updatedAt = at;
    compiled.consent = consent;
  }
  if (mapping.lifecycle) {
    compiled.lifecycle = {
      ref: ref(mapping.lifecycle.column, 'lifecycle.column'),
      lead: valueSet(mapping.lifecycle.lead),
      customer: valueSet(mapping.lifecycle.customer),
    };
  }
  return compiled;
}

/**
 * Usual header names (exact, case-sensitive) for the fields that have one obvious meaning. Only
 * fields the mapping leaves unset are filled, only from names present in the file, and the
 * connector reports every default it used. Status, origin, consent, lifecycle and links carry
 * product-specific meanings and are never guessed.
 */
export const DEFAULT_COLUMNS = {
  id: ['id', 'user_id', 'userId', 'Id', 'ID', 'Record ID'],
  emails: ['email', 'Email', 'email_address', 'emailAddress', 'Email Address'],
  emailVerified: ['email_verified', 'emailVerified'],
  phones: ['phone', 'phone_number', 'phoneNumber', 'Phone', 'Phone Number', 'mobile', 'MobilePhone', 'Mobile Phone Number'],
  given: ['first_name', 'given_name', 'firstName', 'FirstName', 'First Name'],
  family: ['last_name', 'family_name', 'lastName', 'LastName', 'Last Name'],
  createdAt: ['created_at', 'createdAt', 'createdTimestamp', 'CreatedDate', 'Create Date'],
  updatedAt: ['updated_at', 'updatedAt', 'LastModifiedDate', 'Last Modified Date'],
  lastLoginAt: ['last_login', 'lastLogin', 'last_login_at', 'lastLoginAt'],
} as const;

/**
 * Pure: fill unset fields from DEFAULT_COLUMNS with the names `available` accepts (a CSV header's
 * names; for JSON Lines every name, since keys vary from object to object). Returns the mapping
 * (each defaulted field set to its first candidate) and, per defaulted place (`id`, `emails[0]`,
 * `phones[1]`, ...), every candidate, in order: JSON Lines reads them as alternatives.
 */
export function withDefaults(mapping: MappingConfig, available: (name: string) => boolean): { mapping: MappingConfig; defaulted: Map<string, string[]> } {
  const out: MappingConfig = { ...mapping };
  const defaulted = new Map<string, string[]>();
  const candidates = (names: readonly string[]) => names.filter(available);
  for (const key of ['id', 'given', 'family', 'createdAt', 'updatedAt', 'lastLoginAt'] as const) {
    const names = candidates(DEFAULT_COLUMNS[key]);
    if (out[key] !== undefined || names[0] === undefined) continue;
    out[key] = names[0];
    defaulted.set(key, names);
  }
  const emails = candidates(DEFAULT_COLUMNS.emails);
  if (out.emails === undefined && emails[0] !== undefined) {
    // Only the first address column: a second one is rarely the same kind of address.
    out.emails = [emails[0]];
    defaulted.set('emails[0]', emails);
    // A verified flag only means something next to the address it qualifies.
    const flags = candidates(DEFAULT_COLUMNS.emailVerified);
    if (out.emailVerified === undefined && flags[0] !== undefined) {
      out.emailVerified = [flags[0]];
      defaulted.set('emailVerified[0]', flags);
    }
  }
  const phones = candidates(DEFAULT_COLUMNS.phones);
  if (out.phones === undefined && phones.length) {
    out.phones = phones;
    phones.forEach((name, i) => defaulted.set(`phones[${i}]`, [name]));
  }
  return { mapping: out, defaulted };
}
