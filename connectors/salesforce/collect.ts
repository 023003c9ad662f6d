import type { CollectContext } from '../../src/connector.js';
import type { StoreCollection } from '../../src/connector-kit/store-collection.js';
import { unknownObservation, type Observation, type UnknownReason } from '../../src/model/observation.js';
import { SalesforceApi } from './api.js';
import { collectRecords } from './collect-records.js';
import { countRecords, describe, planRecords, readDuplicateRules } from './collect-schema.js';
import { DEFAULT_API_VERSION, type CustomerObject, type SalesforceTargetConfig } from './config.js';
import { consentMeaning } from './interpret-describe.js';
import { str } from './json.js';
import { SCOPE_API, scopesAllowApi, VIEW_SETUP } from './permissions.js';
import { dailyApiRequests, type DailyApiReading } from './quota.js';
import { DESCRIBED_OBJECTS, type ConsentFieldPlan, type SalesforceRaw } from './raw.js';
import { noPermission, readSection, type ReadContext } from './sections.js';
import { openSession } from './session.js';
import type { Wire } from './wire.js';

/**
 * I/O only: obtain the token, then read — in this order, each step able to fail alone — the API
 * versions, `/limits` (quota before), the describes of Contact, Lead, Account and Individual, the
 * record counts, the duplicate rules, the records (streamed into the ProfileStore), and `/limits`
 * again (quota after). Judgement is left to interpret.ts.
 */
export interface SalesforceCollection {
  raw: SalesforceRaw;
  /** The wire every request went through (its quota watch and request counts). */
  wire: Wire;
}

export async function collectSalesforce(config: SalesforceTargetConfig, ctx: CollectContext, collection: StoreCollection): Promise<SalesforceCollection> {
  const version = config.apiVersion ?? DEFAULT_API_VERSION;
  const customerObjects: CustomerObject[] = config.customerObjects ?? ['Contact'];
  const configuredConsent: ConsentFieldPlan[] = (config.consentFields ?? []).map((c) => (typeof c === 'string' ? { field: c, meaning: consentMeaning(c) } : c));
  const session = await openSession(config, ctx, version);
  const raw = emptyRaw(session.instanceUrl, version, customerObjects, config.linkField, configuredConsent);
  if (session.failure) {
    collection.errors.push(session.failure);
    return { raw: unreadable(raw, collection, { kind: 'collection-error', detail: `no access token: ${session.failure.code}: ${session.failure.message}`, error: session.failure }), wire: session.wire };
  }
  if (session.scopes && !scopesAllowApi(session.scopes)) {
    // Salesforce says what the token may do: without `api`, no REST call would succeed.
    collection.missingPermissions.add(SCOPE_API);
    return {
      raw: unreadable(raw, collection, { kind: 'no-permission', detail: `the token was granted "${session.scopes.join(' ')}", not api`, permission: SCOPE_API, remediation: `add ${SCOPE_API} to the connected app's selected OAuth scopes` }),
      wire: session.wire,
    };
  }
  const read: ReadContext = { api: new SalesforceApi(session.conn), wire: session.wire, collection, config, progress: (m) => ctx.progress(m), signal: ctx.signal };
  raw.apiVersion = await chooseVersion(read, version, config.apiVersion !== undefined);
  ctx.progress('org limits and describes');
  const limits = await readLimits(read, 'limits');
  read.wire.quota.limitsBefore(limits.state === 'observed' ? limits.value : undefined);
  for (const object of DESCRIBED_OBJECTS) raw.describes[object] = await describe(read, object);
  const plans = planRecords(read, raw);
  ctx.progress('counts and duplicate rules');
  await countRecords(read, raw, plans);
  // /limits needs View Setup and Configuration too: without it, the DuplicateRule query is not sent.
  const viewSetupDenied = limits.state === 'unknown' && limits.reason.kind === 'no-permission';
  raw.duplicateRules = viewSetupDenied ? noPermission(read, collection.dataset('duplicate-rules'), 'duplicate rules', VIEW_SETUP) : await readDuplicateRules(read);
  await collectRecords(read, raw, plans);
  if (limits.state === 'observed' && !read.wire.quota.exhausted) {
    const after = await readLimits(read, 'limits after');
    read.wire.quota.limitsAfter(after.state === 'observed' ? after.value : undefined);
  }
  return { raw, wire: session.wire };
}

function emptyRaw(instanceUrl: string, apiVersion: string, customerObjects: CustomerObject[], linkField: string | undefined, configuredConsent: ConsentFieldPlan[]): SalesforceRaw {
  const notRead = unknownObservation<never>({ kind: 'not-observed', detail: 'not read' });
  return {
    instanceUrl,
    apiVersion,
    customerObjects,
    ...(linkField ? { configuredLinkField: linkField } : {}),
    configuredConsent,
    describes: { Contact: notRead, Lead: notRead, Account: notRead, Individual: notRead },
    totals: {},
    linked: {},
    read: {},
    duplicateRules: notRead,
    linkStats: undefined,
  };
}

/** No request can succeed (no token, or a token without the api scope): every section says why. */
function unreadable(raw: SalesforceRaw, collection: StoreCollection, reason: UnknownReason): SalesforceRaw {
  const unknown = unknownObservation<never>(reason);
  for (const object of DESCRIBED_OBJECTS) raw.describes[object] = unknown;
  raw.duplicateRules = unknown;
  raw.linkStats = unknown;
  const why = reason.kind === 'no-permission' ? `needs ${reason.permission ?? ''}` : reason.detail;
  for (const name of ['limits', 'duplicate-rules', ...DESCRIBED_OBJECTS.map((o) => `describe ${o}`)]) collection.dataset(name).stopped('not-read', why);
  for (const object of raw.customerObjects) if (object !== 'Account') collection.dataset(`records ${object}`).stopped('not-read', why);
  return raw;
}

/** `GET /services/data/`: keep the configured version when the org serves it, else its newest. */
async function chooseVersion(ctx: ReadContext, wanted: string, configured: boolean): Promise<string> {
  const versions = await readSection(ctx, 'versions', 'API versions', {}, async (tracker) => {
    const answer = await ctx.api.versions();
    tracker.page(1);
    return (Array.isArray(answer) ? answer : []).map((v) => str(v, 'version')).filter((v): v is string => !!v && /^\d{2,3}\.0$/.test(v));
  });
  if (versions.state === 'unknown' || versions.value.length === 0 || versions.value.includes(wanted)) return wanted;
  const newest = [...versions.value].sort((a, b) => Number(b) - Number(a))[0] ?? wanted;
  if (configured) {
    ctx.collection.errors.push({ code: 'UNSUPPORTED', message: `API version ${wanted} is not served by this org; read with ${newest}`, retryable: false, remediation: `set apiVersion to one the org lists at /services/data/ (newest: ${newest})` });
  }
  ctx.api.useVersion(newest);
  return newest;
}

/** `GET /limits`: DailyApiRequests Max / Remaining (needs View Setup and Configuration). */
function readLimits(ctx: ReadContext, dataset: string): Promise<Observation<DailyApiReading | undefined>> {
  return readSection(ctx, dataset, dataset === 'limits' ? 'org limits' : 'org limits (after)', { permission: VIEW_SETUP }, async (tracker) => {
    const value = await ctx.api.limits();
    tracker.page(1);
    return dailyApiRequests(value);
  });
}
