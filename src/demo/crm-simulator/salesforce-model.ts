/**
 * The simulated Salesforce org's data model: the sObjects it describes (Contact, Lead, Account,
 * Individual, DuplicateRule), how a synthetic record becomes a Contact or a Lead row, and ids in
 * Salesforce's 15/18-character form.
 */
import { createHash } from 'node:crypto';
import type { SyntheticRecord } from '../../synthetic/world.js';

export type SfFieldType = 'id' | 'string' | 'email' | 'phone' | 'boolean' | 'datetime' | 'reference' | 'picklist' | 'textarea';

export interface SfField {
  name: string;
  label: string;
  type: SfFieldType;
  length?: number;
  nillable: boolean;
  unique?: boolean;
  externalId?: boolean;
  idLookup?: boolean;
  custom?: boolean;
  nameField?: boolean;
  referenceTo?: string[];
  relationshipName?: string;
  picklist?: string[];
  defaultedOnCreate?: boolean;
  calculated?: boolean;
}

export interface SfObject {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  fields: SfField[];
}

export type SfRow = Record<string, string | boolean | null>;

const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
const LEAD_STATUSES = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'];
export const LEAD_STATUS = 'Open - Not Contacted';
/** The integration user every record is owned by and created by. */
export const OWNER_ID = to18('0055g00000SimUs');
export const ORG_ID = to18('00D5g00000SimOr');

const id = (name: string, label: string): SfField => ({ name, label, type: 'id', length: 18, nillable: false, idLookup: true, defaultedOnCreate: true });
const text = (name: string, label: string, length: number, extra: Partial<SfField> = {}): SfField => ({ name, label, type: 'string', length, nillable: true, ...extra });
const bool = (name: string, label: string): SfField => ({ name, label, type: 'boolean', nillable: false, defaultedOnCreate: true });
const date = (name: string, label: string): SfField => ({ name, label, type: 'datetime', nillable: false, defaultedOnCreate: true });
const ref = (name: string, label: string, to: string, relationshipName: string, nillable = true): SfField => ({ name, label, type: 'reference', length: 18, nillable, referenceTo: [to], relationshipName });
const email = (name: string, label: string): SfField => ({ name, label, type: 'email', length: 80, nillable: true, idLookup: true });
const phone = (name: string, label: string): SfField => ({ name, label, type: 'phone', length: 40, nillable: true });
const audit = (): SfField[] => [
  { ...date('CreatedDate', 'Created Date') },
  ref('CreatedById', 'Created By ID', 'User', 'CreatedBy', false),
  { ...date('LastModifiedDate', 'Last Modified Date') },
  ref('LastModifiedById', 'Last Modified By ID', 'User', 'LastModifiedBy', false),
  { ...date('SystemModstamp', 'System Modstamp') },
];

/** The custom field holding the identity key: External ID, unique, case-insensitive. */
function linkFieldDef(name: string): SfField {
  return { name, label: name.replace(/__c$/, '').replace(/_/g, ' '), type: 'string', length: 255, nillable: true, unique: true, externalId: true, idLookup: true, custom: true };
}

