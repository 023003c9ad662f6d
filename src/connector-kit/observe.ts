import { isScanFailure, toScanError, type ScanError } from '../model/errors.js';
import { observed, unknownObservation, type Observation } from '../model/observation.js';

/**
 * Read one section of facts. A 401/403 becomes `unknown` naming the missing role or scope (and the
 * coverage's missingPermissions); any other failure becomes `unknown` with the coded error, which is
 * also recorded on the snapshot. Only the section is lost, never the scan.
 */
export interface ObserveSink {
  errors: ScanError[];
  missingPermissions: Set<string>;
}

export async function observe<T>(sink: ObserveSink, what: string, permission: string | undefined, read: () => Promise<T>): Promise<Observation<T>> {
  try {
    return observed(await read());
  } catch (err) {
    const error = toScanError(err);
    if (isScanFailure(err) && (error.code === 'PERMISSION_DENIED' || (error.code === 'AUTH_FAILED' && permission))) {
      if (permission) sink.missingPermissions.add(permission);
      return unknownObservation({
        kind: 'no-permission',
        detail: `${what}: ${error.code === 'AUTH_FAILED' ? 'the credential was rejected' : 'access denied'} (HTTP ${error.status ?? '?'})`,
        ...(permission ? { permission, remediation: `grant ${permission} to the scanner's credential` } : {}),
        error,
      });
    }
    sink.errors.push(error);
    return unknownObservation({ kind: 'collection-error', detail: `${what}: ${error.code}: ${error.message}`, error });
  }
}
