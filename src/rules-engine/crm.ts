import type { CrmFacts } from '../model/crm-facts.js';
import type { Observation, UnknownReason } from '../model/observation.js';
import type { GraphEntry } from './graph.js';

/**
 * The CRM facts of a CRM target, or why they are missing: a CRM always has a schema, so an absent
 * section (a contacts export read by the file connector) means "not observed", not "none".
 */
export type CrmValue<K extends keyof CrmFacts> = NonNullable<CrmFacts[K]> extends Observation<infer V> ? V : never;

export function crmSection<K extends keyof CrmFacts>(
  entry: GraphEntry,
  key: K,
  what: string,
): { value: CrmValue<K>; reason?: undefined } | { value?: undefined; reason: UnknownReason } {
  const facts = entry.snapshot.facts.crm;
  if (!facts) return { reason: { kind: 'not-observed', detail: `the ${entry.product} target provides contacts only, without the CRM's configuration, so ${what} cannot be read` } };
  const section = facts[key] as Observation<CrmValue<K>> | undefined;
  if (!section) return { reason: { kind: 'not-observed', detail: `the ${entry.product} connector did not read ${what}` } };
  if (section.state === 'unknown') return { reason: section.reason };
  return { value: section.value };
}

/** Names of the objects where customers live; undefined when the objects were not read or none is marked. */
export function customerObjects(entry: GraphEntry): string[] | undefined {
  const objects = entry.snapshot.facts.crm?.objects;
  if (objects?.state !== 'observed') return undefined;
  const names = objects.value.filter((o) => o.customerObject).map((o) => o.name);
  return names.length ? names : undefined;
}
