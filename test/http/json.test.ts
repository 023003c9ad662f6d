import { describe, expect, it } from 'vitest';
import { isJsonContentType, parseJsonBody, readJson, readJsonObject } from '../../src/http/json.js';
import type { HttpResponse } from '../../src/http/types.js';
import { Redactor } from '../../src/privacy/redact.js';
import { scanErrorOf } from './helpers/fixtures.js';

const URL_ = 'https://login.example.com/.well-known/openid-configuration';

function response(status: number, body: string | Buffer, headers: Record<string, string> = {}, extra: Partial<HttpResponse> = {}): HttpResponse {
  return {
    url: URL_,
    finalUrl: URL_,
    status,
    headers,
    body: Buffer.isBuffer(body) ? body : Buffer.from(body),
    redirects: [],
    attempts: 1,
    fromCache: false,
    ...extra,
  };
}

const JSON_CT = { 'content-type': 'application/json; charset=utf-8' };

/** The ScanError a synchronous reader throws. */
function thrown(read: () => unknown) {
  return scanErrorOf(Promise.resolve().then(read));
}

describe('readJson', () => {
  it('returns the document of a 2xx JSON response', () => {
    expect(readJson(response(200, '{"issuer":"https://login.example.com"}', JSON_CT), 'discovery document')).toEqual({
      issuer: 'https://login.example.com',
    });
  });

  it.each(['application/jwk-set+json', 'application/scim+json', 'application/problem+json', 'application/json'])('accepts %s', (type) => {
    expect(readJson(response(200, '[1]', { 'content-type': type }), 'doc')).toEqual([1]);
  });

  it('accepts JSON served without a JSON content type', () => {
    expect(readJson(response(200, '{"a":1}', { 'content-type': 'text/plain' }), 'doc')).toEqual({ a: 1 });
    expect(readJson(response(200, '\uFEFF{"a":1}'), 'doc')).toEqual({ a: 1 });
  });

  it('explains an HTML page instead of JSON', async () => {
    const html = '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>…</body></html>';
    const error = await thrown(() => readJson(response(200, html, { 'content-type': 'text/html; charset=utf-8' }), 'discovery document'));
    expect(error.code).toBe('NOT_JSON');
    expect(error.message).toContain(`expected JSON from ${URL_} but got text/html (starts with "<!DOCTYPE html><html><head><title>Sign i")`);
    expect(error.message).not.toMatch(/[\n\r\t]/);
    expect(error.endpoint).toBe(URL_);
    expect(error.retryable).toBe(false);
  });

  it('reports an HTML body even when the server claims nothing', async () => {
    const error = await thrown(() => readJson(response(200, '  <html>oops</html>'), 'doc'));
    expect(error.code).toBe('NOT_JSON');
    expect(error.message).toContain('got a body without content type (starts with "<html>oops</html>")');
  });

  it('gives the byte position of truncated JSON', async () => {
    const body = '{"issuer":"https://login.example.com","jwks_uri":"https://login.ex';
    const error = await thrown(() => readJson(response(200, body, JSON_CT), 'discovery document'));
    expect(error.code).toBe('INVALID_JSON');
    expect(error.message).toContain(`ends early at byte ${Buffer.byteLength(body)}`);
    expect(error.message).toContain('truncated');
  });

  it('gives the byte position of a syntax error without quoting the body', async () => {
    const body = '{"name":"Zoë","secret-ish":"abcdef" "x":1}';
    const error = await thrown(() => readJson(response(200, body, JSON_CT), 'doc'));
    expect(error.code).toBe('INVALID_JSON');
    expect(error.message).toMatch(/invalid JSON at byte 37/);
    expect(error.message).not.toContain('abcdef');
  });

  it('reports an empty JSON body', async () => {
    const error = await thrown(() => readJson(response(200, '', JSON_CT), 'doc'));
    expect(error.code).toBe('INVALID_JSON');
    expect(error.message).toContain('empty');
  });

  it.each([
    [401, 'AUTH_FAILED', false],
    [403, 'PERMISSION_DENIED', false],
    [404, 'NOT_FOUND', false],
    [429, 'RATE_LIMITED', true],
    [500, 'SERVER_ERROR', true],
    [503, 'SERVER_ERROR', true],
    [400, 'HTTP_STATUS', false],
    [410, 'HTTP_STATUS', false],
  ] as const)('maps status %i to %s (retryable: %s)', async (status, code, retryable) => {
    const error = await thrown(() => readJson(response(status, '{"error":"x"}', JSON_CT), 'user list'));
    expect(error).toMatchObject({ code, retryable, status, endpoint: URL_ });
    expect(error.message).toContain(`user list: ${URL_} answered ${status}`);
  });

  it('says how long a rate-limited response asked to wait', async () => {
    const error = await thrown(() => readJson(response(429, '', {}, { retryAfterMs: 120_000 }), 'doc'));
    expect(error.message).toContain('wait 120 s');
  });

  it('names the other origin of a redirect that was not followed', async () => {
    const res = response(302, '', { location: 'https://evil.example.net/login?code=abc' }, { offOriginRedirect: 'https://evil.example.net/login?code=abc' });
    const error = await thrown(() => readJson(res, 'change-password endpoint'));
    expect(error.code).toBe('REDIRECT_OFF_ORIGIN');
    expect(error.message).toContain('https://evil.example.net');
    expect(error.message).not.toContain('code=abc');
  });

  it('redacts secrets and sensitive parameters in the endpoint and message', async () => {
    const secrets = new Redactor();
    secrets.add('tenant-secret-1234');
    const url = 'https://api.example.com/tenant-secret-1234/users?access_token=tok-999999';
    const res = response(401, '', {}, { url, finalUrl: url });
    const error = await thrown(() => readJson(res, 'users', secrets));
    expect(JSON.stringify(error)).not.toContain('tenant-secret-1234');
    expect(JSON.stringify(error)).not.toContain('tok-999999');
  });
});

