/**
 * LDAP failures as coded ScanErrors. ldapts raises a ResultCodeError subclass for an LDAP result
 * code (RFC 4511 §4.1.9, Appendix A), a Node socket/TLS error for the transport, and plain Errors
 * for its own timers; each becomes one line with a code, retryability and a remediation. The
 * server's diagnostic text is never copied: it can echo DNs, i.e. personal data.
 */
import { isScanFailure, type ScanError, type ScanErrorCode, type ScanFailure } from '../../src/model/errors.js';
import { errorCodes, safeText, scanFailure, transportFailure, type SecretRedactor } from '../../src/http/failures.js';

export type LdapOperation = 'connect' | 'starttls' | 'bind' | 'search' | 'root-dse' | 'password-policy';

export interface LdapFailureContext {
  /** ldap(s)://host:port, printed as the endpoint. */
  url: string;
  operation: LdapOperation;
  /** The DN the operation worked on (configured DNs only, never a customer's). */
  dn?: string;
  connectTimeoutMs: number;
  timeoutMs: number;
  secrets?: SecretRedactor;
}

/** RFC 4511 Appendix A names, for one-line messages. */
const RESULT_NAMES: Record<number, string> = {
  1: 'operationsError',
  2: 'protocolError',
  3: 'timeLimitExceeded',
  4: 'sizeLimitExceeded',
  7: 'authMethodNotSupported',
  8: 'strongerAuthRequired',
  11: 'adminLimitExceeded',
  12: 'unavailableCriticalExtension',
  13: 'confidentialityRequired',
  32: 'noSuchObject',
  34: 'invalidDNSyntax',
  48: 'inappropriateAuthentication',
  49: 'invalidCredentials',
  50: 'insufficientAccessRights',
  51: 'busy',
  52: 'unavailable',
  53: 'unwillingToPerform',
  80: 'other',
};

interface Mapped {
  code: ScanErrorCode;
  message: string;
  retryable: boolean;
  remediation: string;
}

/** Any error an LDAP operation raised, as a ScanFailure (ScanFailures pass through). */
export function ldapFailure(err: unknown, ctx: LdapFailureContext): ScanFailure {
  if (isScanFailure(err)) return err;
  const resultCode = resultCodeOf(err);
  if (resultCode !== undefined) return fromMapped(ctx, resultFailure(resultCode, ctx), `LDAP result ${resultCode}`);
  const message = err instanceof Error ? err.message : String(err);
  if (message === 'Connection timeout') {
    return fromMapped(ctx, {
      code: 'CONNECT_TIMEOUT',
      message: `could not connect to ${hostOf(ctx.url)} within ${ctx.connectTimeoutMs} ms`,
      retryable: true,
      remediation: 'check that the directory is reachable from where the scan runs (firewall, VPN), or raise limits.connectTimeoutMs',
    }, 'connect timer');
  }
  if (/Operation timed out$/.test(message)) {
    return fromMapped(ctx, {
      code: 'TIMEOUT',
      message: `no answer to the ${ctx.operation} request from ${hostOf(ctx.url)} within ${ctx.timeoutMs} ms`,
      retryable: true,
      remediation: 'the directory may be overloaded; try again later, lower pageSize, or raise limits.timeoutMs',
    }, 'operation timer');
  }
  if (isMalformedResponse(err, message)) {
    return fromMapped(ctx, {
      code: 'UNEXPECTED_SHAPE',
      message: `${hostOf(ctx.url)} sent a response that is not valid LDAP (BER) during ${ctx.operation}`,
      retryable: false,
      remediation: 'check that the URL points at an LDAP server (and ldaps:// at a TLS port)',
    }, 'malformed LDAP message');
  }
  if (/^(Connection closed before message response|Socket error)/.test(message)) {
    return fromMapped(ctx, {
      code: 'NETWORK',
      message: `the connection to ${hostOf(ctx.url)} closed during ${ctx.operation}`,
      retryable: true,
      remediation: 'the server or a proxy dropped the connection (idle or time limits); try again later',
    }, 'connection closed');
  }
  // Socket, DNS, TLS and address-guard errors carry an errno-style code: the HTTP client's mapping.
  if (errorCodes(err).length > 0) return transportFailure(err, { url: ctx.url, secrets: ctx.secrets, connectTimeoutMs: ctx.connectTimeoutMs });
  // Anything else is a bug (ours or the library's): one line, never a stack.
  return fromMapped(ctx, {
    code: 'INTERNAL',
    message: `unexpected error during ${ctx.operation}: ${message.split('\n')[0] ?? ''}`,
    retryable: false,
    remediation: 'please report this with the scan log',
  }, 'unexpected');
}

