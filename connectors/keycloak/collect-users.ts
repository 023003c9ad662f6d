import type { ApiReader } from '../../src/connector-kit/api-reader.js';
import type { DatasetTracker } from '../../src/connector-kit/datasets.js';
import type { StoreCollection } from '../../src/connector-kit/store-collection.js';
import type { CollectContext } from '../../src/connector.js';
import { ScanFailure } from '../../src/model/errors.js';
import { observed, unknownObservation, type Observation } from '../../src/model/observation.js';
import type { UserStatsFacts } from '../../src/model/store-facts.js';
import { DEFAULT_PER_USER_LINK_LIMIT, DEFAULT_PHONE_ATTRIBUTES, type KeycloakTargetConfig } from './config.js';
import { type Json, str } from './json.js';
import { pageThrough } from './paging.js';
import { expectArray, SectionReader, unexpectedShape } from './sections.js';
import { segment } from './urls.js';
import { UserStatsCounter } from '../../src/connector-kit/user-stats.js';
import { federatedIdentityLinks, type LinkRef, type UserMappingOptions, userToProfile } from './users.js';

/**
 * Users, streamed: `GET /users/count`, then `GET /users?first&max&briefRepresentation` page by
 * page straight into the ProfileStore, with the federated-identity links read the configured way.
 * A failure keeps the pages already read and marks the dataset partial.
 */
export interface UserCollection {
  api: ApiReader;
  col: StoreCollection;
  sections: SectionReader;
  config: KeycloakTargetConfig;
  ctx: CollectContext;
  /** Aliases of the realm's identity providers (per-idp link reading needs them). */
  idpAliases: Observation<string[]>;
}

/** Keycloak's users endpoint defaults to 100 per page; we cap at 1000 to keep each answer bounded. */
export const USER_PAGE_DEFAULT = 100;
export const USER_PAGE_MAX = 1000;

/** An alias no realm has: a server that honours idpAlias answers an empty list for it. */
export const FILTER_CHECK_ALIAS = 'ciamscan-filter-check-no-such-idp';

interface PageLinks {
  of(userId: string): { links: LinkRef[]; known: boolean };
}

interface LinkSource {
  prepare(users: readonly Json[]): Promise<PageLinks>;
  /** Links of every user read are known. */
  complete(): boolean;
}

export async function collectUsers(input: UserCollection): Promise<Observation<UserStatsFacts>> {
  const { api, col, sections, config, ctx } = input;
  if (!col.readProfiles) {
    col.skipProfiles('users');
    return unknownObservation({ kind: 'not-observed', detail: 'profiles.read is false for this target: users were not read (configuration only)' });
  }
  const count = await sections.read('users', 'view-users', 'user count', () => readCount(api));
  if (count.state !== 'observed') return unknownObservation(count.reason);
  const tracker = col.dataset('users');
  tracker.total(count.value);
  const links = await linkSource(input);
  const stats = new UserStatsCounter();
  const pageSize = col.pageSize(USER_PAGE_DEFAULT, USER_PAGE_MAX);
  const mapping: UserMappingOptions = { phoneAttributes: config.phoneAttributes ?? DEFAULT_PHONE_ATTRIBUTES, ...(col.consent ? { consent: col.consent } : {}) };
  // Attributes (consent among them) come only with the full representation.
  const brief = config.readUserAttributes !== true && !col.consent;
  ctx.progress('users', { done: 0, total: count.value });
  try {
    await pageThrough(api, '/users', { briefRepresentation: brief }, pageSize, 'users', async (page) => {
      const pageLinks = await links.prepare(page);
      let added = 0;
      let more = true;
      for (const user of page) {
        const id = str(user.id) ?? '';
        const { links: userLinks, known } = pageLinks.of(id);
        const profile = userToProfile(user, userLinks, known, mapping);
        if (!profile) continue;
        if (!col.addProfile(profile, tracker)) {
          more = false;
          break;
        }
        stats.add(profile);
        added++;
      }
      tracker.page(added);
      ctx.progress('users', { done: stats.read, total: count.value });
      return more;
    }, () => col.profiles.size + pageSize < (config.profiles?.maxRecords ?? Number.POSITIVE_INFINITY));
  } catch (err) {
    sections.failed(tracker, 'users', 'view-users', err);
  }
  return observed(stats.facts(count.value, { federated: links.complete() }));
}

async function readCount(api: ApiReader): Promise<number> {
  const value = (await api.get('/users/count', {}, 'user count')).json;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw unexpectedShape('user count', api.url('/users/count'), 'a whole number', value);
  return value;
}

function linkSource(input: UserCollection): Promise<LinkSource> {
  const tracker = input.col.dataset('federated-identities');
  switch (input.config.idpLinks ?? 'per-idp') {
    case 'none':
      tracker.stopped('not-applicable', 'idpLinks is none: federated identities were not read');
      return Promise.resolve(unknownLinks());
    case 'per-user':
      return Promise.resolve(perUserLinks(input, tracker));
    default:
      return perIdpLinks(input, tracker);
  }
}

