import type { DatasetTracker } from '../../src/connector-kit/datasets.js';
import { isScanFailure, toScanError } from '../../src/model/errors.js';
import { observed, unknownObservation, type Observation } from '../../src/model/observation.js';
import type { UserStatsFacts } from '../../src/model/store-facts.js';
import type { OktaReadContext } from './collect.js';
import { DEFAULT_LINKED_IDP_USERS, type OktaTargetConfig } from './config.js';
import { UserStatsCounter } from '../../src/connector-kit/user-stats.js';
import { linkedIdpNames, profileFromOktaUser } from './interpret-users.js';
import { str } from './json.js';
import { readPages } from './paging.js';
import { permissionFor } from './permissions.js';
import { precheck, rejected } from './sections.js';

/**
 * Users, streamed: `GET /api/v1/users?limit=N` paged by Link, each page mapped to profiles and
 * dropped. Okta has no count endpoint, so the total is unknown until paging ends; a complete read's
 * total is the number read. A failure mid-paging keeps the pages already read (partial).
 */
const USERS_MAX_PAGE = 200;

export async function collectUsers(ctx: OktaReadContext, config: OktaTargetConfig): Promise<Observation<UserStatsFacts> | undefined> {
  const collection = ctx.collection;
  if (!collection.readProfiles) {
    collection.skipProfiles('users');
    return undefined;
  }
  const tracker = collection.dataset('users');
  const blocked = precheck<UserStatsFacts>(ctx, 'users', tracker, 'users');
  if (blocked) return blocked;
  const stats = new UserStatsCounter();
  const links = config.linkedIdps ? new LinkedIdpReader(ctx, collection.dataset('user-idp-links'), config.linkedIdps.maxUsers ?? DEFAULT_LINKED_IDP_USERS) : undefined;
  const limit = collection.pageSize(USERS_MAX_PAGE, USERS_MAX_PAGE);
  ctx.progress('users');
  try {
    const result = await readPages(ctx.paging, '/api/v1/users', { limit }, 'users', async (page) => {
      let added = 0;
      let more = true;
      for (const user of page) {
        const profile = profileFromOktaUser(user, links ? await links.of(user) : [], collection.consent);
        if (!profile) continue;
        if (!collection.addProfile(profile, tracker)) {
          more = false;
          break;
        }
        stats.add(profile);
        added += 1;
      }
      tracker.page(added);
      ctx.progress(`users: ${tracker.records} read`);
      return more;
    });
    if (!result.stopped) tracker.total(tracker.records);
    links?.finish(tracker.records);
    return observed(stats.facts());
  } catch (err) {
    const error = toScanError(err);
    links?.finish(tracker.records);
    if (error.code === 'AUTH_FAILED') {
      const outcome = rejected<UserStatsFacts>(ctx, tracker, 'users', error);
      return tracker.records > 0 ? observed(stats.facts()) : outcome;
    }
    if (isScanFailure(err) && error.code === 'PERMISSION_DENIED' && tracker.records === 0) {
      const permission = permissionFor(ctx.authMethod, 'users');
      collection.missingPermissions.add(permission);
      tracker.stopped('not-read', `access denied (HTTP ${error.status ?? '?'}): needs ${permission}`);
      return unknownObservation({ kind: 'no-permission', detail: `users: access denied (HTTP ${error.status ?? '?'})`, permission, remediation: `grant ${permission} to the scanner's credential`, error });
    }
    tracker.failed(error);
    collection.errors.push(error);
    return tracker.records > 0 ? observed(stats.facts()) : unknownObservation({ kind: 'collection-error', detail: `users: ${error.code}: ${error.message}`, error });
  }
}

/**
 * Opt-in: `GET /api/v1/users/{id}/idps` for the first `max` users (one request each). A failure
 * stops this reading only; the users go on without links.
 */
class LinkedIdpReader {
  readonly #ctx: OktaReadContext;
  readonly #tracker: DatasetTracker;
  readonly #max: number;
  #done = 0;
  #stopped = false;

  constructor(ctx: OktaReadContext, tracker: DatasetTracker, max: number) {
    this.#ctx = ctx;
    this.#tracker = tracker;
    this.#max = max;
  }

  async of(user: unknown): Promise<string[]> {
    const id = str(user, 'id');
    if (!id || this.#stopped || this.#done >= this.#max) return [];
    try {
      const response = await this.#ctx.paging.reader.get(`/api/v1/users/${encodeURIComponent(id)}/idps`, {}, 'linked identity providers of a user');
      this.#ctx.paging.headroom.observe(response.headers, '/api/v1/users/{id}/idps');
      this.#done += 1;
      this.#tracker.page(1);
      return Array.isArray(response.json) ? linkedIdpNames(response.json) : [];
    } catch (err) {
      const error = toScanError(err);
      this.#stopped = true;
      if (error.code === 'PERMISSION_DENIED') {
        const permission = permissionFor(this.#ctx.authMethod, 'users');
        this.#ctx.collection.missingPermissions.add(permission);
        this.#tracker.stopped('not-read', `access denied: needs ${permission}`);
      } else {
        this.#tracker.failed(error);
        this.#ctx.collection.errors.push(error);
      }
      return [];
    }
  }

  /** Users read is the reference: the links of the others were not looked up. */
  finish(usersRead: number): void {
    if (this.#stopped) return;
    this.#tracker.total(usersRead);
    if (this.#done < usersRead) this.#tracker.stopped('partial', `linked IdPs read for ${this.#done} of ${usersRead} users (linkedIdps.maxUsers ${this.#max})`);
  }
}
