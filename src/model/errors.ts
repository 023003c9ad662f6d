/**
 * Coded scan errors. A failed call against a scanned system becomes a `ScanError` on the snapshot
 * (plain data, serialisable into the report); only a configuration error stops a scan.
 */

export const SCAN_ERROR_CODES = [
  'CONNECT_TIMEOUT',
  'TIMEOUT',
  'DNS',
  'CONNECTION_REFUSED',
  'NETWORK',
  'TLS',
  'HTTP_STATUS',
  'AUTH_FAILED',
  'PERMISSION_DENIED',
  'NOT_FOUND',
  'RATE_LIMITED',
  'SERVER_ERROR',
  'BODY_TOO_LARGE',
  'NOT_JSON',
  'INVALID_JSON',
  'UNEXPECTED_SHAPE',
  'REDIRECT_OFF_ORIGIN',
  'TOO_MANY_REDIRECTS',
  'HOST_NOT_ALLOWED',
  'ADDRESS_BLOCKED',
  'METHOD_NOT_ALLOWED',
  'BUDGET_EXHAUSTED',
  'ABORTED',
  'PARTIAL_READ',
  'UNSUPPORTED',
  'INTERNAL',
] as const;

export type ScanErrorCode = (typeof SCAN_ERROR_CODES)[number];

export interface ScanError {
  code: ScanErrorCode;
  /** One line, no secrets, no personal data. */
  message: string;
  /** The endpoint (URL without query secrets) or operation that failed. */
  endpoint?: string;
  /** HTTP status when there was a response. */
  status?: number;
  /** Whether trying again later could succeed (throttling, timeouts, 5xx). */
  retryable: boolean;
  /** What the operator can do about it. */
  remediation?: string;
  /** The underlying cause, redacted (e.g. an errno code or the first bytes of a body). */
  cause?: string;
}

/** A thrown carrier for a ScanError, used inside connectors and the HTTP layer. */
export class ScanFailure extends Error {
  readonly scanError: ScanError;
  constructor(scanError: ScanError) {
    super(scanError.message);
    this.name = 'ScanFailure';
    this.scanError = scanError;
  }
}

/** Configuration and usage problems: the CLI prints each line and exits 2. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function isScanFailure(err: unknown): err is ScanFailure {
  return err instanceof ScanFailure;
}

/** Turn anything thrown inside a connector into a ScanError without leaking a stack trace. */
export function toScanError(err: unknown, endpoint?: string): ScanError {
  if (isScanFailure(err)) return err.scanError;
  const message = err instanceof Error ? err.message : String(err);
  return {
    code: 'INTERNAL',
    message: `unexpected error: ${message.split('\n')[0] ?? ''}`,
    retryable: false,
    ...(endpoint ? { endpoint } : {}),
  };
}
