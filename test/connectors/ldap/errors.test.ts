import { describe, expect, it } from 'vitest';
import {
  AdminLimitExceededError,
  BusyError,
  ConfidentialityRequiredError,
  InsufficientAccessError,
  InvalidCredentialsError,
  NoSuchObjectError,
  ProtocolError,
  SizeLimitExceededError,
  TimeLimitExceededError,
  UnavailableCriticalExtensionError,
  UnavailableError,
  UnwillingToPerformError,
} from 'ldapts';
import { ldapFailure, NOT_LDAP_MARKER, type LdapFailureContext } from '../../../connectors/ldap/errors.js';
import { AddressBlockedError } from '../../../src/http/address-guard.js';
import { ScanFailure, type ScanErrorCode } from '../../../src/model/errors.js';
import { Redactor } from '../../../src/privacy/redact.js';

const secrets = new Redactor();
secrets.add('s3cret-bind-password');

const ctx = (operation: LdapFailureContext['operation'], dn?: string): LdapFailureContext => ({
  url: 'ldaps://ldap.example.com:636',
  operation,
  connectTimeoutMs: 10_000,
  timeoutMs: 120_000,
  secrets,
  ...(dn ? { dn } : {}),
});

function errno(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('LDAP errors as coded ScanErrors', () => {
  it.each<[string, unknown, LdapFailureContext, ScanErrorCode, boolean]>([
    ['invalid credentials (49)', new InvalidCredentialsError('invalid credentials for cn=scanner'), ctx('bind', 'cn=scanner,dc=example,dc=com'), 'AUTH_FAILED', false],
    ['insufficient access (50)', new InsufficientAccessError(), ctx('search', 'ou=customers,dc=example,dc=com'), 'PERMISSION_DENIED', false],
    ['size limit (4)', new SizeLimitExceededError(), ctx('search'), 'PARTIAL_READ', false],
    ['admin limit (11)', new AdminLimitExceededError(), ctx('search'), 'PARTIAL_READ', false],
    ['time limit (3)', new TimeLimitExceededError(), ctx('search'), 'TIMEOUT', true],
    ['busy (51)', new BusyError(), ctx('bind'), 'SERVER_ERROR', true],
    ['unavailable (52)', new UnavailableError(), ctx('search'), 'SERVER_ERROR', true],
    ['unwilling (53)', new UnwillingToPerformError(), ctx('search'), 'SERVER_ERROR', false],
    ['no such object (32)', new NoSuchObjectError(), ctx('search', 'ou=customers,dc=example,dc=com'), 'NOT_FOUND', false],
    ['confidentiality required (13)', new ConfidentialityRequiredError(), ctx('bind'), 'TLS', false],
    ['critical extension (12)', new UnavailableCriticalExtensionError(), ctx('search'), 'UNSUPPORTED', false],
    ['StartTLS refused', new ProtocolError('unsupported extended operation'), ctx('starttls'), 'TLS', false],
    ['connection refused', errno('ECONNREFUSED', 'connect ECONNREFUSED 192.0.2.1:636'), ctx('bind'), 'CONNECTION_REFUSED', true],
    ['connect timer', new Error('Connection timeout'), ctx('bind'), 'CONNECT_TIMEOUT', true],
    ['operation timer', new Error('SearchRequest: Operation timed out'), ctx('search'), 'TIMEOUT', true],
    ['untrusted certificate', errno('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'), ctx('bind'), 'TLS', false],
    ['wrong host name', errno('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"), ctx('starttls'), 'TLS', false],
    ['plain speaker on a TLS port', errno('ERR_SSL_WRONG_VERSION_NUMBER'), ctx('bind'), 'TLS', false],
    ['DNS', errno('ENOTFOUND', 'getaddrinfo ENOTFOUND ldap.example.com'), ctx('bind'), 'DNS', false],
    ['dropped connection', new Error('Connection closed before message response was received. Message type: SearchRequest (0x63)'), ctx('search'), 'NETWORK', true],
    ['not LDAP', new Error(`Socket error. Message type: BindRequest (0x60)\n${NOT_LDAP_MARKER}`), ctx('bind'), 'UNEXPECTED_SHAPE', false],
    ['metadata address', new AddressBlockedError('ldap.example.com', '169.254.169.254', 'cloud-metadata'), ctx('bind'), 'ADDRESS_BLOCKED', false],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'length')\n    at x (file.js:1:2)"), ctx('search'), 'INTERNAL', false],
  ])('%s', (_name, error, context, code, retryable) => {
    const failure = ldapFailure(error, context);
    expect(failure).toBeInstanceOf(ScanFailure);
    expect(failure.scanError.code).toBe(code);
    expect(failure.scanError.retryable).toBe(retryable);
    expect(failure.scanError.endpoint).toBe('ldaps://ldap.example.com:636');
    expect(failure.scanError.message).not.toMatch(/[\n\r]|\bat .+:\d+:\d+/);
    expect(failure.scanError.remediation ?? '').not.toBe('');
  });

  it('never copies the server diagnostic (it can echo DNs of customers) and names the DN it was given', () => {
    const failure = ldapFailure(new InsufficientAccessError('no read access to uid=avery.example,ou=customers'), ctx('search', 'ou=customers,dc=example,dc=com'));
    expect(failure.scanError.message).not.toContain('avery');
    expect(failure.scanError.message).toContain('ou=customers,dc=example,dc=com');
    expect(failure.scanError.cause).toBe('LDAP result 50');
  });

  it('redacts registered secrets from whatever it prints', () => {
    const failure = ldapFailure(errno('EPROTO', 'handshake failed near s3cret-bind-password'), ctx('bind'));
    expect(JSON.stringify(failure.scanError)).not.toContain('s3cret-bind-password');
  });

  it('passes ScanFailures through unchanged', () => {
    const original = new ScanFailure({ code: 'ABORTED', message: 'aborted', retryable: true });
    expect(ldapFailure(original, ctx('search'))).toBe(original);
  });
});
