import type { CrmConsentField, CrmDuplicateRule, CrmFacts, CrmLinkField, CrmLinkStats, CrmObjectFacts } from '../../src/model/crm-facts.js';
import { observed, unknownObservation, type Observation } from '../../src/model/observation.js';
import { consentFieldsOf, fieldOf, hasPersonAccounts, linkFieldCandidates } from './interpret-describe.js';
import { bool, str, type JsonObject } from './json.js';
import type { DescribedObject, DescribeObservation, SalesforceRaw } from './raw.js';

/**
 * Pure: the raw collection of one org → CrmFacts. Each section is observed when its source was read
 * and `unknown` (with the reason collect.ts recorded: missing permission or error) when not.
 */
export function interpretSalesforce(raw: SalesforceRaw): CrmFacts {
  const facts: CrmFacts = {
    objects: objectsOf(raw),
    identityLinkFields: fromContact(raw, (described) => linkFieldsOf(raw, described)),
    consentFields: fromContact(raw, () => consentOf(raw)),
    duplicateRules: duplicateRulesOf(raw.duplicateRules),
    lifecycle: fromContact(raw, () => lifecycleOf(raw)),
  };
  if (raw.linkStats) facts.linkStats = raw.linkStats.state === 'observed' ? observed<CrmLinkStats>({ ...raw.linkStats.value }) : raw.linkStats;
  return facts;
}

/** Contact is where customers live: without its describe, the link and consent sections are unknown. */
function fromContact<T>(raw: SalesforceRaw, build: (contact: DescribedObject) => T): Observation<T> {
  const contact = raw.describes.Contact;
  if (contact.state === 'unknown') return contact;
  if (contact.value === null) {
    return unknownObservation({ kind: 'not-observed', detail: 'the Contact object is not visible to the integration user (describe answered 404)', remediation: 'grant Read on Contact' });
  }
  return observed(build(contact.value));
}

function present(observation: DescribeObservation): DescribedObject | undefined {
  return observation.state === 'observed' && observation.value !== null ? observation.value : undefined;
}

function objectsOf(raw: SalesforceRaw): Observation<CrmObjectFacts[]> {
  const contact = raw.describes.Contact;
  if (contact.state === 'unknown') return contact;
  const out: CrmObjectFacts[] = [];
  for (const name of ['Contact', 'Lead'] as const) {
    if (!present(raw.describes[name])) continue;
    const total = raw.totals[name];
    const linked = raw.linked[name];
    out.push({
      name,
      ...(total?.state === 'observed' ? { total: total.value } : {}),
      read: raw.read[name] ?? 0,
      ...(linked?.count.state === 'observed' ? { linked: { field: linked.field, count: linked.count.value } } : {}),
      customerObject: raw.customerObjects.includes(name),
    });
  }
  // Person accounts are read through their contact records (Contact.IsPersonAccount): listed, not counted twice.
  if (hasPersonAccounts(present(raw.describes.Account))) out.push({ name: 'Account', read: 0, customerObject: raw.customerObjects.includes('Account') });
  if (present(raw.describes.Individual)) out.push({ name: 'Individual', read: 0, customerObject: false });
  return observed(out);
}

function linkFieldsOf(raw: SalesforceRaw, contact: DescribedObject): CrmLinkField[] {
  const out = linkFieldCandidates(contact, raw.configuredLinkField);
  for (const name of ['Lead', 'Account'] as const) {
    const described = present(raw.describes[name]);
    if (described && (name === 'Lead' || hasPersonAccounts(described))) out.push(...linkFieldCandidates(described, raw.configuredLinkField));
  }
  // The field whose values were read as links says how many records hold one (SOQL COUNT(), no values).
  for (const object of ['Contact', 'Lead'] as const) {
    const linked = raw.linked[object];
    const field = linked && out.find((f) => f.object === object && f.field === linked.field);
    if (!linked || !field) continue;
    const total = raw.totals[object];
    const count = linked.count.state === 'observed' ? `${linked.count.value}${total?.state === 'observed' ? ` of ${total.value}` : ''} ${object} records hold a value (SOQL COUNT())` : `count of ${object} records holding a value unknown (${linked.count.reason.detail})`;
    field.reason = `${field.reason ? `${field.reason}; ` : ''}used as the identity link: ${count}`;
  }
  return out;
}

function consentOf(raw: SalesforceRaw): CrmConsentField[] {
  const out: CrmConsentField[] = [];
  for (const name of ['Contact', 'Lead', 'Individual'] as const) {
    const described = present(raw.describes[name]);
    if (described) out.push(...consentFieldsOf(described, raw.configuredConsent));
  }
  return out;
}

function duplicateRulesOf(rules: Observation<JsonObject[]>): Observation<CrmDuplicateRule[]> {
  if (rules.state === 'unknown') return rules;
  const out: CrmDuplicateRule[] = [];
  for (const rule of rules.value) {
    const name = str(rule, 'DeveloperName');
    if (!name) continue;
    out.push({ object: str(rule, 'SobjectType') ?? 'unknown', name, active: bool(rule, 'IsActive') === true });
  }
  return observed(out.sort((a, b) => a.object.localeCompare(b.object) || a.name.localeCompare(b.name)));
}

/**
 * Salesforce's lifecycle is the object: a Lead is converted into a Contact (and Account). Customers
 * are Contacts (and person accounts); the Lead Status and LeadSource picklist values are listed as
 * `Lead.Status:<value>` / `<Object>.LeadSource:<value>` for evidence.
 */
function lifecycleOf(raw: SalesforceRaw): { field: string; customerValues: string[]; values: string[] } {
  const customerValues = ['Contact'];
  const values = ['Contact'];
  const lead = present(raw.describes.Lead);
  if (lead) values.push('Lead');
  if (hasPersonAccounts(present(raw.describes.Account))) {
    values.push('Account');
    if (raw.customerObjects.includes('Account')) customerValues.push('Account');
  }
  for (const described of [lead, present(raw.describes.Contact)]) {
    if (!described) continue;
    for (const field of ['Status', 'LeadSource']) {
      for (const value of fieldOf(described, field)?.picklist ?? []) values.push(`${described.name}.${field}:${value}`);
    }
  }
  return { field: 'object (Lead → Contact conversion)', customerValues, values };
}
