import type { Observation } from '../../src/model/observation.js';
import type { CrmLinkStats } from '../../src/model/crm-facts.js';
import type { CustomerObject } from './config.js';
import type { JsonObject } from './json.js';

/**
 * What collect.ts read from an org before any judgement. Describes are reduced to the field
 * properties the analysis uses on arrival (a describe can be a megabyte); records are never kept
 * here: they are streamed into the ProfileStore, and only counts about their link values remain.
 */
export const DESCRIBED_OBJECTS = ['Contact', 'Lead', 'Account', 'Individual'] as const;
export type DescribedObjectName = (typeof DESCRIBED_OBJECTS)[number];

/** The objects whose records are read as profiles (person accounts are read through Contact). */
export type RecordObject = Extract<CustomerObject, 'Contact' | 'Lead'>;

export interface DescribedField {
  name: string;
  label?: string;
  type?: string;
  externalId: boolean;
  unique: boolean;
  custom: boolean;
  /** Values of the lifecycle picklists only (Lead.Status, LeadSource). */
  picklist?: string[];
}

export interface DescribedObject {
  name: string;
  fields: DescribedField[];
}

/** `null`: the object does not exist in this org (or is hidden from the integration user: 404). */
export type DescribeObservation = Observation<DescribedObject | null>;

export interface ConsentFieldPlan {
  field: string;
  meaning: 'opt-in' | 'opt-out';
}

/** How one object's records are read and mapped: decided from its describe before reading. */
export interface RecordPlan {
  object: RecordObject;
  /** The fields of the SELECT (only those the describe shows the user can read). */
  fields: string[];
  linkField?: string;
  /** First match wins: configured consent fields, then HasOptedOutOfEmail. */
  consent: ConsentFieldPlan[];
}


export interface SalesforceRaw {
  instanceUrl: string;
  apiVersion: string;
  customerObjects: CustomerObject[];
  configuredLinkField?: string;
  configuredConsent: ConsentFieldPlan[];
  describes: Record<DescribedObjectName, DescribeObservation>;
  /** `SELECT COUNT() FROM <object>` per object counted. */
  totals: Partial<Record<RecordObject, Observation<number>>>;
  /** `SELECT COUNT() FROM <object> WHERE <link field> != null` per object with a link field. */
  linked: Partial<Record<RecordObject, { field: string; count: Observation<number> }>>;
  /** Records read into profiles per object. */
  read: Partial<Record<RecordObject, number>>;
  duplicateRules: Observation<JsonObject[]>;
  /** Counts about the link values read (absent when no records were read). */
  linkStats: Observation<CrmLinkStats> | undefined;
}
