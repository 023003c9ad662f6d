import type { DatasetTracker } from '../../src/connector-kit/datasets.js';
import type { StoreCollection } from '../../src/connector-kit/store-collection.js';
import type { CollectContext } from '../../src/connector.js';
import { isScanFailure, toScanError } from '../../src/model/errors.js';
import { observed, unknownObservation, type Observation } from '../../src/model/observation.js';
import { contactToProfile, type ContactMapping, type ContactsResult } from './interpret.js';
import { LinkStatsCounter } from '../../src/connector-kit/link-stats.js';
import { pageContacts } from './paging.js';
import { SCOPES, type Grants } from './permissions.js';
import type { HubspotSdk } from './sdk.js';
import { missingScope } from './sections.js';

/**
 * Contacts, streamed: the search API's `total` (the list has none), the count holding the link key,
 * then the list page by page straight into the ProfileStore. A failure keeps the pages read and marks
 * the dataset partial; a total that disagrees with what was paged marks it partial with both numbers.
 */
export const CONTACTS_DATASET = 'contacts';
export const KEYED_DATASET = 'contacts-with-link-key';
/** HubSpot's list endpoint returns at most 100 records per page (CRM objects API, `limit`). */
export const CONTACT_PAGE_MAX = 100;

export interface ContactsInput {
  sdk: HubspotSdk;
  collection: StoreCollection;
  grants: Grants;
  mapping: ContactMapping;
  /** The properties the list asks for. */
  properties: string[];
  /** Whether to count the contacts holding the link property (false when the account has no such property). */
  countKeyed: boolean;
  ctx: Pick<CollectContext, 'progress' | 'log'>;
  maxRecords?: number;
}

export async function collectContacts(input: ContactsInput): Promise<Observation<ContactsResult>> {
  const { collection, grants, ctx } = input;
  if (!collection.readProfiles) {
    collection.skipProfiles(CONTACTS_DATASET);
    return unknownObservation({ kind: 'not-observed', detail: 'profiles.read is false for this target: contacts were not read (configuration only)' });
  }
  const tracker = collection.dataset(CONTACTS_DATASET);
  if (!grants.allows(SCOPES.contacts)) return unknownObservation(missingScope(collection, tracker, 'contacts', SCOPES.contacts));

  const total = await countOrUndefined(input, undefined);
  tracker.total(total);
  const countKeyed = input.countKeyed && input.mapping.linkProperty !== undefined;
  const keyed = countKeyed ? await countOrUndefined(input, input.mapping.linkProperty) : undefined;
  const keyedTracker = countKeyed ? collection.dataset(KEYED_DATASET) : undefined;
  keyedTracker?.total(keyed);

  const links = input.mapping.linkProperty ? new LinkStatsCounter() : undefined;
  let secondaryEmails = 0;
  let malformed = 0;
  ctx.progress('contacts', { done: 0, ...(total !== undefined ? { total } : {}) });
  try {
    const end = await pageContacts(
      { page: (limit, after) => input.sdk.contactsPage(limit, after, input.properties) },
      {
        pageSize: collection.pageSize(CONTACT_PAGE_MAX, CONTACT_PAGE_MAX),
        remaining: () => (input.maxRecords === undefined ? undefined : input.maxRecords - collection.profiles.size),
      },
      (page) => {
        let added = 0;
        let keyedInPage = 0;
        for (const contact of page.contacts) {
          const profile = contactToProfile(contact, input.mapping);
          if (!collection.addProfile(profile, tracker)) break;
          added += 1;
          if (profile.emails.some((e) => e.primary !== true)) secondaryEmails += 1;
          const key = profile.links[0]?.value;
          if (key !== undefined) keyedInPage += 1;
          links?.add(key);
        }
        malformed += page.malformed;
        tracker.page(added);
        keyedTracker?.page(keyedInPage);
        ctx.progress('contacts', { done: tracker.records, ...(total !== undefined ? { total } : {}) });
      },
    );
    if (end.kind === 'capped') {
      const reason = `stopped at maxRecords ${input.maxRecords ?? 0}`;
      tracker.stopped('partial', reason);
      keyedTracker?.stopped('partial', reason);
    } else {
      disagreement(tracker, total, 'contacts search total');
      if (keyedTracker) disagreement(keyedTracker, keyed, `contacts search HAS_PROPERTY ${input.mapping.linkProperty ?? ''}`);
    }
  } catch (err) {
    const error = toScanError(err);
    keyedTracker?.failed(error);
    if (tracker.records === 0 && isPermission(err)) {
      tracker.failed(error);
      collection.missingPermissions.add(SCOPES.contacts);
      return unknownObservation({
        kind: 'no-permission',
        detail: `contacts list: ${error.code === 'AUTH_FAILED' ? 'the credential was rejected' : 'access denied'} (HTTP ${error.status ?? '?'})`,
        permission: SCOPES.contacts,
        remediation: `grant ${SCOPES.contacts} to the private app`,
        error,
      });
    }
    tracker.failed(error);
    collection.errors.push(error);
    if (tracker.records === 0) return unknownObservation({ kind: 'collection-error', detail: `contacts list: ${error.code}: ${error.message}`, error });
  }
  ctx.log.info(`contacts: ${tracker.records} read, ${secondaryEmails} with secondary emails${malformed ? `, ${malformed} records without an id skipped` : ''}`);
  return observed({
    read: tracker.records,
    // Counts only (CRM-DUPLICATES: secondary-email usage).
    withSecondaryEmail: secondaryEmails,
    ...(total !== undefined ? { total } : {}),
    ...(keyed !== undefined && input.mapping.linkProperty ? { linked: { field: input.mapping.linkProperty, count: keyed } } : {}),
    ...(links ? { linkStats: links.stats() } : {}),
  });
}

/**
 * The search `total`; a failure costs the cross-check only: a missing scope is recorded as such,
 * anything else as an error, and the list is read regardless.
 */
async function countOrUndefined(input: ContactsInput, withProperty: string | undefined): Promise<number | undefined> {
  try {
    return await input.sdk.contactCount(withProperty);
  } catch (err) {
    const error = toScanError(err);
    if (isPermission(err)) input.collection.missingPermissions.add(SCOPES.contacts);
    else input.collection.errors.push(error);
    return undefined;
  }
}

/** Paging ended normally, but the search counted otherwise: partial, with both numbers. */
function disagreement(tracker: DatasetTracker, reported: number | undefined, source: string): void {
  if (reported === undefined || reported === tracker.records) return;
  tracker.stopped('partial', `paged ${tracker.records} but the ${source} reports ${reported}`);
}

function isPermission(err: unknown): boolean {
  return isScanFailure(err) && (err.scanError.code === 'PERMISSION_DENIED' || err.scanError.code === 'AUTH_FAILED');
}
