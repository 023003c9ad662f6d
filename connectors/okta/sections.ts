import type { DatasetTracker } from '../../src/connector-kit/datasets.js';
import type { StoreCollection } from '../../src/connector-kit/store-collection.js';
import { isScanFailure, toScanError, type ScanError } from '../../src/model/errors.js';
import { observed, unknownObservation, type Observation } from '../../src/model/observation.js';
import type { OktaAuthConfig } from './config.js';
import { OKTA_SCOPES, permissionFor, type OktaSection } from './permissions.js';

/**
 * Reading one section: first whether the credential may (a service app's token lists its scopes),
 * then the read, then its outcome as an Observation and on the dataset's coverage. A 401/403 is
 * "no permission" naming the scope or role; anything else is a coded error on the snapshot. Only
 * the section is lost, never the scan.
 */
export interface SectionContext {
  collection: StoreCollection;
  authMethod: OktaAuthConfig['method'];
  granted?: ReadonlySet<string>;
  /** The token request failed: nothing can be read. */
  failure?: ScanError;
  /** A 401 was already recorded: a rejected credential is one error, not one per section. */
  authRejected?: boolean;
}

export interface SectionOptions {
  /** A 400 means "this org has no such thing" (Classic Engine orgs have no ACCESS_POLICY type). */
  notApplicableOn400?: string;
}

export async function readSection<T>(
  ctx: SectionContext,
  section: OktaSection,
  dataset: string,
  what: string,
  read: (tracker: DatasetTracker) => Promise<T>,
  options: SectionOptions = {},
): Promise<Observation<T>> {
  const tracker = ctx.collection.dataset(dataset);
  const blocked = precheck<T>(ctx, section, tracker, what);
  if (blocked) return blocked;
  const permission = permissionFor(ctx.authMethod, section);
  try {
    return observed(await read(tracker));
  } catch (err) {
    const error = toScanError(err);
    if (options.notApplicableOn400 && error.status === 400) {
      tracker.stopped('not-applicable', options.notApplicableOn400);
      return unknownObservation({ kind: 'precondition', detail: `${what}: ${options.notApplicableOn400}` });
    }
    if (error.code === 'AUTH_FAILED') return rejected(ctx, tracker, what, error);
    if (isScanFailure(err) && error.code === 'PERMISSION_DENIED') {
      ctx.collection.missingPermissions.add(permission);
      tracker.stopped('not-read', `access denied (HTTP ${error.status ?? '?'}): needs ${permission}`);
      return unknownObservation({
        kind: 'no-permission',
        detail: `${what}: access denied (HTTP ${error.status ?? '?'})`,
        permission,
        remediation: `grant ${permission} to the scanner's credential`,
        error,
      });
    }
    tracker.failed(error);
    ctx.collection.errors.push(error);
    return unknownObservation({ kind: 'collection-error', detail: `${what}: ${error.code}: ${error.message}`, error });
  }
}

/** Before any request: no token at all, or a token without the section's scope. */
export function precheck<T>(ctx: SectionContext, section: OktaSection, tracker: DatasetTracker, what: string): Observation<T> | undefined {
  if (ctx.failure) {
    tracker.stopped('not-read', `no access token: ${ctx.failure.code}`);
    return unknownObservation({ kind: 'collection-error', detail: `${what}: no access token (${ctx.failure.code}: ${ctx.failure.message})`, error: ctx.failure });
  }
  const scope = OKTA_SCOPES[section];
  if (ctx.granted && !ctx.granted.has(scope)) {
    ctx.collection.missingPermissions.add(scope);
    tracker.stopped('not-read', `the access token was not granted ${scope}`);
    return unknownObservation({
      kind: 'no-permission',
      detail: `${what}: the service app's token does not carry ${scope}`,
      permission: scope,
      remediation: `grant ${scope} to the scanner's service app (Okta API Scopes tab)`,
    });
  }
  return undefined;
}

/**
 * A 401 that survived the token refresh: the credential itself is invalid, expired or revoked. That
 * is a collection error (not a missing role), recorded once on the snapshot.
 */
export function rejected<T>(ctx: SectionContext, tracker: DatasetTracker, what: string, error: ScanError): Observation<T> {
  if (!ctx.authRejected) {
    ctx.authRejected = true;
    ctx.collection.errors.push({ ...error, remediation: 'the API token or the service-app token was rejected: check that it is valid, not expired and not revoked' });
  }
  tracker.failed(error);
  return unknownObservation({ kind: 'collection-error', detail: `${what}: the credential was rejected (HTTP ${error.status ?? 401})`, error });
}
