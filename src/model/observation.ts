import type { ScanError } from './errors.js';

/**
 * Why something could not be observed. Rules turn this into an `unknown` outcome that says why,
 * and the maturity assessment lowers its confidence; it never becomes a pass or a fail.
 */
export interface UnknownReason {
  kind:
    | 'not-observed' // the connector did not look (e.g. a probe tier that is off)
    | 'offline' // evaluated from saved documents: live HTTP artefacts do not exist
    | 'no-permission' // the credential lacks a role or scope
    | 'no-credential' // the evidence needs a T2 credential that was not given
    | 'host-not-allowed' // the evidence lives on a host the target did not name
    | 'collection-error' // the call failed
    | 'precondition'; // an earlier document that this depends on is missing
  detail: string;
  remediation?: string;
  /** The missing role or scope, for `no-permission`. */
  permission?: string;
  error?: ScanError;
}

export type Observation<T> =
  | { state: 'observed'; value: T }
  | { state: 'unknown'; reason: UnknownReason };

export function observed<T>(value: T): Observation<T> {
  return { state: 'observed', value };
}

export function unknownObservation<T>(reason: UnknownReason): Observation<T> {
  return { state: 'unknown', reason };
}

/** One HTTP exchange kept as evidence: status, type and the headers rules read; never a body. */
export interface HttpExchange {
  method: string;
  url: string;
  status?: number;
  contentType?: string;
  /** Lower-cased header names; only the security- and caching-relevant subset. */
  headers: Record<string, string>;
  /** `Location` of a redirect response, as sent. */
  location?: string;
  error?: ScanError;
}

/** A fetched JSON document and whether it meets "200 + application/json + JSON object". */
export interface JsonDocument extends HttpExchange {
  valid: boolean;
  problem?: 'error' | 'http-status' | 'content-type' | 'invalid-json' | 'not-object';
  /** The parsed object when the body was a JSON object (even with a wrong content type). */
  json?: Record<string, unknown>;
}