export function salesforceObjects(options: { linkField?: string; personAccounts?: boolean }): Map<string, SfObject> {
  const link = options.linkField ? [linkFieldDef(options.linkField)] : [];
  const contact: SfObject = {
    name: 'Contact',
    label: 'Contact',
    labelPlural: 'Contacts',
    keyPrefix: '003',
    custom: false,
    fields: [
      id('Id', 'Contact ID'),
      bool('IsDeleted', 'Deleted'),
      ref('MasterRecordId', 'Master Record ID', 'Contact', 'MasterRecord'),
      ref('AccountId', 'Account ID', 'Account', 'Account'),
      ...(options.personAccounts ? [bool('IsPersonAccount', 'Is Person Account')] : []),
      text('LastName', 'Last Name', 80, { nillable: false }),
      text('FirstName', 'First Name', 40),
      text('Name', 'Full Name', 121, { nillable: false, nameField: true, calculated: false }),
      phone('Phone', 'Business Phone'),
      phone('MobilePhone', 'Mobile Phone'),
      email('Email', 'Email'),
      bool('HasOptedOutOfEmail', 'Email Opt Out'),
      ref('IndividualId', 'Individual ID', 'Individual', 'Individual'),
      { name: 'LeadSource', label: 'Lead Source', type: 'picklist', length: 255, nillable: true, picklist: LEAD_SOURCES },
      ref('OwnerId', 'Owner ID', 'User', 'Owner', false),
      ...audit(),
      ...link,
    ],
  };
  const lead: SfObject = {
    name: 'Lead',
    label: 'Lead',
    labelPlural: 'Leads',
    keyPrefix: '00Q',
    custom: false,
    fields: [
      id('Id', 'Lead ID'),
      bool('IsDeleted', 'Deleted'),
      ref('MasterRecordId', 'Master Record ID', 'Lead', 'MasterRecord'),
      text('LastName', 'Last Name', 80, { nillable: false }),
      text('FirstName', 'First Name', 40),
      text('Name', 'Full Name', 121, { nillable: false, nameField: true }),
      text('Company', 'Company', 255, { nillable: false }),
      phone('Phone', 'Phone'),
      phone('MobilePhone', 'Mobile Phone'),
      email('Email', 'Email'),
      bool('HasOptedOutOfEmail', 'Email Opt Out'),
      ref('IndividualId', 'Individual ID', 'Individual', 'Individual'),
      { name: 'LeadSource', label: 'Lead Source', type: 'picklist', length: 255, nillable: true, picklist: LEAD_SOURCES },
      { name: 'Status', label: 'Status', type: 'picklist', length: 255, nillable: false, defaultedOnCreate: true, picklist: LEAD_STATUSES },
      bool('IsConverted', 'Converted'),
      ref('ConvertedContactId', 'Converted Contact ID', 'Contact', 'ConvertedContact'),
      ref('OwnerId', 'Owner ID', 'User', 'Owner', false),
      ...audit(),
      ...link,
    ],
  };
  const account: SfObject = {
    name: 'Account',
    label: 'Account',
    labelPlural: 'Accounts',
    keyPrefix: '001',
    custom: false,
    fields: [
      id('Id', 'Account ID'),
      bool('IsDeleted', 'Deleted'),
      text('Name', 'Account Name', 255, { nillable: false, nameField: true }),
      { name: 'Type', label: 'Account Type', type: 'picklist', length: 255, nillable: true, picklist: ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner', 'Other'] },
      phone('Phone', 'Account Phone'),
      ...(options.personAccounts
        ? [
            bool('IsPersonAccount', 'Is Person Account'),
            ref('PersonContactId', 'Person Contact ID', 'Contact', 'PersonContact'),
            text('FirstName', 'First Name', 40),
            text('LastName', 'Last Name', 80),
            email('PersonEmail', 'Email'),
            phone('PersonMobilePhone', 'Mobile'),
            bool('PersonHasOptedOutOfEmail', 'Email Opt Out'),
            ref('PersonIndividualId', 'Individual ID', 'Individual', 'PersonIndividual'),
          ]
        : []),
      ref('OwnerId', 'Owner ID', 'User', 'Owner', false),
      ...audit(),
    ],
  };
  const individual: SfObject = {
    name: 'Individual',
    label: 'Individual',
    labelPlural: 'Individuals',
    keyPrefix: '0PK',
    custom: false,
    fields: [
      id('Id', 'Individual ID'),
      bool('IsDeleted', 'Deleted'),
      text('LastName', 'Last Name', 80, { nillable: false }),
      text('FirstName', 'First Name', 40),
      text('Name', 'Name', 121, { nillable: false, nameField: true }),
      bool('HasOptedOutTracking', "Don't Track"),
      bool('HasOptedOutProfiling', "Don't Profile"),
      bool('HasOptedOutProcessing', "Don't Process"),
      bool('HasOptedOutSolicit', "Don't Solicit"),
      bool('ShouldForget', 'Forget this Individual and Personal Data'),
      bool('SendIndividualData', 'Export Individual’s Personal Data'),
      bool('CanStorePiiElsewhere', 'OK to Store PII Data Elsewhere'),
      ref('OwnerId', 'Owner ID', 'User', 'Owner', false),
      ...audit(),
    ],
  };
  const duplicateRule: SfObject = {
    name: 'DuplicateRule',
    label: 'Duplicate Rule',
    labelPlural: 'Duplicate Rules',
    keyPrefix: '0Bm',
    custom: false,
    fields: [
      id('Id', 'Duplicate Rule ID'),
      text('DeveloperName', 'Rule Name', 80, { nillable: false }),
      text('MasterLabel', 'Label', 80, { nillable: false, nameField: true }),
      { name: 'SobjectType', label: 'Object', type: 'picklist', length: 40, nillable: false, picklist: ['Account', 'Contact', 'Lead'] },
      text('SobjectSubtype', 'Object Subtype', 40),
      bool('IsActive', 'Active'),
      ...audit(),
    ],
  };
  return new Map([contact, lead, account, individual, duplicateRule].map((o) => [o.name.toLowerCase(), o]));
}

/** The case-safe 18-character form of a 15-character id (three checksum characters). */
export function to18(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let flags = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) flags |= 1 << i;
    }
    suffix += SUFFIX[flags] ?? 'A';
  }
  return id15 + suffix;
}

