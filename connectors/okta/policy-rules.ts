import type { Observation } from '../../src/model/observation.js';
import { str, type JsonObject } from './json.js';
import type { RawPolicy } from './raw.js';

/**
 * The active rules of the active policies of one type. `complete` is false when some active
 * policy's rules could not be read: a judgement that needs every rule must then say unknown.
 */
export interface RuleView {
  policies: JsonObject[];
  rules: JsonObject[];
  complete: boolean;
}

export function ruleView(observation: Observation<RawPolicy[]>): RuleView | undefined {
  if (observation.state === 'unknown') return undefined;
  const active = observation.value.filter((p) => isActive(p.policy));
  const rules: JsonObject[] = [];
  let complete = true;
  for (const entry of active) {
    if (!entry.rules || entry.rules.state === 'unknown') {
      complete = false;
      continue;
    }
    rules.push(...entry.rules.value.filter(isActive));
  }
  return { policies: active.map((p) => p.policy), rules, complete };
}

export function activePolicies(observation: Observation<RawPolicy[]>): JsonObject[] | undefined {
  return observation.state === 'observed' ? observation.value.filter((p) => isActive(p.policy)).map((p) => p.policy) : undefined;
}

/** Okta objects without a status are treated as active (rules of some types omit it). */
export function isActive(object: JsonObject): boolean {
  const status = str(object, 'status');
  return status === undefined || status === 'ACTIVE';
}

export function policyLabel(policy: JsonObject): string {
  return `${str(policy, 'name') ?? 'unnamed'} (${str(policy, 'id') ?? '?'})`;
}
