import type { ApiReader, Query } from '../../src/connector-kit/api-reader.js';
import type { DatasetTracker } from '../../src/connector-kit/datasets.js';
import type { StoreCollection } from '../../src/connector-kit/store-collection.js';
import { ScanFailure, toScanError } from '../../src/model/errors.js';
import { observed, unknownObservation, type Observation } from '../../src/model/observation.js';
import { isObject, type Json, str } from './json.js';
import type { Grants, ReadRole } from './permissions.js';

/**
 * Reading one section of configuration: skipped (and `unknown`, naming the role) when the token
 * shows the role is missing; a 403 becomes the same `unknown`; any other failure (a 401 after the
 * token refresh, 5xx, HTML, bad JSON, a timeout) is a coded error on the snapshot and the section
 * is `unknown` with it. Only the section is lost, never the scan.
 *
 * Not src/connector-kit/observe.ts: that one reads a 401 as a missing permission, but Keycloak
 * answers a missing admin role with 403 and a 401 means the token itself was refused.
 */
export type RoleNeed = ReadRole | 'any-admin-role';

export class SectionReader {
  readonly #col: StoreCollection;
  readonly #grants: Grants;

  constructor(col: StoreCollection, grants: Grants) {
    this.#col = col;
    this.#grants = grants;
  }

  dataset(name: string): DatasetTracker {
    return this.#col.dataset(name);
  }

  allowed(need: RoleNeed): boolean {
    return need === 'any-admin-role' ? this.#grants.anyAdminRole() : this.#grants.allows(need);
  }

  /** The role a report should name: any realm-management role opens the user profile, view-realm is the documented one. */
  static roleName(need: RoleNeed): string {
    return need === 'any-admin-role' ? 'view-realm' : need;
  }

  async read<T>(dataset: string, need: RoleNeed, what: string, read: (tracker: DatasetTracker) => Promise<T>): Promise<Observation<T>> {
    const tracker = this.#col.dataset(dataset);
    const role = SectionReader.roleName(need);
    if (!this.allowed(need)) {
      this.#col.missingPermissions.add(role);
      tracker.stopped('not-read', `the credential lacks the realm-management role ${role}`);
      const queryOnly = need === 'view-users' && this.#grants.queryUsersOnly() ? ' (query-users alone lists only users visible through fine-grained permissions)' : '';
      return unknownObservation({
        kind: 'no-permission',
        detail: `${what}: not requested, the access token carries no realm-management role that allows it${queryOnly}`,
        permission: role,
        remediation: `assign the realm-management client role ${role} to the scanner's service account`,
      });
    }
    try {
      return observed(await read(tracker));
    } catch (err) {
      return this.failed(tracker, what, role, err);
    }
  }

  /** A failure inside a section read: 403 is a missing role, anything else a recorded error. */
  failed<T>(tracker: DatasetTracker, what: string, role: string, err: unknown): Observation<T> {
    const error = toScanError(err);
    if (error.code === 'PERMISSION_DENIED') {
      this.#col.missingPermissions.add(role);
      tracker.stopped('not-read', `access denied: the credential lacks the realm-management role ${role}`);
      return unknownObservation({
        kind: 'no-permission',
        detail: `${what}: access denied (HTTP ${error.status ?? '?'})`,
        permission: role,
        remediation: `assign the realm-management client role ${role} to the scanner's service account`,
        error,
      });
    }
    this.#col.errors.push(error);
    tracker.failed(error);
    return unknownObservation({ kind: 'collection-error', detail: `${what}: ${error.code}: ${error.message}`, error });
  }

  /** A section that depends on another one that could not be read. */
  static precondition<T>(tracker: DatasetTracker, detail: string): Observation<T> {
    tracker.stopped('not-read', detail);
    return unknownObservation({ kind: 'precondition', detail });
  }
}

/** Bounded page size for configuration lists (clients, identity providers). */
export const CONFIG_PAGE_SIZE = 100;

/**
 * Every page of a `first`/`max` list. Older Keycloak versions ignore the paging parameters of some
 * lists and answer the whole list each time; a page that adds nothing new ends the loop.
 */
export async function readAllPages(api: ApiReader, path: string, query: Query, tracker: DatasetTracker, what: string, pageSize = CONFIG_PAGE_SIZE): Promise<Json[]> {
  const out: Json[] = [];
  const seen = new Set<string>();
  for (let first = 0; ; first += pageSize) {
    const page = expectArray((await api.get(path, { ...query, first, max: pageSize }, what)).json, what, api.url(path));
    let fresh = 0;
    for (const item of page) {
      if (!isObject(item)) continue;
      const key = str(item.id) ?? str(item.internalId) ?? str(item.alias) ?? `#${out.length}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(item);
      fresh++;
    }
    tracker.page(fresh);
    if (page.length < pageSize || fresh === 0) return out;
  }
}

export async function readArray(api: ApiReader, path: string, query: Query, tracker: DatasetTracker, what: string): Promise<Json[]> {
  const items = expectArray((await api.get(path, query, what)).json, what, api.url(path)).filter(isObject);
  tracker.page(items.length);
  return items;
}

export async function readObject(api: ApiReader, path: string, tracker: DatasetTracker, what: string): Promise<Json> {
  const value = (await api.get(path, {}, what)).json;
  if (!isObject(value)) throw unexpectedShape(what, api.url(path), 'a JSON object', value);
  tracker.page(1);
  return value;
}

export function expectArray(value: unknown, what: string, url: string): unknown[] {
  if (!Array.isArray(value)) throw unexpectedShape(what, url, 'a JSON array', value);
  return value;
}

export function unexpectedShape(what: string, url: string, expected: string, value: unknown): ScanFailure {
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  return new ScanFailure({ code: 'UNEXPECTED_SHAPE', message: `${what}: expected ${expected} but got ${got}`, endpoint: url, retryable: false });
}
