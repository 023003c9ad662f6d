import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration, type ResponseType } from 'oidc-provider';
import type { ServerCertificate } from './certificates.js';

/**
 * A real OpenID Provider (panva's oidc-provider, certified) on 127.0.0.1 over https, configurable
 * like the deployments ciamscan meets: the demo environment starts one, and the end-to-end tests
 * start several configurations of it.
 */
export interface AuthorizationServerOptions {
  tls: ServerCertificate;
  /** required: S256 mandatory for every client; public-only: oidc-provider's default; unadvertised: PKCE optional and not published. */
  pkce?: 'required' | 'public-only' | 'unadvertised';
  /** Pushed authorization requests: off, on (optional), required. */
  par?: 'off' | 'on' | 'required';
  /** HS256 ID tokens and front-channel access tokens (`code token`, `code id_token token`). */
  weakAlgorithms?: boolean;
  /** Strict-Transport-Security and CSP frame-ancestors on every response. */
  securityHeaders?: boolean;
  /** Open dynamic client registration (no initial access token). */
  openRegistration?: boolean;
  backchannelLogout?: boolean;
  dpop?: boolean;
  deviceFlow?: boolean;
  introspection?: boolean;
  /** Path of the issuer, e.g. `/realms/customers` (default: none). */
  issuerPath?: string;
}

export interface RunningAuthorizationServer {
  issuer: string;
  port: number;
  close(): Promise<void>;
}

export async function startAuthorizationServer(options: AuthorizationServerOptions): Promise<RunningAuthorizationServer> {
  let handler: Parameters<typeof createServer>[1] = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server: Server = createServer({ cert: options.tls.certPem, key: options.tls.keyPem }, (req, res) => handler?.(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `https://127.0.0.1:${port}${options.issuerPath ?? ''}`;
  const provider = new Provider(issuer, await configuration(options));
  provider.use(async (ctx, next) => {
    await next();
    if (options.securityHeaders) {
      ctx.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
      ctx.set('Content-Security-Policy', "frame-ancestors 'self'");
    }
    if (options.pkce === 'unadvertised' && ctx.path.endsWith('/.well-known/openid-configuration') && ctx.body && typeof ctx.body === 'object') {
      delete (ctx.body as Record<string, unknown>).code_challenge_methods_supported;
    }
  });
  const callback = provider.callback();
  const prefix = options.issuerPath ?? '';
  handler = (req, res) => {
    // Mounted under the issuer path, as behind a reverse proxy: oidc-provider reads the mount path
    // from originalUrl minus url, so its endpoint URLs keep the prefix.
    if (prefix && req.url?.startsWith(prefix)) {
      (req as { originalUrl?: string }).originalUrl = req.url;
      req.url = req.url.slice(prefix.length) || '/';
    }
    void callback(req, res);
  };
  return {
    issuer,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function configuration(options: AuthorizationServerOptions): Promise<Configuration> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const signing = { ...(await exportJWK(privateKey)), kid: 'demo-rs256-1', use: 'sig', alg: 'RS256' };
  const par = options.par ?? 'on';
  const responseTypes: ResponseType[] = ['code', 'code id_token', 'id_token', 'none', ...(options.weakAlgorithms ? (['code token', 'code id_token token'] as ResponseType[]) : [])];
  return {
    clients: [
      {
        client_id: 'web-shop',
        client_secret: 'demo-web-shop-secret-not-for-production',
        redirect_uris: ['https://shop.example.test/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
      {
        client_id: 'mobile-app',
        token_endpoint_auth_method: 'none',
        redirect_uris: ['com.example.shop:/callback'],
        application_type: 'native',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [signing] },
    responseTypes,
    pkce: {
      required: (_ctx, client) => (options.pkce === 'required' ? true : options.pkce === 'unadvertised' ? false : client.clientAuthMethod === 'none'),
    },
    enabledJWA: options.weakAlgorithms ? { idTokenSigningAlgValues: ['HS256', 'RS256', 'PS256', 'ES256'] } : {},
    features: {
      devInteractions: { enabled: true },
      introspection: { enabled: options.introspection ?? true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      backchannelLogout: { enabled: options.backchannelLogout ?? false },
      dPoP: { enabled: options.dpop ?? false },
      deviceFlow: { enabled: options.deviceFlow ?? false },
      clientCredentials: { enabled: true },
      pushedAuthorizationRequests: { enabled: par !== 'off', requirePushedAuthorizationRequests: par === 'required' },
      registration: { enabled: options.openRegistration ?? false, initialAccessToken: false },
    },
    cookies: { keys: ['ciamscan-demo-cookie-key-not-secret'] },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
  };
}
