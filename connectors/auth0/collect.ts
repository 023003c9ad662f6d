import type { CollectContext } from '../../src/connector.js';
import { StoreCollection } from '../../src/connector-kit/store-collection.js';
import { toScanError, type ScanError } from '../../src/model/errors.js';
import { unknownObservation, type Observation } from '../../src/model/observation.js';
import type { SystemSnapshot } from '../../src/model/snapshot.js';
import { auth0Endpoints, type Auth0TargetConfig } from './config.js';
import { interpretAuth0 } from './interpret.js';
import { managementApi } from './management-api.js';
import { readConfiguration } from './read-configuration.js';
import type { SectionContext } from './read-helpers.js';
import { readUsers } from './read-users.js';
import { TRIGGERS, type Auth0Collected } from './records.js';
import { grantedScopes, scopeChecker } from './scopes.js';

const DEFAULT_EXPORT_THRESHOLD = 1000;
const DEFAULT_EXPORT_WAIT_S = 3600;
const DEFAULT_EXPORT_POLL_MS = 2000;

/**
 * I/O only: get a Management API token, learn which scopes it carries, read every section the
 * token may read, then the users. A failing call becomes a ScanError and an `unknown` section;
 * the snapshot always comes back.
 */
export async function collectAuth0(config: Auth0TargetConfig, ctx: CollectContext): Promise<SystemSnapshot> {
  const endpoints = auth0Endpoints(config);
  const collection = new StoreCollection(ctx.targetId, config.profiles);
  const api = managementApi(config, endpoints, ctx);
  const tenant = { tenantName: endpoints.tenantName, issuers: endpoints.issuers, domain: config.domain.toLowerCase() };

  ctx.progress('Management API token');
  let token: string;
  try {
    token = await api.tokens.token();
  } catch (err) {
    const error = toScanError(err, endpoints.tokenEndpoint);
    collection.errors.push(error);
    const facts = interpretAuth0(unreadable(error, config.profiles?.read === false), tenant);
    if (collection.readProfiles) collection.dataset('users').failed(error);
    else collection.skipProfiles('users');
    return collection.snapshot('identity-store', 'auth0', { identityStore: facts }, api.http.stats());
  }
  const granted = grantedScopes(api.tokens.grantedScopes(), token);
  const sections: SectionContext = { api, collection, allowed: scopeChecker(granted) };

  ctx.progress('tenant configuration');
  const configuration = await readConfiguration(sections, ctx.now());
  ctx.progress('users');
  const userStats = await readUsers(sections, {
    exportThreshold: config.exportThreshold ?? DEFAULT_EXPORT_THRESHOLD,
    exportOptions: {
      maxWaitMs: (config.exportMaxWaitSeconds ?? DEFAULT_EXPORT_WAIT_S) * 1000,
      pollMs: config.exportPollMs ?? DEFAULT_EXPORT_POLL_MS,
      signal: ctx.signal,
    },
    ...(config.profiles?.maxRecords !== undefined ? { maxRecords: config.profiles.maxRecords } : {}),
    progress: (done, total) => ctx.progress('users', { done, ...(total !== undefined ? { total } : {}) }),
  });
  const facts = interpretAuth0({ ...configuration, userStats }, tenant);
  return collection.snapshot('identity-store', 'auth0', { identityStore: facts }, api.http.stats());
}

/** Without a token nothing can be read: every section is unknown for the same reason. */
function unreadable(error: ScanError, profilesOff: boolean): Auth0Collected {
  const reason = unknownObservation<never>({
    kind: 'collection-error',
    detail: `no Management API token: ${error.code}: ${error.message}`,
    ...(error.remediation ? { remediation: error.remediation } : {}),
    error,
  });
  const bindings = Object.fromEntries(TRIGGERS.map((t) => [t, reason])) as Auth0Collected['bindings'];
  const userStats: Observation<never> = profilesOff ? unknownObservation({ kind: 'not-observed', detail: 'profiles.read is false for this target: no user was read' }) : reason;
  return {
    tenant: reason,
    clients: reason,
    connections: reason,
    databases: reason,
    bruteForce: reason,
    ipThrottling: reason,
    breachedPasswords: reason,
    botDetection: reason,
    factors: reason,
    mfaPolicies: reason,
    logStreams: reason,
    logs: reason,
    dailyStats: reason,
    bindings,
    signingKeys: reason,
    userStats,
  };
}
