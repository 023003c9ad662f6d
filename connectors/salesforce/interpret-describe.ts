import type { CrmConsentField, CrmLinkField } from '../../src/model/crm-facts.js';
import { bool, isObject, list, str } from './json.js';
import type { ConsentFieldPlan, DescribedField, DescribedObject, RecordObject, RecordPlan } from './raw.js';

/**
 * Pure: sObject describes (GET /sobjects/{object}/describe, `fields[]` with name, label, type,
 * externalId, unique, custom, picklistValues) → identity-link fields, consent fields and what to read.
 * A field the integration user cannot read is absent from the describe (field-level security).
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm
 */
const PICKLISTS_KEPT = new Set(['Status', 'LeadSource']);

/** Reduce a describe to what the analysis uses (data minimisation on arrival). */
export function describedObject(json: unknown, fallbackName: string): DescribedObject {
  const fields: DescribedField[] = [];
  for (const raw of list(json, 'fields')) {
    const name = str(raw, 'name');
    if (!name) continue;
    const field: DescribedField = { name, externalId: bool(raw, 'externalId') === true, unique: bool(raw, 'unique') === true, custom: bool(raw, 'custom') === true };
    const label = str(raw, 'label');
    const type = str(raw, 'type');
    if (label) field.label = label;
    if (type) field.type = type;
    if (PICKLISTS_KEPT.has(name)) {
      const values = list(raw, 'picklistValues')
        .filter((v) => isObject(v) && v.active !== false)
        .map((v) => str(v, 'value'))
        .filter((v): v is string => !!v);
      if (values.length) field.picklist = values;
    }
    fields.push(field);
  }
  return { name: str(json, 'name') ?? fallbackName, fields };
}

export function fieldOf(object: DescribedObject, name: string): DescribedField | undefined {
  const lower = name.toLowerCase();
  return object.fields.find((f) => f.name.toLowerCase() === lower);
}

