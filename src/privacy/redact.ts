/**
 * Secret redaction for every log line, error message and report. Secrets resolved from the config
 * and tokens obtained at run time are registered here; anything that prints goes through `redact`.
 */

const MASK = '[REDACTED]';

/** Query parameters that carry credentials or codes. */
const SENSITIVE_PARAMS = new Set([
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'code',
  'client_secret',
  'client_assertion',
  'password',
  'apikey',
  'api_key',
  'hapikey',
  'key',
  'secret',
  'signature',
  'sig',
  'x-amz-signature',
  'x-amz-credential',
  'x-amz-security-token',
]);

/** Header names whose values are credentials. */
export const SENSITIVE_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-auth-token',
  'dpop',
]);

export class Redactor {
  readonly #secrets = new Set<string>();

  /** Register a value that must never be printed. Very short values are ignored (they would mask noise). */
  add(secret: string | undefined): void {
    if (secret && secret.length >= 4) this.#secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is masked whole.
    for (const secret of [...this.#secrets].sort((a, b) => b.length - a.length)) {
      if (out.includes(secret)) out = out.split(secret).join(MASK);
    }
    return redactBearerTokens(out);
  }
}

/** Masks `Bearer xyz` / `Basic xyz` credentials wherever they appear in free text. */
export function redactBearerTokens(text: string): string {
  return text.replace(/\b(Bearer|Basic|SSWS|DPoP)\s+[A-Za-z0-9\-._~+/=]{8,}/g, `$1 ${MASK}`);
}

/** A URL safe to print: credentials in userinfo and sensitive query parameters are masked. */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  if (url.username) url.username = MASK;
  if (url.password) url.password = MASK;
  for (const name of [...url.searchParams.keys()]) {
    if (SENSITIVE_PARAMS.has(name.toLowerCase())) url.searchParams.set(name, MASK);
  }
  return url.toString();
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SENSITIVE_HEADERS.has(name.toLowerCase()) ? MASK : value;
  }
  return out;
}
