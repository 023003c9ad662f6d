import type { CrmFacts, CrmLinkStats } from '../../src/model/crm-facts.js';
import { observed, unknownObservation, type Observation, type UnknownReason } from '../../src/model/observation.js';
import { CONTACTS_OBJECT, type SchemaFacts } from './interpret-properties.js';

/**
 * Pure: the pieces collect.ts read → CrmFacts. Inputs are our own types (raw.ts and the results of
 * interpret-properties / link-stats); nothing here does I/O or sees an SDK type.
 */
export { contactToProfile, requestedProperties, type ContactMapping } from './interpret-contacts.js';
export { describeSchema, type SchemaFacts, type SchemaOptions } from './interpret-properties.js';

/** What reading the contacts produced (counts only). */
export interface ContactsResult {
  read: number;
  /** `total` of the contacts search. */
  total?: number;
  /** Contacts holding a secondary email (hs_additional_emails). */
  withSecondaryEmail?: number;
  /** Contacts holding the link property, as the search counts them (HAS_PROPERTY). */
  linked?: { field: string; count: number };
  /** Counts over the link property's values; absent when no link property is known. */
  linkStats?: CrmLinkStats;
}

export interface HubspotInterpretInput {
  /** The property schema, or why it is unknown. */
  schema: Observation<SchemaFacts>;
  /** The configured link property (it holds even when the schema is unknown). */
  configuredLinkProperty?: string;
  contacts: Observation<ContactsResult>;
}

export function interpretHubspot(input: HubspotInterpretInput): CrmFacts {
  const { schema, contacts } = input;
  return {
    objects: mapObservation(contacts, (c) => [
      {
        name: CONTACTS_OBJECT,
        ...(c.total !== undefined ? { total: c.total } : {}),
        read: c.read,
        ...(c.linked ? { linked: c.linked } : {}),
        ...(c.withSecondaryEmail !== undefined ? { withSecondaryEmail: c.withSecondaryEmail } : {}),
        customerObject: true,
      },
    ]),
    identityLinkFields: mapObservation(schema, (s) => s.identityLinkFields),
    consentFields: mapObservation(schema, (s) => s.consentFields),
    // HubSpot deduplicates contacts on the email address itself: there is no rule to configure.
    duplicateRules: observed([{ object: CONTACTS_OBJECT, name: 'email (native)', active: true, native: true }]),
    lifecycle: lifecycleFacts(schema),
    linkStats: linkStatsFacts(input),
  };
}

function lifecycleFacts(schema: Observation<SchemaFacts>): CrmFacts['lifecycle'] {
  if (schema.state !== 'observed') return unknownObservation(schema.reason);
  const { lifecycle } = schema.value;
  return lifecycle ? observed(lifecycle) : unknownObservation({ kind: 'not-observed', detail: 'the account has no lifecycle-stage contact property' });
}

/**
 * Link statistics need the contacts and a link property. Without any link property in the account
 * the counts are real (no contact holds a key); without the schema and no configured property they
 * are unknown (a key might exist in a property we could not identify).
 */
function linkStatsFacts(input: HubspotInterpretInput): CrmFacts['linkStats'] {
  const { schema, contacts } = input;
  if (contacts.state !== 'observed') return unknownObservation(contacts.reason);
  const { linkStats, read } = contacts.value;
  if (linkStats) return observed(linkStats);
  if (schema.state !== 'observed' && !input.configuredLinkProperty) {
    return unknownObservation(precondition(`the contact properties could not be read, so no identity-link property is known (${schema.reason.detail})`, schema.reason));
  }
  return observed({ records: read, withKey: 0, emailShaped: 0, subjectShaped: 0, sharedValues: 0 });
}

function precondition(detail: string, cause: UnknownReason): UnknownReason {
  return { kind: 'precondition', detail, ...(cause.permission ? { permission: cause.permission } : {}), ...(cause.remediation ? { remediation: cause.remediation } : {}) };
}

function mapObservation<T, U>(observation: Observation<T>, map: (value: T) => U): Observation<U> {
  return observation.state === 'observed' ? observed(map(observation.value)) : unknownObservation(observation.reason);
}