/** An 18-character id with the object's key prefix, from the record's local id. */
export function salesforceId(localId: string, keyPrefix: string): string {
  if (/^[0-9A-Za-z]{15}([0-9A-Z]{3})?$/.test(localId)) return to18(keyPrefix + localId.slice(3, 15));
  const digest = createHash('sha256').update(localId).digest();
  let body = '';
  for (let i = 0; i < 12; i++) body += BASE62[(digest[i] ?? 0) % 62];
  return to18(keyPrefix + body);
}

/** Salesforce writes datetimes as 2024-01-15T09:30:00.000+0000. */
export function sfDate(iso: string): string {
  return new Date(iso).toISOString().replace('Z', '+0000');
}

function smallHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function isLead(record: SyntheticRecord): boolean {
  return record.lifecycle === 'lead';
}

/** The identity key a CRM record carries: its `crm-key` link (the one named after the field first). */
export function linkValue(record: SyntheticRecord, via: string | undefined): string | null {
  const keys = record.links.filter((l) => l.kind === 'crm-key');
  return (keys.find((l) => l.via === via) ?? keys[0])?.value ?? null;
}

/** A synthetic record as the Contact (or, for lifecycle 'lead', the Lead) Salesforce would return. */
export function salesforceRow(record: SyntheticRecord, options: { linkField?: string; personAccounts?: boolean }): SfRow {
  const lead = isLead(record);
  const name = [record.given, record.family].filter((part) => part !== undefined && part !== '').join(' ');
  const created = sfDate(record.createdAt);
  const modified = sfDate(record.updatedAt);
  const row: SfRow = {
    Id: salesforceId(record.localId, lead ? '00Q' : '003'),
    IsDeleted: false,
    MasterRecordId: null,
  };
  if (!lead) {
    row.AccountId = null;
    if (options.personAccounts) row.IsPersonAccount = false;
  }
  row.LastName = record.family ?? null;
  row.FirstName = record.given ?? null;
  row.Name = name || null;
  if (lead) row.Company = record.family ? `${record.family} Household` : '[not provided]';
  row.Phone = record.phones[0] ?? null;
  row.MobilePhone = record.phones[1] ?? null;
  row.Email = record.emails[0]?.address ?? null;
  row.HasOptedOutOfEmail = !record.marketingConsent;
  row.IndividualId = null;
  row.LeadSource = LEAD_SOURCES[smallHash(record.localId) % LEAD_SOURCES.length] ?? 'Web';
  if (lead) {
    row.Status = LEAD_STATUS;
    row.IsConverted = false;
    row.ConvertedContactId = null;
  }
  row.OwnerId = OWNER_ID;
  row.CreatedDate = created;
  row.CreatedById = OWNER_ID;
  row.LastModifiedDate = modified;
  row.LastModifiedById = OWNER_ID;
  row.SystemModstamp = modified;
  if (options.linkField) row[options.linkField] = linkValue(record, options.linkField);
  return row;
}

export interface DuplicateRuleSeed {
  DeveloperName: string;
  IsActive: boolean;
  SobjectType: string;
}

