import type { DatasetTracker } from '../../src/connector-kit/datasets.js';
import type { StoreCollection } from '../../src/connector-kit/store-collection.js';
import { toScanError, type ScanError } from '../../src/model/errors.js';
import { observed, unknownObservation, type Observation } from '../../src/model/observation.js';
import type { SalesforceApi } from './api.js';
import type { SalesforceTargetConfig } from './config.js';
import type { Wire } from './wire.js';

/**
 * Reading one section: a missing permission becomes `unknown` naming it (and coverage.missingPermissions),
 * any other failure a coded error on the snapshot plus `unknown`, and once the org's API allocation
 * is used up nothing more is sent: the remaining sections are `unknown` pointing at that one error.
 */
export interface ReadContext {
  api: SalesforceApi;
  wire: Wire;
  collection: StoreCollection;
  config: SalesforceTargetConfig;
  progress(message: string): void;
  signal?: AbortSignal;
  /** Set after the first 401 that survived the token refresh: recorded once. */
  authRejected?: boolean;
}

export interface SectionOptions {
  /** What a 403 (or the listed Salesforce error codes) means is missing. */
  permission?: string;
  /** Salesforce error codes that also mean "not visible to this user" (e.g. INVALID_TYPE). */
  deniedCodes?: string[];
}

export async function readSection<T>(ctx: ReadContext, dataset: string, what: string, options: SectionOptions, read: (tracker: DatasetTracker) => Promise<T>): Promise<Observation<T>> {
  const tracker = ctx.collection.dataset(dataset);
  const blocked = quotaBlocked<T>(ctx, tracker, what);
  if (blocked) return blocked;
  try {
    return observed(await read(tracker));
  } catch (err) {
    return failed<T>(ctx, tracker, what, toScanError(err), options);
  }
}

/** After REQUEST_LIMIT_EXCEEDED: not sent, not another error, unknown pointing at the first one. */
export function quotaBlocked<T>(ctx: ReadContext, tracker: DatasetTracker, what: string): Observation<T> | undefined {
  const stopped = ctx.wire.quota.exhausted ? ctx.wire.quota.refusal() : undefined;
  if (!stopped) return undefined;
  tracker.stopped('not-read', `not sent: ${stopped.cause ?? stopped.code} earlier in this scan`);
  return unknownObservation({ kind: 'collection-error', detail: `${what}: not read, the org's API request allocation is used up (${stopped.cause ?? stopped.code})`, error: stopped });
}

/** One failure of a section, classified (see the module comment). */
export function failed<T>(ctx: ReadContext, tracker: DatasetTracker, what: string, error: ScanError, options: SectionOptions = {}): Observation<T> {
  const denied = error.code === 'PERMISSION_DENIED' || (error.cause !== undefined && (options.deniedCodes ?? []).includes(error.cause));
  if (denied && options.permission) return noPermission(ctx, tracker, what, options.permission, error);
  if (error.code === 'AUTH_FAILED') {
    if (!ctx.authRejected) {
      ctx.authRejected = true;
      ctx.collection.errors.push(error);
    }
    tracker.failed(error);
    return unknownObservation({ kind: 'collection-error', detail: `${what}: the credential was rejected (HTTP ${error.status ?? 401})`, error });
  }
  // REQUEST_LIMIT_EXCEEDED is recorded once, where it happened; later sections are quotaBlocked.
  if (!ctx.collection.errors.includes(error)) ctx.collection.errors.push(error);
  tracker.failed(error);
  return unknownObservation({ kind: 'collection-error', detail: `${what}: ${error.code}: ${error.message}`, error });
}

export function noPermission<T>(ctx: ReadContext, tracker: DatasetTracker, what: string, permission: string, error?: ScanError): Observation<T> {
  ctx.collection.missingPermissions.add(permission);
  const why = error ? `access denied (HTTP ${error.status ?? '?'}${error.cause ? ` ${error.cause}` : ''})` : 'not granted';
  tracker.stopped('not-read', `${why}: needs ${permission}`);
  return unknownObservation({
    kind: 'no-permission',
    detail: `${what}: ${why}`,
    permission,
    remediation: `grant ${permission} to the integration user (see the connector README)`,
    ...(error ? { error } : {}),
  });
}
