import type { StoreCollection } from '../../src/connector-kit/store-collection.js';
import type { ScanError } from '../../src/model/errors.js';

/** 401 or 403: the provider refused this read (no credential, a rejected one, or too little access). */
export function isRefusal(error: ScanError | undefined): boolean {
  return error !== undefined && (error.code === 'AUTH_FAILED' || error.code === 'PERMISSION_DENIED');
}

/**
 * A credentialed read was refused. 403: the credential lacks this read (a missing permission, not a
 * failure). 401: the credential itself was rejected, which the operator must fix, so it is also
 * recorded as an error, once per target however many reads it spoiled.
 */
export function recordRefusal(collection: StoreCollection, error: ScanError, permission: string): void {
  collection.missingPermissions.add(permission);
  if (error.code === 'AUTH_FAILED' && !collection.errors.some((e) => e.code === 'AUTH_FAILED')) {
    collection.errors.push({ ...error, remediation: 'check the SCIM credential configured for this target (revoked, expired or mistyped?)' });
  }
}