function unknownLinks(): LinkSource {
  return { prepare: () => Promise.resolve({ of: () => ({ links: [], known: false }) }), complete: () => false };
}

/**
 * per-idp: for each identity provider, the users linked to it (`GET /users?idpAlias=...`, brief
 * representations, only ids kept). The upstream subject is not in that answer, so links carry ''.
 */
async function perIdpLinks(input: UserCollection, tracker: DatasetTracker): Promise<LinkSource> {
  if (input.idpAliases.state !== 'observed') {
    SectionReader.precondition(tracker, `the identity providers could not be listed (${input.idpAliases.reason.detail}), so their users were not looked up`);
    return unknownLinks();
  }
  const byUser = new Map<string, LinkRef[]>();
  const { api, col } = input;
  let complete = true;
  try {
    if (input.idpAliases.value.length > 0) await checkIdpFilter(api);
    for (const alias of input.idpAliases.value) {
      await pageThrough(api, '/users', { idpAlias: alias, briefRepresentation: true }, col.pageSize(USER_PAGE_DEFAULT, USER_PAGE_MAX), `users linked to ${alias}`, (page) => {
        for (const user of page) {
          const id = str(user.id);
          if (!id) continue;
          const list = byUser.get(id) ?? [];
          list.push({ alias, subject: '' });
          byUser.set(id, list);
        }
        tracker.page(page.length);
        return true;
      });
    }
  } catch (err) {
    complete = false;
    input.sections.failed(tracker, 'federated identities (per identity provider)', 'view-users', err);
  }
  return {
    prepare: () => Promise.resolve({ of: (id) => ({ links: byUser.get(id) ?? [], known: complete }) }),
    complete: () => complete,
  };
}

/** Keycloak before the idpAlias filter (documented since the 14.0 Admin REST API) ignores it and lists everyone. */
async function checkIdpFilter(api: ApiReader): Promise<void> {
  const what = 'identity-provider filter check';
  const answer = expectArray((await api.get('/users', { idpAlias: FILTER_CHECK_ALIAS, first: 0, max: 1, briefRepresentation: true }, what)).json, what, api.url('/users'));
  if (answer.length > 0) {
    throw new ScanFailure({
      code: 'UNSUPPORTED',
      message: 'this Keycloak ignores the idpAlias filter of GET /users, so users per identity provider cannot be listed',
      endpoint: api.url('/users'),
      retryable: false,
      remediation: 'set idpLinks: per-user on this target (one request per user, capped by perUserLinkLimit), or idpLinks: none',
    });
  }
}

/**
 * per-user: `GET /users/{id}/federated-identity` for each user, exact subjects, one request per user,
 * for at most perUserLinkLimit users; the first failure stops link reading (the users still stream).
 */
function perUserLinks(input: UserCollection, tracker: DatasetTracker): LinkSource {
  const limit = input.config.perUserLinkLimit ?? DEFAULT_PER_USER_LINK_LIMIT;
  let requested = 0;
  let failed = false;
  let capped = false;
  return {
    async prepare(users) {
      const known = new Map<string, LinkRef[]>();
      const ids = users.map((u) => str(u.id)).filter((id): id is string => id !== undefined);
      const budget = failed ? 0 : Math.max(0, limit - requested);
      if (ids.length > budget && !failed && !capped) {
        capped = true;
        tracker.stopped('partial', `per-user link reading stopped at perUserLinkLimit ${limit}`);
      }
      const batch = ids.slice(0, budget);
      requested += batch.length;
      const results = await Promise.allSettled(batch.map((id) => readUserLinks(input.api, id)));
      results.forEach((result, i) => {
        const id = batch[i];
        if (id === undefined) return;
        if (result.status === 'fulfilled') known.set(id, result.value);
        else if (!failed) {
          failed = true;
          input.sections.failed(tracker, 'federated identities (per user)', 'view-users', result.reason);
        }
      });
      tracker.page(known.size);
      return { of: (id) => ({ links: known.get(id) ?? [], known: known.has(id) }) };
    },
    complete: () => !failed && !capped,
  };
}

async function readUserLinks(api: ApiReader, id: string): Promise<LinkRef[]> {
  const path = `/users/${segment(id)}/federated-identity`;
  try {
    return federatedIdentityLinks(expectArray((await api.get(path, {}, 'federated identities of a user')).json, 'federated identities of a user', api.url(path)));
  } catch (err) {
    throw withoutUserId(err, segment(id));
  }
}

/** A user id is a person's identifier: it must not reach the report through an error's URL. */
function withoutUserId(err: unknown, id: string): unknown {
  if (!(err instanceof ScanFailure)) return err;
  const scrub = (text: string | undefined) => text?.split(id).join('{id}');
  const e = err.scanError;
  return new ScanFailure({
    ...e,
    message: scrub(e.message) ?? e.message,
    ...(e.endpoint !== undefined ? { endpoint: scrub(e.endpoint) ?? e.endpoint } : {}),
    ...(e.cause !== undefined ? { cause: scrub(e.cause) ?? e.cause } : {}),
  });
}
