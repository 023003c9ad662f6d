/**
 * Read the customer entries page by page into the ProfileStore (I/O; the mapping of each entry is
 * interpret.ts's). Nothing of a page is kept after it is mapped. Coverage per dataset: entries read
 * and pages; LDAP reports no total, so "complete" means the server said the result set ended.
 */
import type { CollectContext } from '../../src/connector.js';
import type { StoreCollection } from '../../src/connector-kit/store-collection.js';
import type { DatasetTracker } from '../../src/connector-kit/datasets.js';
import { toScanError, type ScanError } from '../../src/model/errors.js';
import { requestedAttributes, DEFAULT_FILTER, DEFAULT_PAGE_SIZE, type AttributeMapping } from './attributes.js';
import type { LdapTargetConfig } from './config.js';
import { ldapError } from './errors.js';
import { consentAttributes, profileFromEntry } from './interpret.js';
import { usersPermission } from './permissions.js';
import type { RawEntry, UsersOutcome } from './raw.js';
import type { LdapSession, SearchRequest } from './session.js';

export const USERS_DATASET = 'users';
/** Upper bound of a page: servers cap pages themselves (AD MaxPageSize 1000); this bounds our memory. */
export const MAX_PAGE_SIZE = 10_000;
/** Without paged results: one search, at most this many entries unless profiles.maxRecords says otherwise. */
export const FALLBACK_SIZE_LIMIT = 10_000;

export interface UsersInput {
  session: LdapSession;
  config: LdapTargetConfig;
  mapping: AttributeMapping;
  collection: StoreCollection;
  ctx: CollectContext;
  /** From the root DSE; undefined when it could not be read (paging is tried: a non-critical control is ignored by servers without it). */
  pagedResults: boolean | undefined;
  maxRecords?: number;
}

class Tally {
  read = 0;
  enabled = 0;
  disabled = 0;
  capped = false;
  references = 0;

  /** Map and store one entry; false when the configured cap stops the read. */
  add(entry: RawEntry, input: UsersInput, dataset: DatasetTracker): boolean {
    const profile = profileFromEntry(entry, input.mapping, input.collection.consent);
    if (!input.collection.addProfile(profile, dataset)) {
      this.capped = true;
      return false;
    }
    this.read += 1;
    if (profile.status === 'disabled') this.disabled += 1;
    else this.enabled += 1;
    return true;
  }
}

export async function readUsers(input: UsersInput): Promise<UsersOutcome> {
  const dataset = input.collection.dataset(USERS_DATASET);
  const tally = new Tally();
  const request: SearchRequest = {
    scope: input.config.scope ?? 'sub',
    filter: input.config.filter ?? DEFAULT_FILTER,
    attributes: requestedAttributes(input.mapping, consentAttributes(input.collection.consent)),
    ...(input.config.timeLimitSeconds ? { timeLimit: input.config.timeLimitSeconds } : {}),
  };
  const paged = input.pagedResults !== false;
  try {
    if (paged) await readPaged(input, request, dataset, tally);
    else {
      const early = await readSingle(input, request, dataset, tally);
      if (early) return early;
    }
  } catch (err) {
    return failed(input, dataset, tally, toScanError(err), paged ? 'paged' : 'single');
  }
  return finish(input, dataset, tally, paged ? 'paged' : 'single');
}