function resultFailure(code: number, ctx: LdapFailureContext): Mapped {
  const name = RESULT_NAMES[code] ?? `result code ${code}`;
  const what = `${ctx.operation}${ctx.dn ? ` of ${ctx.dn}` : ''}`;
  const line = (text: string) => `${text} (LDAP ${code} ${name})`;
  if (ctx.operation === 'starttls') {
    return {
      code: 'TLS',
      message: line(`${hostOf(ctx.url)} refused StartTLS`),
      retryable: false,
      remediation: 'enable TLS on the directory (StartTLS or ldaps://); the scanner never binds over an unencrypted connection it was told to protect',
    };
  }
  switch (code) {
    case 49:
      return {
        code: 'AUTH_FAILED',
        message: line(`the directory rejected the bind as ${ctx.dn ?? 'the configured DN'}`),
        retryable: false,
        remediation: 'check bindDn and the password its reference resolves to; a rejected bind is never retried (it counts towards lockout)',
      };
    case 7:
    case 8:
    case 48:
      return { code: 'AUTH_FAILED', message: line(`the directory does not accept a simple bind for ${what}`), retryable: false, remediation: 'give the scanner an account that may use simple bind over TLS' };
    case 13:
      return { code: 'TLS', message: line(`the directory requires an encrypted connection for ${what}`), retryable: false, remediation: 'use ldaps:// or set startTls: true' };
    case 50:
      return {
        code: 'PERMISSION_DENIED',
        message: line(`the bind DN may not read for ${what}`),
        retryable: false,
        remediation: 'grant the scanner\'s bind DN read access (ACL) to the entries and the mapped attributes',
      };
    case 32:
      return {
        code: 'NOT_FOUND',
        message: line(`${ctx.dn ?? 'the base DN'} does not exist, or the bind DN may not see it`),
        retryable: false,
        remediation: 'check the DN; OpenLDAP also answers noSuchObject when an ACL hides the entry, so grant the bind DN read (disclose) access to it',
      };
    case 4:
    case 11:
      return {
        code: 'PARTIAL_READ',
        message: line(`the directory stopped the ${ctx.operation} at its size limit`),
        retryable: false,
        remediation: 'lift the size limit for the scanner\'s bind DN (OpenLDAP: limits dn.exact="<bindDn>" size=unlimited; AD: page with MaxPageSize ≥ pageSize)',
      };
    case 3:
      return {
        code: 'TIMEOUT',
        message: line(`the directory stopped the ${ctx.operation} at its time limit`),
        retryable: true,
        remediation: 'lower pageSize, raise timeLimitSeconds, or lift the server time limit for the bind DN (OpenLDAP: limits ... time=unlimited; AD: MaxQueryDuration)',
      };
    case 51:
    case 52:
      return {
        code: 'SERVER_ERROR',
        message: line(`the directory is ${code === 51 ? 'busy' : 'unavailable'}`),
        retryable: true,
        remediation: 'try again later, or lower limits.requestsPerSecond for this target',
      };
    case 12:
      return { code: 'UNSUPPORTED', message: line(`the directory does not support a control the ${ctx.operation} needs`), retryable: false, remediation: 'the paged-results control (RFC 2696) is needed to read large directories' };
    case 34:
      return { code: 'UNEXPECTED_SHAPE', message: line(`invalid DN in ${what}`), retryable: false, remediation: 'check the DN syntax in the config (RFC 4514)' };
    default:
      return { code: 'SERVER_ERROR', message: line(`the directory refused the ${ctx.operation}`), retryable: false, remediation: 'see the directory\'s log for the reason' };
  }
}

function fromMapped(ctx: LdapFailureContext, mapped: Mapped, cause: string): ScanFailure {
  return scanFailure({ url: ctx.url, secrets: ctx.secrets }, { ...mapped, cause });
}

/** The numeric result code of an ldapts ResultCodeError (a class hierarchy we only duck-type). */
function resultCodeOf(err: unknown): number | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'number' && Number.isInteger(code) ? code : undefined;
}

/** Marker of the error session.ts raises when the server's first byte cannot start an LDAP message. */
export const NOT_LDAP_MARKER = 'response is not an LDAP message';

function isMalformedResponse(err: unknown, message: string): boolean {
  return message.includes(NOT_LDAP_MARKER) || (err instanceof Error && (err.name === 'MessageParserError' || err.name === 'InvalidAsn1Error'));
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A ScanError for something the connector decided itself (no exception involved). */
export function ldapError(ctx: Pick<LdapFailureContext, 'url' | 'secrets'>, error: Omit<ScanError, 'endpoint'>): ScanError {
  return scanFailure({ url: ctx.url, secrets: ctx.secrets }, { ...error, message: safeText(error.message, ctx.secrets) }).scanError;
}
