import { isScanFailure, toScanError } from '../../src/model/errors.js';
import { unknownObservation, type Observation } from '../../src/model/observation.js';
import { CLIENT_FIELDS, clientFacts } from './map-clients.js';
import { CONNECTION_FIELDS, DATABASE_FIELDS, connectionRecord, databaseRecord } from './map-connections.js';
import { bindingRecord, dailyStatsRecord, logProbeRecord, logStreamRecords, signingKeyRecords } from './map-monitoring.js';
import { botDetectionRecord, breachedPasswordRecord, bruteForceRecord, factorRecords, ipThrottlingRecord, mfaPolicies } from './map-protection.js';
import { tenantRecord } from './map-tenant.js';
import { notGranted, readDocument, readListing, type SectionContext } from './read-helpers.js';
import { TRIGGERS, type Auth0Collected, type BindingRecord, type BotDetectionRecord, type Trigger } from './records.js';
import { SCOPES } from './scopes.js';

/**
 * Every configuration read of one tenant, in a fixed order (I/O only; map-*.ts reduce each answer
 * to our records as it arrives). Sections whose scope the token lacks are not requested.
 */
const TENANT_FIELDS = [
  'session_lifetime',
  'idle_session_lifetime',
  'session_lifetime_in_minutes',
  'idle_session_lifetime_in_minutes',
  'flags',
  'allowed_logout_urls',
  'default_redirection_uri',
  'sandbox_version',
  'device_flow',
];

/** Vendor maxima: `per_page` ≤ 100 for clients and connections, ≤ 50 for trigger bindings. */
const PAGE = 100;
const BINDINGS_PAGE = 50;
const STATS_DAYS = 30;

export type Auth0Configuration = Omit<Auth0Collected, 'userStats'>;

export async function readConfiguration(ctx: SectionContext, now: Date): Promise<Auth0Configuration> {
  const fields = (list: readonly string[]) => ({ fields: list.join(','), include_fields: true });
  const totals = { include_totals: true };
  const tenant = await readDocument(ctx, SCOPES.tenantSettings, 'GET /api/v2/tenants/settings', '/tenants/settings', fields(TENANT_FIELDS), tenantRecord);
  const clients = await readListing(ctx, SCOPES.clients, { path: '/clients', query: { ...fields(CLIENT_FIELDS), ...totals }, itemsKey: 'clients', pageSize: PAGE, what: 'GET /api/v2/clients' }, clientFacts, 'clients');
  const connections = await readListing(
    ctx,
    SCOPES.connections,
    { path: '/connections', query: { ...fields(CONNECTION_FIELDS), ...totals }, itemsKey: 'connections', pageSize: PAGE, what: 'GET /api/v2/connections' },
    connectionRecord,
    'connections',
  );
  const databases = ctx.allowed(SCOPES.connectionOptions)
    ? await readListing(
        ctx,
        SCOPES.connections,
        { path: '/connections', query: { ...fields(DATABASE_FIELDS), ...totals, strategy: 'auth0' }, itemsKey: 'connections', pageSize: PAGE, what: 'GET /api/v2/connections?strategy=auth0' },
        databaseRecord,
        'database-connections',
      )
    : notGranted<never>(ctx, SCOPES.connectionOptions, 'database connection options');
  const attack = (path: string) => `/attack-protection/${path}`;
  const bruteForce = await readDocument(ctx, SCOPES.attackProtection, 'GET /api/v2/attack-protection/brute-force-protection', attack('brute-force-protection'), {}, bruteForceRecord);
  const ipThrottling = await readDocument(ctx, SCOPES.attackProtection, 'GET /api/v2/attack-protection/suspicious-ip-throttling', attack('suspicious-ip-throttling'), {}, ipThrottlingRecord);
  const breachedPasswords = await readDocument(ctx, SCOPES.attackProtection, 'GET /api/v2/attack-protection/breached-password-detection', attack('breached-password-detection'), {}, breachedPasswordRecord);
  const botDetection = await readBotDetection(ctx);
  const factors = await readDocument(ctx, SCOPES.guardianFactors, 'GET /api/v2/guardian/factors', '/guardian/factors', {}, factorRecords);
  const policies = await readDocument(ctx, SCOPES.mfaPolicies, 'GET /api/v2/guardian/policies', '/guardian/policies', {}, mfaPolicies);
  const logStreams = await readDocument(ctx, SCOPES.logStreams, 'GET /api/v2/log-streams', '/log-streams', {}, logStreamRecords);
  // One entry, date and type only: whether the log API answers, never who did what.
  const logs = await readDocument(ctx, SCOPES.logs, 'GET /api/v2/logs', '/logs', { per_page: 1, page: 0, ...fields(['date', 'type']) }, logProbeRecord);
  const dailyStats = await readDocument(ctx, SCOPES.stats, 'GET /api/v2/stats/daily', '/stats/daily', statsRange(now), dailyStatsRecord);
  const bindings = {} as Record<Trigger, Observation<BindingRecord[]>>;
  for (const trigger of TRIGGERS) {
    const listing = { path: `/actions/triggers/${trigger}/bindings`, itemsKey: 'bindings', pageSize: BINDINGS_PAGE, what: `GET /api/v2/actions/triggers/${trigger}/bindings` };
    bindings[trigger] = await readListing(ctx, SCOPES.actions, listing, bindingRecord);
  }
  const signingKeys = await readDocument(ctx, SCOPES.signingKeys, 'GET /api/v2/keys/signing', '/keys/signing', {}, signingKeyRecords);
  return { tenant, clients, connections, databases, bruteForce, ipThrottling, breachedPasswords, botDetection, factors, mfaPolicies: policies, logStreams, logs, dailyStats, bindings, signingKeys };
}

/**
 * Bot detection is part of Attack Protection's paid add-on: on tenants without it the endpoint
 * answers 403/404 although the token holds read:attack_protection. That is "not available", not a
 * missing permission and not a scan error.
 */
async function readBotDetection(ctx: SectionContext): Promise<Observation<BotDetectionRecord>> {
  const what = 'GET /api/v2/attack-protection/bot-detection';
  if (!ctx.allowed(SCOPES.attackProtection)) return notGranted(ctx, SCOPES.attackProtection, what);
  try {
    const response = await ctx.api.reader.get('/attack-protection/bot-detection', {}, what);
    return { state: 'observed', value: botDetectionRecord(response.json) };
  } catch (err) {
    const error = toScanError(err);
    if (isScanFailure(err) && (error.code === 'NOT_FOUND' || error.code === 'PERMISSION_DENIED')) {
      return unknownObservation({ kind: 'not-observed', detail: `${what}: bot detection is not available on this tenant (HTTP ${error.status ?? '?'})`, error });
    }
    ctx.collection.errors.push(error);
    return unknownObservation({ kind: 'collection-error', detail: `${what}: ${error.code}: ${error.message}`, error });
  }
}

/** `from` and `to` as YYYYMMDD (UTC), the last 30 days. */
function statsRange(now: Date): { from: string; to: string } {
  const day = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, '');
  return { from: day(new Date(now.getTime() - STATS_DAYS * 86_400_000)), to: day(now) };
}