async function readPaged(input: UsersInput, request: SearchRequest, dataset: DatasetTracker, tally: Tally): Promise<void> {
  const pageSize = input.collection.pageSize(input.config.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  for await (const page of input.session.pages(input.config.baseDn, { ...request, pageSize })) {
    tally.references += page.references;
    const before = tally.read;
    for (const entry of page.entries) if (!tally.add(entry, input, dataset)) break;
    dataset.page(tally.read - before);
    input.ctx.progress('users', { done: tally.read });
    if (tally.capped) break;
  }
}

/**
 * The server offers no paged results: one search with a size limit. ldapts hands back the entries
 * of a size-limited search without saying whether the limit cut it short, so a count below the
 * limit is confirmed with a second, attribute-less search: if that one hits a (server) size limit,
 * the first was cut short too.
 */
async function readSingle(input: UsersInput, request: SearchRequest, dataset: DatasetTracker, tally: Tally): Promise<UsersOutcome | undefined> {
  const limit = input.maxRecords ?? FALLBACK_SIZE_LIMIT;
  const page = await input.session.search(input.config.baseDn, { ...request, sizeLimit: limit });
  tally.references += page.references;
  for (const entry of page.entries) if (!tally.add(entry, input, dataset)) break;
  dataset.page(tally.read);
  input.ctx.progress('users', { done: tally.read });
  if (page.entries.length >= limit) {
    if (input.maxRecords !== undefined) {
      dataset.stopped('partial', `stopped at maxRecords ${input.maxRecords}`);
      tally.capped = true;
      return undefined;
    }
    return sizeLimited(input, dataset, tally, `the single search stopped at its size limit of ${limit} entries`);
  }
  try {
    const all = await input.session.search(input.config.baseDn, { ...request, attributes: ['1.1'], sizeLimit: 0 });
    if (all.entries.length > tally.read) return sizeLimited(input, dataset, tally, `the directory returned ${tally.read} of ${all.entries.length} entries`);
  } catch (err) {
    const error = toScanError(err);
    if (error.code === 'PARTIAL_READ') return sizeLimited(input, dataset, tally, `the directory's own size limit cut the search at ${tally.read} entries`);
    throw err;
  }
  return undefined;
}

function sizeLimited(input: UsersInput, dataset: DatasetTracker, tally: Tally, what: string): UsersOutcome {
  const error = ldapError(
    { url: input.config.url, secrets: input.ctx.secrets },
    {
      code: 'PARTIAL_READ',
      message: `the directory offers no paged results (RFC 2696) and ${what}`,
      retryable: false,
      remediation: 'enable the paged-results control, or lift the size limit for the bind DN, or set profiles.maxRecords to read a sample on purpose',
    },
  );
  return failed(input, dataset, tally, error, 'single');
}

function failed(input: UsersInput, dataset: DatasetTracker, tally: Tally, error: ScanError, method: 'paged' | 'single'): UsersOutcome {
  // As observe() does: a denial is a missing permission, anything else an error of the scan.
  // noSuchObject on baseDn is both: a typo, or an ACL that hides the base (OpenLDAP's answer).
  if (error.code === 'PERMISSION_DENIED' || error.code === 'NOT_FOUND') input.collection.missingPermissions.add(usersPermission(input.config.baseDn));
  if (error.code !== 'PERMISSION_DENIED') input.collection.errors.push(error);
  dataset.failed(error);
  return { state: tally.read > 0 ? 'partial' : 'failed', read: tally.read, enabled: tally.enabled, disabled: tally.disabled, error, method };
}

function finish(input: UsersInput, dataset: DatasetTracker, tally: Tally, method: 'paged' | 'single'): UsersOutcome {
  const counts = { read: tally.read, enabled: tally.enabled, disabled: tally.disabled, method };
  if (tally.capped) return { state: 'partial', ...counts, detail: `stopped at maxRecords ${input.maxRecords ?? '?'}` };
  if (tally.references > 0) {
    // Referrals point at other servers; the scan contacts only the configured host.
    const detail = `${tally.references} continuation reference(s) to other servers were not followed`;
    dataset.stopped('partial', detail);
    return { state: 'partial', ...counts, detail };
  }
  if (tally.read === 0) {
    const permission = usersPermission(input.config.baseDn);
    input.collection.missingPermissions.add(permission);
    dataset.stopped('not-read', 'the search returned no entries: none match the filter, or the bind DN may not read them');
    return { state: 'empty', ...counts };
  }
  return { state: 'complete', ...counts };
}