/** What a new org ships with when the caller names no rules. */
export const STANDARD_DUPLICATE_RULES: DuplicateRuleSeed[] = [
  { DeveloperName: 'Standard_Account_Duplicate_Rule', IsActive: true, SobjectType: 'Account' },
  { DeveloperName: 'Standard_Contact_Duplicate_Rule', IsActive: true, SobjectType: 'Contact' },
  { DeveloperName: 'Standard_Lead_Duplicate_Rule', IsActive: true, SobjectType: 'Lead' },
];

export function duplicateRuleRows(rules: DuplicateRuleSeed[]): SfRow[] {
  return rules.map((rule, i) => ({
    Id: to18(`0Bm5g000000${String(i).padStart(4, '0')}`),
    DeveloperName: rule.DeveloperName,
    MasterLabel: rule.DeveloperName.replace(/_/g, ' '),
    SobjectType: rule.SobjectType,
    SobjectSubtype: 'None',
    IsActive: rule.IsActive,
    CreatedDate: '2024-01-15T09:30:00.000+0000',
    CreatedById: OWNER_ID,
    LastModifiedDate: '2024-01-15T09:30:00.000+0000',
    LastModifiedById: OWNER_ID,
    SystemModstamp: '2024-01-15T09:30:00.000+0000',
  }));
}

/** sObject describe, with the field attributes clients read. */
export function describeObject(object: SfObject, version: string): Record<string, unknown> {
  const base = `/services/data/v${version}/sobjects/${object.name}`;
  return {
    actionOverrides: [],
    activateable: false,
    childRelationships: [],
    compactLayoutable: true,
    createable: object.name !== 'DuplicateRule',
    custom: object.custom,
    customSetting: false,
    deletable: object.name !== 'DuplicateRule',
    deprecatedAndHidden: false,
    feedEnabled: false,
    fields: object.fields.map(describeField),
    keyPrefix: object.keyPrefix,
    label: object.label,
    labelPlural: object.labelPlural,
    layoutable: true,
    mergeable: ['Contact', 'Lead', 'Account'].includes(object.name),
    name: object.name,
    queryable: true,
    recordTypeInfos: [],
    replicateable: true,
    retrieveable: true,
    searchable: object.name !== 'DuplicateRule',
    triggerable: true,
    undeletable: true,
    updateable: object.name !== 'DuplicateRule',
    urls: { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` },
  };
}

const SOAP_TYPES: Record<SfFieldType, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  picklist: 'xsd:string',
  textarea: 'xsd:string',
  boolean: 'xsd:boolean',
  datetime: 'xsd:dateTime',
};

function describeField(field: SfField): Record<string, unknown> {
  const length = field.length ?? 0;
  const textual = !['boolean', 'datetime'].includes(field.type);
  return {
    aggregatable: field.type !== 'textarea',
    autoNumber: false,
    byteLength: textual ? length * 3 : 0,
    calculated: field.calculated ?? false,
    caseSensitive: false,
    createable: field.type !== 'id' && !['CreatedDate', 'LastModifiedDate', 'SystemModstamp', 'CreatedById', 'LastModifiedById', 'IsDeleted', 'Name'].includes(field.name),
    custom: field.custom ?? false,
    defaultValue: field.type === 'boolean' ? false : null,
    defaultedOnCreate: field.defaultedOnCreate ?? false,
    dependentPicklist: false,
    externalId: field.externalId ?? false,
    filterable: field.type !== 'textarea',
    groupable: field.type !== 'datetime' && field.type !== 'textarea',
    htmlFormatted: false,
    idLookup: field.idLookup ?? false,
    label: field.label,
    length: textual ? length : 0,
    name: field.name,
    nameField: field.nameField ?? false,
    nillable: field.nillable,
    picklistValues: (field.picklist ?? []).map((value, i) => ({ active: true, defaultValue: i === 0 && field.name === 'Status', label: value, validFor: null, value })),
    referenceTo: field.referenceTo ?? [],
    relationshipName: field.relationshipName ?? null,
    restrictedPicklist: false,
    soapType: SOAP_TYPES[field.type],
    sortable: field.type !== 'textarea',
    type: field.type,
    unique: field.unique ?? false,
    updateable: field.type !== 'id' && !['CreatedDate', 'LastModifiedDate', 'SystemModstamp', 'CreatedById', 'LastModifiedById', 'IsDeleted', 'Name'].includes(field.name),
  };
}
