import type { RecordPlan } from './raw.js';

/**
 * The SOQL this connector sends, built only from API names (checked here again, whether they came
 * from the config or from a describe): no value of any record or of the config text ever reaches a
 * statement. SOQL reference: https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/
 */
const API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

function name(value: string): string {
  if (!API_NAME.test(value)) throw new Error(`not an API name: ${value.slice(0, 40)}`);
  return value;
}

/** REST: ordered by Id so that paging is stable; LIMIT only when profiles.maxRecords caps the read. */
export function selectRecords(plan: RecordPlan, limit?: number): string {
  return `SELECT ${plan.fields.map(name).join(', ')} FROM ${name(plan.object)} ORDER BY Id${limit !== undefined ? ` LIMIT ${Math.max(1, Math.floor(limit))}` : ''}`;
}

/** Bulk API 2.0: no ORDER BY and no LIMIT (both switch off PK chunking and invite timeouts). */
export function selectRecordsBulk(plan: RecordPlan): string {
  return `SELECT ${plan.fields.map(name).join(', ')} FROM ${name(plan.object)}`;
}

export function countAll(object: string): string {
  return `SELECT COUNT() FROM ${name(object)}`;
}

export function countLinked(object: string, field: string): string {
  return `SELECT COUNT() FROM ${name(object)} WHERE ${name(field)} != null`;
}

/** Needs "View Setup and Configuration": https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_duplicaterule.htm */
export const DUPLICATE_RULES = 'SELECT DeveloperName, IsActive, SobjectType FROM DuplicateRule';
