import { createPrivateKey, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { Connection, OAuth2 } from 'jsforce';
import type { CollectContext } from '../../src/connector.js';
import { ConfigError, ScanFailure, toScanError, type ScanError } from '../../src/model/errors.js';
import type { SalesforceTargetConfig } from './config.js';
import { QuotaWatch } from './quota.js';
import { HttpClientTransport } from './transport.js';
import { acceptableInstance, hostOf, originOf, tokenEndpoint } from './urls.js';
import { Wire } from './wire.js';

/**
 * The credential, ready to read: a jsforce Connection whose transport is our HttpClient, the
 * instance it talks to, and the scopes the token response granted (Salesforce says them in `scope`).
 * Token requests go through jsforce's OAuth2 (client credentials; JWT bearer with an assertion
 * signed here with jose: iss = consumer key, sub = username, aud = login URL, exp = 3 minutes).
 */
export interface SalesforceSession {
  conn: Connection;
  wire: Wire;
  instanceUrl: string;
  /** Scopes of the token response; undefined for a fixed access token (Salesforce does not say). */
  scopes?: string[];
  /** No usable token: every section is unknown with this error. */
  failure?: ScanError;
}

/** JWT bearer assertions live 3 minutes at most (Salesforce rejects longer-lived ones). */
const ASSERTION_LIFETIME_S = 180;

interface TokenAnswer {
  accessToken: string;
  instanceUrl: string;
  scopes?: string[];
}

/** Parse the private key before anything is sent: an unusable key is a configuration error. */
export function loadSigningKey(config: SalesforceTargetConfig): KeyObject | undefined {
  if (config.auth.method !== 'jwt-bearer') return undefined;
  try {
    const key = createPrivateKey(config.auth.privateKey);
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
    return key;
  } catch {
    // Never echo the value: it is a private key.
    throw new ConfigError(['auth.privateKey: not an RSA private key in PEM form (the key of the certificate uploaded to the connected app)']);
  }
}

export async function openSession(config: SalesforceTargetConfig, ctx: CollectContext, version: string): Promise<SalesforceSession> {
  const signingKey = loadSigningKey(config);
  const wire = new Wire({ http: ctx.http(), quota: new QuotaWatch(), redactor: ctx.secrets, signal: ctx.signal });
  const transport = new HttpClientTransport(wire);
  const auth = config.auth;
  if (auth.method === 'access-token') {
    ctx.secrets.add(auth.accessToken);
    const instanceUrl = originOf(auth.instanceUrl);
    return { conn: connection(instanceUrl, auth.accessToken, version, transport), wire, instanceUrl };
  }
  ctx.secrets.add(auth.method === 'client-credentials' ? auth.clientSecret : undefined);
  const requestToken = async (): Promise<TokenAnswer> => {
    const oauth2 = new OAuth2(auth.method === 'client-credentials' ? { loginUrl: originOf(auth.loginUrl), clientId: auth.clientId, clientSecret: auth.clientSecret } : { loginUrl: originOf(auth.loginUrl) });
    oauth2._transport = transport;
    const params: { grant_type: string; [name: string]: string } =
      auth.method === 'client-credentials'
        ? { grant_type: 'client_credentials' }
        : { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: await assertion(auth, signingKey, ctx) };
    const answer = tokenAnswer(await oauth2.requestToken(params), config);
    ctx.secrets.add(answer.accessToken);
    return answer;
  };
  let first: TokenAnswer;
  try {
    first = await requestToken();
  } catch (err) {
    const failure = toScanError(err, tokenEndpoint(auth.loginUrl));
    return { conn: connection(originOf(auth.loginUrl), undefined, version, transport), wire, instanceUrl: originOf(auth.loginUrl), failure };
  }
  // The API calls may also reach the instance host the token response named (already vetted).
  wire.http = ctx.http({ extraHosts: [hostOf(first.instanceUrl)] });
  const conn = connection(first.instanceUrl, first.accessToken, version, transport);
  wire.refresher = async () => {
    const next = await requestToken();
    conn.accessToken = next.accessToken;
    return next.accessToken;
  };
  return { conn, wire, instanceUrl: first.instanceUrl, ...(first.scopes ? { scopes: first.scopes } : {}) };
}

function connection(instanceUrl: string, accessToken: string | undefined, version: string, transport: HttpClientTransport): Connection {
  // No oauth2 client and no refreshFn: jsforce's own refresh loop stays off (the Wire refreshes once).
  const conn = new Connection({ instanceUrl, version, logLevel: 'NONE', ...(accessToken ? { accessToken } : {}) });
  conn._transport = transport;
  return conn;
}

async function assertion(auth: Extract<SalesforceTargetConfig['auth'], { method: 'jwt-bearer' }>, key: KeyObject | undefined, ctx: CollectContext): Promise<string> {
  if (!key) throw new ConfigError(['auth.privateKey: missing']);
  const now = Math.floor(ctx.now().getTime() / 1000);
  const jwt = await new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(auth.clientId)
    .setSubject(auth.username)
    .setAudience(auth.audience ?? originOf(auth.loginUrl))
    .setIssuedAt(now)
    .setExpirationTime(now + ASSERTION_LIFETIME_S)
    .sign(key);
  ctx.secrets.add(jwt);
  return jwt;
}

/** The parts of a token response we use, vetted: a token, an acceptable instance, the scopes. */
function tokenAnswer(response: unknown, config: SalesforceTargetConfig): TokenAnswer {
  const r = (typeof response === 'object' && response !== null ? response : {}) as Record<string, unknown>;
  const endpoint = config.auth.method === 'access-token' ? undefined : tokenEndpoint(config.auth.loginUrl);
  if (typeof r.access_token !== 'string' || r.access_token === '') {
    throw new ScanFailure({ code: 'UNEXPECTED_SHAPE', message: 'token request: the token response has no access_token', retryable: false, ...(endpoint ? { endpoint } : {}) });
  }
  const instanceUrl = acceptableInstance(r.instance_url, config);
  if (!instanceUrl) {
    const named = typeof r.instance_url === 'string' ? safeHost(r.instance_url) : 'no instance_url';
    throw new ScanFailure({
      code: 'HOST_NOT_ALLOWED',
      message: `token request: the token response names instance ${named}, which is neither a host of this target nor a Salesforce domain; not contacted`,
      retryable: false,
      remediation: 'if that host belongs to the org, add it to allowHosts of this target',
      ...(endpoint ? { endpoint } : {}),
    });
  }
  const scopes = typeof r.scope === 'string' ? r.scope.split(/\s+/).filter(Boolean) : undefined;
  return { accessToken: r.access_token, instanceUrl, ...(scopes ? { scopes } : {}) };
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an unparseable URL';
  }
}
