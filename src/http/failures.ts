/**
 * Every ScanFailure the HTTP layer throws is built here, so the rules hold in one place: the
 * endpoint is the redacted URL, the message is one line, everything printable passes through the
 * run's secret redactor, and no stack trace or header value ever gets in.
 */
import { ScanFailure } from '../model/errors.js';
import type { ScanError } from '../model/errors.js';
import { redactBearerTokens, redactUrl } from '../privacy/redact.js';
import { AddressBlockedError, describeBlockReason } from './address-guard.js';
import type { BlockReason } from './address-guard.js';

export interface SecretRedactor {
  redact(text: string): string;
}

/** What an error needs to know about the request it is about. */
export interface FailureContext {
  url: string;
  secrets?: SecretRedactor | undefined;
}

/** Error code of the agent's connect timer (TCP + TLS handshake). */
export const CONNECT_TIMEOUT_ERRNO = 'ERR_CIAMSCAN_CONNECT_TIMEOUT';

const MAX_MESSAGE_LENGTH = 400;

/** One printable line: control characters (newlines included) become spaces, long text is cut. */
export function oneLine(text: string, max = MAX_MESSAGE_LENGTH): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Registered secrets masked (when a redactor is given), bearer-style credentials always. */
export function safeText(text: string, secrets: SecretRedactor | undefined): string {
  return oneLine(redactBearerTokens(secrets ? secrets.redact(text) : text));
}

/** The URL as it may be printed: sensitive query parameters and registered secrets masked. */
export function printableUrl(url: string, secrets?: SecretRedactor): string {
  const redacted = redactUrl(url);
  return secrets ? secrets.redact(redacted) : redacted;
}

export function hostLabel(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid URL)';
  }
}

export function scanFailure(ctx: FailureContext, error: Omit<ScanError, 'endpoint'>): ScanFailure {
  const { secrets } = ctx;
  return new ScanFailure({
    ...error,
    message: safeText(error.message, secrets),
    endpoint: printableUrl(ctx.url, secrets),
    ...(error.remediation !== undefined ? { remediation: safeText(error.remediation, secrets) } : {}),
    ...(error.cause !== undefined ? { cause: safeText(error.cause, secrets) } : {}),
  });
}

export function hostNotAllowed(ctx: FailureContext, hostname: string, targetId: string, why?: string): ScanFailure {
  const detail = why ?? `the host is not one that target "${targetId}" names`;
  return scanFailure(ctx, {
    code: 'HOST_NOT_ALLOWED',
    message: `refused to contact ${hostname}: ${detail}; no request was sent`,
    retryable: false,
    remediation: `if ${hostname} belongs to the deployment, add it to the hosts of target "${targetId}" in the config`,
  });
}

export function addressBlocked(ctx: FailureContext, host: string, address: string, reason: BlockReason): ScanFailure {
  const resolved = host === address ? address : `${host} (${address})`;
  return scanFailure(ctx, {
    code: 'ADDRESS_BLOCKED',
    message: `refused to contact ${resolved}: ${describeBlockReason(reason)}`,
    retryable: false,
    remediation: 'check the configured URL and what the server points to; the scanner never contacts these addresses',
    cause: reason,
  });
}

export function bodyTooLarge(ctx: FailureContext, limit: number, declared?: number): ScanFailure {
  const seen = declared === undefined ? 'the body grew past' : `Content-Length ${declared} exceeds`;
  return scanFailure(ctx, {
    code: 'BODY_TOO_LARGE',
    message: `response from ${hostLabel(ctx.url)} is too large: ${seen} the ${limit}-byte cap`,
    retryable: false,
    remediation: 'raise limits.maxResponseBytes for this target, or read the resource as a stream',
  });
}

export function timeoutFailure(ctx: FailureContext, timeoutMs: number): ScanFailure {
  return scanFailure(ctx, {
    code: 'TIMEOUT',
    message: `no complete response from ${hostLabel(ctx.url)} within ${timeoutMs} ms`,
    retryable: true,
    remediation: 'the server may be overloaded; try again later or raise limits.timeoutMs',
  });
}

export function abortedFailure(ctx: FailureContext): ScanFailure {
  return scanFailure(ctx, { code: 'ABORTED', message: `request to ${hostLabel(ctx.url)} was aborted`, retryable: true });
}

export function tooManyRedirects(ctx: FailureContext, max: number): ScanFailure {
  return scanFailure(ctx, {
    code: 'TOO_MANY_REDIRECTS',
    message: `more than ${max} redirects on ${hostLabel(ctx.url)} (a redirect loop?)`,
    retryable: false,
    remediation: 'configure the final URL directly',
  });
}

