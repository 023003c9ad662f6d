/**
 * The scan of one directory (I/O only): the optional anonymous root DSE probe (T1), then one
 * connection: StartTLS when configured, the bind, the root DSE, the password policy, the customer
 * entries. A failed step becomes a coded ScanError and the rest of what can still be read is read;
 * only a configuration problem throws.
 */
import type { CollectContext } from '../../src/connector.js';
import { StoreCollection } from '../../src/connector-kit/store-collection.js';
import { normalizeHostname } from '../../src/http/address-guard.js';
import type { HttpStats } from '../../src/http/types.js';
import { ConfigError, toScanError, type ScanError } from '../../src/model/errors.js';
import type { UnknownReason } from '../../src/model/observation.js';
import type { SystemSnapshot } from '../../src/model/snapshot.js';
import { mappingOf, PAGED_RESULTS_OID } from './attributes.js';
import { transportOf, transportProblem, type LdapTargetConfig } from './config.js';
import { probeRootDse, readPasswordPolicies, readRootDse, ROOT_DSE_DATASET } from './directory.js';
import { ldapProduct, ldapStoreFacts } from './facts.js';
import { values } from './interpret.js';
import type { LdapRawCollection, RawEntry } from './raw.js';
import { LdapSession, type SessionOptions, type SessionStats } from './session.js';
import { readUsers, USERS_DATASET } from './users.js';

export async function collectLdap(config: LdapTargetConfig, ctx: CollectContext): Promise<SystemSnapshot> {
  // The schema refuses this already; a config built in code must not bind in clear either.
  const problem = transportProblem(config);
  if (problem) throw new ConfigError([`targets.${config.id}.${problem.key}: ${problem.message}`]);
  const collection = new StoreCollection(ctx.targetId, config.profiles);
  const stats: SessionStats = { requests: 0, retries: 0, throttled: 0 };
  const options = sessionOptions(config, ctx, stats);
  const raw: LdapRawCollection = {
    transport: transportOf(config),
    baseDn: config.baseDn,
    rootDse: { state: 'skipped', reason: { kind: 'not-observed', detail: 'root DSE: not read' } },
    anonymousRootDse: {
      state: 'skipped',
      reason: { kind: 'not-observed', detail: 'the T1 probe (anonymous root DSE read) is off', remediation: 'set activeProbes: true on the target to allow it' },
    },
    users: { state: 'skipped', read: 0, enabled: 0, disabled: 0 },
    ...(config.passwordPolicyDn ? { passwordPolicyDn: config.passwordPolicyDn } : {}),
  };
  if (config.activeProbes) {
    // No credential crosses this connection, so ldap:// is probed as it is: a client asks the root
    // DSE whether StartTLS is offered before it upgrades (RFC 4513 §3), which is what T1 wants to know.
    raw.anonymousRootDse = await probeRootDse({ ...options, transport: options.transport === 'ldaps' ? 'ldaps' : 'plain' }, ctx);
  }
  await readBound(config, ctx, options, raw, collection);
  return collection.snapshot('identity-store', ldapProduct(raw), { identityStore: ldapStoreFacts(raw) }, httpStats(stats, hostOf(config)));
}

async function readBound(config: LdapTargetConfig, ctx: CollectContext, options: SessionOptions, raw: LdapRawCollection, collection: StoreCollection): Promise<void> {
  let session: LdapSession | undefined;
  try {
    ctx.progress('bind');
    session = await LdapSession.open(options);
    await session.bind(config.bindDn, config.bindPassword);
  } catch (err) {
    await session?.close();
    noConnection(toScanError(err), raw, collection);
    return;
  }
  try {
    raw.rootDse = await readRootDse(session, config, collection, ctx);
    const rootDse = raw.rootDse.state === 'read' ? raw.rootDse.value : undefined;
    raw.passwordPolicies = await readPasswordPolicies(session, config, rootDse, collection, ctx);
    if (!collection.readProfiles) {
      skipUsers(raw, collection);
      return;
    }
    ctx.progress('users');
    raw.users = await readUsers({
      session,
      config,
      mapping: mappingOf(config),
      collection,
      ctx,
      pagedResults: pagedResultsOf(rootDse),
      ...(config.profiles?.maxRecords !== undefined ? { maxRecords: config.profiles.maxRecords } : {}),
    });
  } finally {
    await session.close();
  }
}

/** Connecting or binding failed: one error, and every section says why it is missing. */
function noConnection(error: ScanError, raw: LdapRawCollection, collection: StoreCollection): void {
  collection.errors.push(error);
  const reason: UnknownReason = { kind: 'collection-error', detail: `not read: ${error.code}: ${error.message}`, error };
  raw.rootDse = { state: 'skipped', reason: { ...reason, detail: `root DSE ${reason.detail}` } };
  collection.dataset(ROOT_DSE_DATASET).failed(error);
  if (!collection.readProfiles) {
    skipUsers(raw, collection);
    return;
  }
  collection.dataset(USERS_DATASET).failed(error);
  raw.users = { state: 'failed', read: 0, enabled: 0, disabled: 0, error };
}

/** `profiles.read: false`: configuration only, no user search at all. */
function skipUsers(raw: LdapRawCollection, collection: StoreCollection): void {
  collection.skipProfiles(USERS_DATASET);
  raw.users = { state: 'skipped', read: 0, enabled: 0, disabled: 0, reason: { kind: 'not-observed', detail: 'users: profiles.read is false for this target (configuration only)' } };
}

/** undefined when the root DSE is unknown: paging is tried then (servers ignore a non-critical control). */
function pagedResultsOf(rootDse: RawEntry | undefined): boolean | undefined {
  const controls = values(rootDse, 'supportedControl');
  return controls.length === 0 ? undefined : controls.includes(PAGED_RESULTS_OID);
}

function sessionOptions(config: LdapTargetConfig, ctx: CollectContext, stats: SessionStats): SessionOptions {
  return {
    url: config.url,
    transport: transportOf(config),
    ...(ctx.ca ? { ca: ctx.ca } : {}),
    connectTimeoutMs: ctx.limits.connectTimeoutMs,
    timeoutMs: ctx.limits.timeoutMs,
    maxRetries: ctx.limits.maxRetries,
    maxRetryWaitMs: ctx.limits.maxRetryWaitMs,
    governor: ctx.governor,
    signal: ctx.signal,
    secrets: ctx.secrets,
    stats,
  };
}

export function hostOf(config: Pick<LdapTargetConfig, 'url'>): string {
  return normalizeHostname(new URL(config.url).hostname);
}

function httpStats(stats: SessionStats, host: string): HttpStats {
  return { requests: stats.requests, retries: stats.retries, throttled: stats.throttled, byHost: { [host]: stats.requests } };
}