describe('readJsonObject', () => {
  it('returns an object', () => {
    expect(readJsonObject(response(200, '{"keys":[]}', JSON_CT), 'JWKS')).toEqual({ keys: [] });
  });

  it.each([
    ['[]', 'an array'],
    ['"text"', 'a string'],
    ['null', 'null'],
    ['42', 'a number'],
  ])('refuses %s as UNEXPECTED_SHAPE', async (body, name) => {
    const error = await thrown(() => readJsonObject(response(200, body, JSON_CT), 'JWKS'));
    expect(error.code).toBe('UNEXPECTED_SHAPE');
    expect(error.message).toContain(`expected a JSON object from ${URL_} but got ${name}`);
  });
});

describe('parseJsonBody', () => {
  it('never throws, and says what is wrong', () => {
    expect(parseJsonBody(Buffer.from('{"a":[1,2]}'))).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(parseJsonBody(Buffer.from(''))).toMatchObject({ ok: false, problem: 'empty' });
    expect(parseJsonBody(Buffer.from('{"a":'))).toMatchObject({ ok: false, problem: 'truncated', position: 5 });
    expect(parseJsonBody(Buffer.from('{"a":1}}'))).toMatchObject({ ok: false, problem: 'invalid', position: 7 });
  });

  it('counts the position in bytes, not characters', () => {
    const result = parseJsonBody(Buffer.from('{"é":1,,}'));
    expect(result).toMatchObject({ ok: false, problem: 'invalid', position: 8 });
  });
});

describe('isJsonContentType', () => {
  it('recognises JSON media types only', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON; charset=UTF-8')).toBe(true);
    expect(isJsonContentType('application/jwk-set+json')).toBe(true);
    expect(isJsonContentType('application/scim+json')).toBe(true);
    expect(isJsonContentType('text/html')).toBe(false);
    expect(isJsonContentType('application/jsonp')).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
  });
});
