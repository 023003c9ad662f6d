import { isScanFailure, ScanFailure } from '../../src/model/errors.js';
import type { Observation } from '../../src/model/observation.js';
import { describedObject, recordPlan } from './interpret-describe.js';
import { isObject, type JsonObject } from './json.js';
import { fieldRead, objectRead, VIEW_SETUP } from './permissions.js';
import type { DescribedObject, DescribedObjectName, DescribeObservation, RecordObject, RecordPlan, SalesforceRaw } from './raw.js';
import { readSection, type ReadContext } from './sections.js';
import { countAll, countLinked, DUPLICATE_RULES } from './soql.js';
import type { DatasetTracker } from '../../src/connector-kit/datasets.js';

/**
 * I/O only: the org's configuration side — sObject describes, what to read from each customer
 * object (decided from its describe), record counts (SOQL COUNT(), no values) and duplicate rules.
 */
/** Contact and Lead must be visible (a 404 means no object permission); Account and Individual may not exist. */
export async function describe(ctx: ReadContext, object: DescribedObjectName): Promise<DescribeObservation> {
  const required = object === 'Contact' || (object === 'Lead' && ctx.config.customerObjects?.includes('Lead') === true);
  return readSection<DescribedObject | null>(ctx, `describe ${object}`, `describe ${object}`, { permission: objectRead(object) }, async (tracker) => {
    try {
      const json = await ctx.api.describe(object);
      tracker.page(1);
      return describedObject(json, object);
    } catch (err) {
      if (!isScanFailure(err) || err.scanError.code !== 'NOT_FOUND') throw err;
      // Salesforce hides an object the user may not read behind a 404.
      if (required) throw new ScanFailure({ ...err.scanError, code: 'PERMISSION_DENIED' });
      tracker.stopped('not-applicable', `${object} is not enabled in this org or not visible to the integration user (404)`);
      return null;
    }
  });
}

/** What to read from each customer object; configured fields the describe does not show are missing FLS. */
export function planRecords(ctx: ReadContext, raw: SalesforceRaw): Partial<Record<RecordObject, RecordPlan>> {
  const plans: Partial<Record<RecordObject, RecordPlan>> = {};
  for (const object of ['Contact', 'Lead'] as const) {
    const described = raw.describes[object];
    if (described.state !== 'observed' || described.value === null) continue;
    if (object === 'Lead' && !raw.customerObjects.includes('Lead')) continue;
    const { plan, unreadable: missing } = recordPlan(object, described.value, raw.configuredLinkField, raw.configuredConsent);
    for (const field of missing) ctx.collection.missingPermissions.add(fieldRead(object, field));
    plans[object] = plan;
  }
  return plans;
}

export async function countRecords(ctx: ReadContext, raw: SalesforceRaw, plans: Partial<Record<RecordObject, RecordPlan>>): Promise<void> {
  for (const object of ['Contact', 'Lead'] as const) {
    const plan = plans[object];
    if (!plan) continue;
    raw.totals[object] = await readSection(ctx, `count ${object}`, `${object} count`, { permission: objectRead(object) }, async (tracker) => {
      const n = await ctx.api.count(countAll(object));
      tracker.page(1);
      return n;
    });
    const field = plan.linkField;
    if (!field) continue;
    const count = await readSection(ctx, `count ${object} with ${field}`, `${object} count with ${field}`, { permission: fieldRead(object, field) }, async (tracker) => {
      const n = await ctx.api.count(countLinked(object, field));
      tracker.page(1);
      return n;
    });
    raw.linked[object] = { field, count };
  }
}

/** Duplicate rules (DeveloperName, IsActive, SobjectType); hidden (INVALID_TYPE) or denied without View Setup. */
export function readDuplicateRules(ctx: ReadContext): Promise<Observation<JsonObject[]>> {
  return readSection(ctx, 'duplicate-rules', 'duplicate rules', { permission: VIEW_SETUP, deniedCodes: ['INSUFFICIENT_ACCESS', 'INVALID_TYPE'] }, (tracker) => queryAll(ctx, DUPLICATE_RULES, tracker));
}

/** A small query read to its end: every page, into memory. */
async function queryAll(ctx: ReadContext, soql: string, tracker: DatasetTracker): Promise<JsonObject[]> {
  const out: JsonObject[] = [];
  let page = await ctx.api.query(soql);
  tracker.total(page.totalSize);
  const seen = new Set<string>();
  for (;;) {
    const records = page.records.filter(isObject);
    out.push(...records);
    tracker.page(records.length);
    if (!page.nextRecordsUrl || seen.has(page.nextRecordsUrl)) return out;
    seen.add(page.nextRecordsUrl);
    page = await ctx.api.queryMore(page.nextRecordsUrl);
  }
}
