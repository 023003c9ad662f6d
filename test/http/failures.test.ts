import { describe, expect, it } from 'vitest';
import { AddressBlockedError } from '../../src/http/address-guard.js';
import { CONNECT_TIMEOUT_ERRNO, errorCodes, oneLine, scanFailure, transportFailure } from '../../src/http/failures.js';
import { Redactor } from '../../src/privacy/redact.js';

const ctx = { url: 'https://login.example.com/path?client_secret=abc123&x=1', connectTimeoutMs: 3000 };

function errno(code: string, message = code): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(message);
  error.code = code;
  return error;
}

/** An AxiosError-like wrapper: its own code plus the original error as `cause`. */
function wrapped(cause: unknown, code?: string): Error {
  return Object.assign(new Error('wrapped', { cause }), code ? { code } : {});
}

describe('transportFailure', () => {
  it.each([
    [errno('ENOTFOUND'), 'DNS', false],
    [errno('EAI_AGAIN'), 'DNS', true],
    [errno('ECONNREFUSED'), 'CONNECTION_REFUSED', true],
    [errno('ETIMEDOUT'), 'CONNECT_TIMEOUT', true],
    [errno(CONNECT_TIMEOUT_ERRNO), 'CONNECT_TIMEOUT', true],
    [errno('DEPTH_ZERO_SELF_SIGNED_CERT'), 'TLS', false],
    [errno('ERR_SSL_WRONG_VERSION_NUMBER'), 'TLS', false],
    [errno('ECONNRESET', 'socket hang up'), 'NETWORK', true],
    [new Error('no code at all'), 'NETWORK', true],
  ] as const)('maps %s to %s', (error, code, retryable) => {
    const failure = transportFailure(wrapped(error, 'ERR_BAD_RESPONSE'), ctx);
    expect(failure.scanError).toMatchObject({ code, retryable });
  });

  it('looks inside AggregateError (happy eyeballs) for the errno', () => {
    const aggregate = new AggregateError([errno('ECONNREFUSED'), errno('ECONNREFUSED')], '');
    expect(transportFailure(wrapped(aggregate), ctx).scanError.code).toBe('CONNECTION_REFUSED');
  });

  it('recognises a refusal of the guarded DNS lookup', () => {
    const blocked = new AddressBlockedError('imds.test', '169.254.169.254', 'cloud-metadata');
    const failure = transportFailure(wrapped(wrapped(blocked)), ctx);
    expect(failure.scanError.code).toBe('ADDRESS_BLOCKED');
    expect(failure.scanError.message).toContain('imds.test (169.254.169.254)');
  });

  it('prints the endpoint without credentials and never the original message', () => {
    const failure = transportFailure(wrapped(errno('ECONNRESET', 'boom\n    at Socket.<anonymous> (node:net:1:1)')), ctx);
    expect(failure.scanError.endpoint).toBe('https://login.example.com/path?client_secret=%5BREDACTED%5D&x=1');
    expect(JSON.stringify(failure.scanError)).not.toMatch(/abc123|node:net|\\n/);
  });
});

describe('scanFailure', () => {
  it('passes message, remediation and cause through the redactor, on one line', () => {
    const secrets = new Redactor();
    secrets.add('hunter2-secret');
    const failure = scanFailure(
      { url: 'https://x.example/hunter2-secret', secrets },
      { code: 'NETWORK', message: 'bad\nthing hunter2-secret', retryable: true, remediation: 'rotate hunter2-secret', cause: 'Bearer abcdefghijklmnop' },
    );
    expect(failure.scanError).toEqual({
      code: 'NETWORK',
      message: 'bad thing [REDACTED]',
      retryable: true,
      remediation: 'rotate [REDACTED]',
      cause: 'Bearer [REDACTED]',
      endpoint: 'https://x.example/[REDACTED]',
    });
    expect(failure.message).toBe('bad thing [REDACTED]');
  });

  it('flattens and cuts long text', () => {
    expect(oneLine('a\r\n\tb')).toBe('a b');
    expect(oneLine('x'.repeat(1000)).length).toBeLessThanOrEqual(400);
  });

  it('collects codes along cause chains', () => {
    expect(errorCodes(wrapped(errno('ECONNRESET'), 'ERR_X'))).toEqual(['ERR_X', 'ECONNRESET']);
    expect(errorCodes('not an error')).toEqual([]);
  });
});