/** Words in a field name or label: `IdP_Subject__c` → idp, subject; `oktaUserId` → okta, user, id. */
function words(text: string): string[] {
  return text
    .replace(/__c$/i, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** IAM-key words and their strength (1: names an IdP or a subject; 2: a user or login id; 3: a generic key). */
const KEY_WORDS: Record<string, number> = { subject: 1, sub: 1, idp: 1, iam: 1, ciam: 1, auth0: 1, okta: 1, keycloak: 1, uid: 2 };
const KEY_PAIRS: Record<string, number> = { 'user id': 2, 'login id': 2, 'customer id': 3, 'external id': 3 };

/** How strongly a name or label suggests an identity-store key; undefined when it does not. */
export function keyStrength(name: string, label?: string): { strength: number; word: string } | undefined {
  let best: { strength: number; word: string } | undefined;
  for (const text of [name, label ?? '']) {
    const w = words(text);
    const consider = (word: string, strength: number | undefined) => {
      if (strength !== undefined && (!best || strength < best.strength)) best = { strength, word };
    };
    for (const word of w) consider(word, KEY_WORDS[word]);
    for (let i = 0; i + 1 < w.length; i++) consider(`${w[i]} ${w[i + 1]}`, KEY_PAIRS[`${w[i]} ${w[i + 1]}`]);
    // user_id written as one word (userid, customerid, externalid, loginid).
    for (const word of w) consider(word, KEY_PAIRS[word.replace(/(user|login|customer|external)id$/, '$1 id')]);
  }
  return best;
}

/**
 * Fields that hold (or could hold) an identity-store key: the configured one, and those marked
 * External ID or unique whose name or label suggests an IAM key.
 */
export function linkFieldCandidates(object: DescribedObject, configured: string | undefined): CrmLinkField[] {
  const out: CrmLinkField[] = [];
  const configuredField = configured ? fieldOf(object, configured) : undefined;
  if (configuredField) out.push({ ...linkField(object.name, configuredField), source: 'configured' });
  for (const field of object.fields) {
    if (field === configuredField || !(field.externalId || field.unique)) continue;
    const key = keyStrength(field.name, field.label);
    if (!key) continue;
    const flags = [field.externalId ? 'External ID' : 'not External ID', field.unique ? 'unique' : 'not unique'].join(' + ');
    out.push({ ...linkField(object.name, field), source: 'detected', reason: `${flags}; name or label suggests an identity key ("${key.word}")` });
  }
  return out;
}

function linkField(object: string, field: DescribedField): Omit<CrmLinkField, 'source'> {
  return { object, field: field.name, ...(field.label ? { label: field.label } : {}), ...(field.type ? { type: field.type } : {}), externalId: field.externalId, unique: field.unique };
}

/** The field whose values become `crm-key` links: the configured one, else the best detected candidate. */
export function chooseLinkField(object: DescribedObject, configured: string | undefined): string | undefined {
  if (configured) return fieldOf(object, configured)?.name;
  const ranked = linkFieldCandidates(object, undefined)
    .map((c) => ({ c, rank: (c.externalId && c.unique ? 0 : 10) + (keyStrength(c.field, c.label)?.strength ?? 9) }))
    .sort((a, b) => a.rank - b.rank || a.c.field.localeCompare(b.c.field));
  return ranked[0]?.c.field;
}

const OPT_OUT_WORDS = /opt_?out|optout|opted_?out|unsubscri|do_?not|dont/i;
const CONSENT_WORDS = /consent|opt_?in|optin|opt_?out|optout|marketing|gdpr|subscri|newsletter/i;
/** Individual (data-protection) fields that record a person's consent decisions. */
const INDIVIDUAL_CONSENT = new Set(['HasOptedOutTracking', 'HasOptedOutProcessing', 'HasOptedOutSolicit', 'HasOptedOutProfiling', 'ShouldForget', 'SendIndividualData', 'CanStorePiiElsewhere']);

export function consentMeaning(name: string): 'opt-in' | 'opt-out' {
  return OPT_OUT_WORDS.test(name) ? 'opt-out' : 'opt-in';
}

/** Consent fields of one described object (Contact, Lead, Individual), configured ones included. */
export function consentFieldsOf(object: DescribedObject, configured: readonly ConsentFieldPlan[]): CrmConsentField[] {
  const out = new Map<string, CrmConsentField>();
  const add = (field: string, meaning: CrmConsentField['meaning']) => {
    if (!out.has(field)) out.set(field, { object: object.name, field, meaning });
  };
  for (const c of configured) {
    const field = fieldOf(object, c.field);
    if (field) add(field.name, c.meaning);
  }
  for (const field of object.fields) {
    if (object.name === 'Individual') {
      if (INDIVIDUAL_CONSENT.has(field.name)) add(field.name, 'consent-record');
      continue;
    }
    if (field.name === 'HasOptedOutOfEmail') add(field.name, 'opt-out');
    else if (field.name === 'IndividualId') add(field.name, 'consent-record');
    else if (field.custom && CONSENT_WORDS.test(field.name)) {
      add(field.name, field.type === 'picklist' ? 'subscription-status' : consentMeaning(field.name));
    }
  }
  return [...out.values()];
}

/** Identity attributes read from every record (only those the user can read are selected). */
const IDENTITY_FIELDS = ['Id', 'Email', 'Phone', 'MobilePhone', 'FirstName', 'LastName', 'HasOptedOutOfEmail', 'CreatedDate', 'LastModifiedDate'];

/**
 * What to SELECT from one object, from its describe: the identity attributes, the link field, the
 * lead status, the configured consent fields. Owner-independent: no OwnerId, no relationship.
 * `unreadable` lists the wanted fields the describe does not show (missing field-level security).
 */
export function recordPlan(object: RecordObject, described: DescribedObject, linkFieldConfigured: string | undefined, consent: readonly ConsentFieldPlan[]): { plan: RecordPlan; unreadable: string[] } {
  const fields: string[] = [];
  const unreadable: string[] = [];
  const want = (name: string, required: boolean) => {
    const field = fieldOf(described, name);
    if (field) {
      if (!fields.includes(field.name)) fields.push(field.name);
    } else if (required) unreadable.push(name);
    return field?.name;
  };
  for (const name of IDENTITY_FIELDS) want(name, name === 'Id');
  if (object === 'Lead') want('Status', false);
  // The configured key field must be readable on Contact; on Lead it may simply not exist (then detection).
  const configuredLink = linkFieldConfigured ? want(linkFieldConfigured, object === 'Contact') : undefined;
  const linkField = configuredLink ?? (linkFieldConfigured && object === 'Contact' ? undefined : chooseLinkField(described, undefined));
  if (linkField) want(linkField, false);
  const consentPlan: ConsentFieldPlan[] = [];
  for (const c of consent) {
    const name = want(c.field, true);
    if (name) consentPlan.push({ field: name, meaning: c.meaning });
  }
  if (fieldOf(described, 'HasOptedOutOfEmail')) consentPlan.push({ field: 'HasOptedOutOfEmail', meaning: 'opt-out' });
  return { plan: { object, fields, ...(linkField ? { linkField } : {}), consent: consentPlan }, unreadable };
}

/** Person accounts are enabled when Account has IsPersonAccount. */
export function hasPersonAccounts(account: DescribedObject | null | undefined): boolean {
  return !!account && fieldOf(account, 'IsPersonAccount') !== undefined;
}