/** The target asked us to wait longer than maxRetryWaitMs: nothing more is sent until then. */
export function rateLimitedUntil(ctx: FailureContext, untilEpochMs: number): ScanFailure {
  return scanFailure(ctx, {
    code: 'RATE_LIMITED',
    message: `not sent: the server asked to wait until ${new Date(untilEpochMs).toISOString()}, longer than this target's maxRetryWaitMs`,
    retryable: true,
    remediation: 'scan again after that time, lower requestsPerSecond for this target, or raise limits.maxRetryWaitMs to wait it out',
  });
}

export function budgetExhausted(ctx: FailureContext, host: string, budget: number): ScanFailure {
  return scanFailure(ctx, {
    code: 'BUDGET_EXHAUSTED',
    message: `the request budget for ${host} (${budget} requests this run) is used up`,
    retryable: false,
    remediation: 'raise limits.maxRequestsPerHost for this target if the host can take it',
  });
}

/** Underlying error codes seen anywhere in the chain (AxiosError -> cause, AggregateError -> errors). */
export function errorCodes(err: unknown, depth = 0): string[] {
  if (depth > 5 || typeof err !== 'object' || err === null) return [];
  const record = err as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof record.code === 'string' ? [record.code] : [];
  const nested = Array.isArray(record.errors) ? record.errors.flatMap((e) => errorCodes(e, depth + 1)) : [];
  return [...own, ...errorCodes(record.cause, depth + 1), ...nested];
}

/** The first AddressBlockedError in the chain (raised by the guarded DNS lookup). */
function findBlocked(err: unknown, depth = 0): AddressBlockedError | undefined {
  if (err instanceof AddressBlockedError) return err;
  if (depth > 5 || typeof err !== 'object' || err === null) return undefined;
  const { cause, errors } = err as { cause?: unknown; errors?: unknown };
  const inErrors = Array.isArray(errors) ? errors.map((e) => findBlocked(e, depth + 1)).find(Boolean) : undefined;
  return findBlocked(cause, depth + 1) ?? inErrors;
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
  'HOSTNAME_MISMATCH',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'EPROTO',
]);

export function isTlsCode(code: string): boolean {
  return TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_');
}

export interface TransportContext extends FailureContext {
  connectTimeoutMs: number;
}

/** The most telling code: ours first, then TLS, then the first errno. */
function primaryCode(codes: string[]): string | undefined {
  return (
    codes.find((c) => c === CONNECT_TIMEOUT_ERRNO) ??
    codes.find(isTlsCode) ??
    codes.find((c) => !c.startsWith('ERR_BAD_') && c !== 'ERR_NETWORK') ??
    codes[0]
  );
}

/** Map a transport error (socket, DNS, TLS) to a coded failure. Timeouts and aborts are mapped by the caller. */
export function transportFailure(err: unknown, ctx: TransportContext): ScanFailure {
  const blocked = findBlocked(err);
  if (blocked) return addressBlocked(ctx, blocked.hostname, blocked.address, blocked.reason);
  const code = primaryCode(errorCodes(err));
  const host = hostLabel(ctx.url);
  switch (code) {
    case CONNECT_TIMEOUT_ERRNO:
    case 'ETIMEDOUT':
      return scanFailure(ctx, {
        code: 'CONNECT_TIMEOUT',
        message: `could not connect to ${host} within ${ctx.connectTimeoutMs} ms (TCP and TLS handshake)`,
        retryable: true,
        remediation: 'check that the host is reachable from where the scan runs (firewall, VPN, proxy)',
        cause: code === 'ETIMEDOUT' ? code : 'connect timer',
      });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
    case 'EAI_NODATA':
      return scanFailure(ctx, {
        code: 'DNS',
        message: `could not resolve ${hostLabel(ctx.url)} (${code})`,
        retryable: code === 'EAI_AGAIN',
        remediation: 'check the host name and the DNS available where the scan runs',
        cause: code,
      });
    case 'ECONNREFUSED':
      return scanFailure(ctx, {
        code: 'CONNECTION_REFUSED',
        message: `connection refused by ${host}`,
        retryable: true,
        remediation: 'check the port and that the service is running',
        cause: code,
      });
    default:
      return code !== undefined && isTlsCode(code) ? tlsFailure(ctx, host, code) : networkFailure(ctx, host, code);
  }
}

function tlsFailure(ctx: FailureContext, host: string, code: string): ScanFailure {
  const hostname = code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH';
  return scanFailure(ctx, {
    code: 'TLS',
    message: `TLS verification failed for ${host}: ${code}`,
    retryable: false,
    remediation: hostname
      ? 'the certificate does not name this host; use the host name the certificate was issued for'
      : "if the server uses a private CA, set the target's tls.caFile to that CA certificate (PEM); verification cannot be turned off",
    cause: code,
  });
}

function networkFailure(ctx: FailureContext, host: string, code: string | undefined): ScanFailure {
  return scanFailure(ctx, {
    code: 'NETWORK',
    message: `network error talking to ${host}${code ? ` (${code})` : ''}`,
    retryable: true,
    ...(code ? { cause: code } : {}),
  });
}
