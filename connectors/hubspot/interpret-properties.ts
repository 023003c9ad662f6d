import type { CrmConsentField, CrmLinkField } from '../../src/model/crm-facts.js';
import type { RawProperty } from './raw.js';

/**
 * Pure: what the contact property definitions say — which properties can hold an identity-store
 * key (CRM-EXTERNAL-ID-FIELD), which hold consent, and the lifecycle stages.
 */
export const CONTACTS_OBJECT = 'contacts';

export interface SchemaOptions {
  /** The operator's link property, if any (it wins over detection). */
  linkProperty?: string;
  /** The consent property (configured or hs_email_optout). */
  consentProperty: string;
  lifecycleProperty: string;
  customerStages: readonly string[];
}

export interface SchemaFacts {
  identityLinkFields: CrmLinkField[];
  /** The property whose values become `crm-key` links: configured, else the best detected one. */
  linkProperty?: string;
  consentFields: CrmConsentField[];
  /** Undefined when the lifecycle property does not exist in the account. */
  lifecycle?: { field: string; customerValues: string[]; values: string[] };
  /** Property names that exist in the account (to request only those). */
  names: ReadonlySet<string>;
}

export function describeSchema(properties: readonly RawProperty[], options: SchemaOptions): SchemaFacts {
  const live = properties.filter((p) => !p.archived);
  const byName = new Map(live.map((p) => [p.name, p]));
  const identityLinkFields = linkFields(live, options.linkProperty);
  const chosen = options.linkProperty ?? identityLinkFields[0]?.field;
  const lifecycleProperty = byName.get(options.lifecycleProperty);
  return {
    identityLinkFields: chosen ? identityLinkFields.map((f) => (f.field === chosen && f.source === 'detected' ? { ...f, reason: `${f.reason ?? ''}; used for the identity links` } : f)) : identityLinkFields,
    ...(chosen ? { linkProperty: chosen } : {}),
    consentFields: consentFields(live, options.consentProperty),
    ...(lifecycleProperty
      ? { lifecycle: { field: lifecycleProperty.name, customerValues: [...options.customerStages], values: lifecycleProperty.options } }
      : {}),
    names: new Set(byName.keys()),
  };
}

/**
 * The configured link property first (found or not), then detected candidates: the account's own
 * properties (not HubSpot-defined, not calculated) whose name or label suggests an IAM key, unique
 * ones (hasUniqueValue — HubSpot's only uniqueness, also what makes a property usable as
 * `idProperty`) before the others, which are listed so that a non-unique key shows (WARN).
 */
function linkFields(properties: readonly RawProperty[], configured: string | undefined): CrmLinkField[] {
  const out: CrmLinkField[] = [];
  if (configured) {
    const property = properties.find((p) => p.name === configured);
    out.push({
      ...linkField(property ?? { name: configured, hasUniqueValue: false }),
      source: 'configured',
      ...(property ? {} : { reason: 'configured, but no such contact property in the account' }),
    });
  }
  const detected = properties
    .filter((p) => p.name !== configured && !p.hubspotDefined && !p.name.startsWith('hs_') && !p.calculated)
    .map((p) => ({ property: p, term: iamTerm(p) }))
    .filter((c): c is { property: RawProperty; term: { where: string; term: string } } => c.term !== undefined)
    .sort((a, b) => Number(b.property.hasUniqueValue) - Number(a.property.hasUniqueValue) || a.property.name.localeCompare(b.property.name));
  for (const { property, term } of detected) {
    const uniqueness = property.hasUniqueValue ? 'hasUniqueValue' : 'not unique (hasUniqueValue false)';
    out.push({ ...linkField(property), source: 'detected', reason: `${uniqueness}, ${term.where} matches "${term.term}"` });
  }
  return out;
}

function linkField(p: Pick<RawProperty, 'name' | 'hasUniqueValue'> & Partial<RawProperty>): Omit<CrmLinkField, 'source'> {
  return {
    object: CONTACTS_OBJECT,
    field: p.name,
    ...(p.label ? { label: p.label } : {}),
    ...(p.type ? { type: p.type } : {}),
    // HubSpot has no "External ID" flag: a unique-value property is the alternate key it offers.
    externalId: p.hasUniqueValue,
    unique: p.hasUniqueValue,
  };
}

/** Terms that name an IAM key, matched on whole words of the name or label. */
const IAM_TERMS = ['subject', 'idp', 'iam', 'oidc', 'auth0', 'okta', 'keycloak', 'user id', 'customer id', 'external id', 'login id'];

export function iamTerm(property: Pick<RawProperty, 'name' | 'label'>): { where: string; term: string } | undefined {
  const name = words(property.name);
  const found = IAM_TERMS.find((t) => hasWords(name, t));
  if (found) return { where: 'name', term: found };
  // "sub" alone is too common a word ("sub region"): only as the name's last word (idp_sub, oidc_sub).
  if (name.split(' ').at(-1) === 'sub') return { where: 'name', term: 'sub' };
  const label = property.label ? words(property.label) : '';
  const inLabel = IAM_TERMS.find((t) => hasWords(label, t));
  return inLabel ? { where: 'label', term: inLabel } : undefined;
}

/** Lower-case words: camelCase, snake_case, kebab-case and spaces split; "userid" reads as "user id". */
export function words(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(user|customer|external|login)(id)\b/g, '$1 $2')
    .trim();
}

function hasWords(haystack: string, needle: string): boolean {
  return ` ${haystack} `.includes(` ${needle} `);
}

/**
 * Consent-bearing properties that exist in the account: HubSpot's global opt-out and per-
 * subscription opt-outs, the marketing-contact status, the legal basis, the configured consent
 * property, and the account's own properties named like consent.
 */
function consentFields(properties: readonly RawProperty[], consentProperty: string): CrmConsentField[] {
  const out = new Map<string, CrmConsentField['meaning']>();
  for (const p of properties) {
    const meaning = p.name === consentProperty ? consentMeaning(p.name) : standardConsent(p) ?? customConsent(p);
    if (meaning) out.set(p.name, meaning);
  }
  return [...out.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([field, meaning]) => ({ object: CONTACTS_OBJECT, field, meaning }));
}

/** A consent property is an opt-out flag when its name says so, else an opt-in flag. */
export function consentMeaning(name: string): 'opt-out' | 'opt-in' {
  return /opt ?out|unsubscrib/.test(words(name)) ? 'opt-out' : 'opt-in';
}

function standardConsent(p: RawProperty): CrmConsentField['meaning'] | undefined {
  if (p.name === 'hs_email_optout' || /^hs_email_optout_\d+$/.test(p.name)) return 'opt-out';
  if (p.name === 'hs_marketable_status') return 'subscription-status';
  if (p.name === 'hs_legal_basis') return 'consent-record';
  return undefined;
}

function customConsent(p: RawProperty): CrmConsentField['meaning'] | undefined {
  if (p.hubspotDefined || p.name.startsWith('hs_')) return undefined;
  const text = `${words(p.name)} ${p.label ? words(p.label) : ''}`;
  if (/\b(opt ?out|unsubscribed?)\b/.test(text)) return 'opt-out';
  if (/\b(consent|gdpr|opt ?in|marketing permission)\b/.test(text)) return 'opt-in';
  return undefined;
}
