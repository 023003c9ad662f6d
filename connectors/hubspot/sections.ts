import type { DatasetTracker } from '../../src/connector-kit/datasets.js';
import { observe } from '../../src/connector-kit/observe.js';
import type { StoreCollection } from '../../src/connector-kit/store-collection.js';
import { unknownObservation, type Observation, type UnknownReason } from '../../src/model/observation.js';
import type { Grants, Scope } from './permissions.js';

/**
 * One section read behind its scope: when the token info says the scope is missing, the section is
 * `unknown` naming it and no request is sent; otherwise `observe` turns a 403 into the same
 * unknown and any other failure into a coded error. The dataset records what happened.
 */
export function missingScope(collection: StoreCollection, tracker: DatasetTracker, what: string, scope: Scope): UnknownReason {
  collection.missingPermissions.add(scope);
  tracker.stopped('not-read', `the token lacks ${scope} (private-app token info)`);
  return {
    kind: 'no-permission',
    detail: `${what}: the private-app token does not hold ${scope}`,
    permission: scope,
    remediation: `add the ${scope} scope to the private app (Settings > Integrations > Private Apps > Scopes) and use its new token`,
  };
}

export async function readSection<T>(
  collection: StoreCollection,
  grants: Grants,
  tracker: DatasetTracker,
  what: string,
  scope: Scope,
  read: () => Promise<T>,
): Promise<Observation<T>> {
  if (!grants.allows(scope)) return unknownObservation(missingScope(collection, tracker, what, scope));
  const result = await observe(collection, what, scope, read);
  if (result.state === 'unknown') {
    if (result.reason.error) tracker.failed(result.reason.error);
    else tracker.stopped('not-read', result.reason.detail);
  }
  return result;
}
