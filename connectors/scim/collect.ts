import type { CollectContext } from '../../src/connector.js';
import type { StoreCollection } from '../../src/connector-kit/store-collection.js';
import { redactUrl } from '../../src/privacy/redact.js';
import { MAX_COUNT, type ScimTargetConfig } from './config.js';
import { scimCredential } from './credentials.js';
import { readDiscoveryList, readServiceProviderConfig } from './discovery.js';
import { countGroups } from './groups.js';
import { hasGroupResource, pagingPlan, parsedDocument } from './interpret.js';
import { anonymousUsersProbe } from './probe.js';
import type { RawProbe, ScimRawCollection, UsersRaw } from './raw.js';
import { ScimReader } from './reader.js';
import { readUsers } from './users.js';

/** The page size when the operator sets none (the RFC 7643 §8.5 example's filter.maxResults is 200 too). */
export const DEFAULT_COUNT = 200;

/**
 * I/O only, in this order: discovery (RFC 7644 §4), the opt-in T1 probe, then, with a credential
 * and unless the operator opted out of profiles, the user count, the users page by page, and the
 * group count. Failures are recorded on `collection` and never thrown.
 */
export async function collectScim(config: ScimTargetConfig, ctx: CollectContext, collection: StoreCollection): Promise<ScimRawCollection> {
  const credential = scimCredential(config, ctx.secrets);
  const reader = new ScimReader({ http: ctx.http(), baseUrl: config.baseUrl, credential, redactor: ctx.secrets, signal: ctx.signal });

  ctx.progress('discovery');
  const serviceProviderConfig = await readServiceProviderConfig(reader, collection);
  const resourceTypes = await readDiscoveryList(reader, collection, '/ResourceTypes');
  const schemas = await readDiscoveryList(reader, collection, '/Schemas');

  const probe: RawProbe = config.activeProbes
    ? await anonymousUsersProbe(reader)
    : { skipped: { kind: 'not-observed', detail: 'T1 probes are off for this target', remediation: 'set activeProbes: true to allow the single anonymous GET /Users?count=0&attributes=id of catalog §14.2' } };
  if ('error' in probe) collection.errors.push(probe.error);

  let users: UsersRaw;
  if (!collection.readProfiles) {
    collection.skipProfiles('users');
    collection.dataset('groups').stopped('not-applicable', 'profiles.read is false for this target: only the discovery endpoints are read');
    users = { state: 'not-read', reason: { kind: 'not-observed', detail: 'profiles.read is false for this target: configuration only' } };
  } else if (!credential) {
    const detail = 'no SCIM credential is configured; users are never read anonymously (only the opt-in T1 probe is)';
    collection.dataset('users').stopped('not-read', detail);
    collection.dataset('groups').stopped('not-read', detail);
    users = { state: 'not-read', reason: { kind: 'no-credential', detail: `users: ${detail}`, remediation: 'configure a read-only SCIM credential (token: ${env:SCIM_TOKEN})' } };
  } else {
    const spc = parsedDocument(serviceProviderConfig.authenticated ?? serviceProviderConfig.anonymous);
    const plan = pagingPlan(spc, Math.min(config.maxCount ?? config.profiles?.pageSize ?? DEFAULT_COUNT, MAX_COUNT));
    ctx.progress(`users (${plan.method} paging, ${plan.count} per page)`);
    users = await readUsers({ reader, collection, plan, maxRecords: config.profiles?.maxRecords, progress: (message, counts) => ctx.progress(message, counts) });
    ctx.progress('groups');
    await countGroups(reader, collection, hasGroupResource(resourceTypes));
  }

  return { scopeName: config.name ?? scopeName(config.baseUrl), credential: credential !== undefined, serviceProviderConfig, resourceTypes, schemas, probe, users };
}

export function scopeName(baseUrl: string): string {
  try {
    const url = new URL(redactUrl(baseUrl));
    return `${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return baseUrl;
  }
}
