import { z } from 'zod';
import { identityProfileOptionsSchema, targetBaseShape } from '../../src/config/target-base.js';

/**
 * A host name with an optional port, without a scheme: `example.eu.auth0.com`, `login.example.com`,
 * `127.0.0.1:8443` (a local simulator). Auth0 names tenants by domain, not by URL.
 */
const HOST_WITH_PORT = /^(?=.{1,253}(:\d{1,5})?$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::\d{1,5})?$/;

const hostWithPort = z.string().regex(HOST_WITH_PORT, {
  message: 'must be a host name (optionally with :port) without https://, e.g. example.eu.auth0.com',
});

const httpsUrl = z.string().refine(
  (value) => {
    try {
      return new URL(value).protocol === 'https:';
    } catch {
      return false;
    }
  },
  { message: 'must be an absolute https URL, e.g. https://example.eu.auth0.com/api/v2/' },
);

export const auth0TargetSchema = z
  .strictObject({
    ...targetBaseShape,
    type: z.literal('auth0'),
    domain: hostWithPort.describe('The tenant domain (canonical `{tenant}.{region}.auth0.com` or a custom domain); the issuer is https://{domain}/.'),
    managementDomain: hostWithPort
      .optional()
      .describe('Where the Management API and its token endpoint live, when `domain` is a custom domain (the canonical tenant domain). Default: domain.'),
    audience: httpsUrl.optional().describe('Management API audience. Default: https://{managementDomain}/api/v2/.'),
    clientId: z.string().min(1).describe('Client id of the machine-to-machine application authorised for the Management API.'),
    clientSecret: z.string().min(1).optional().describe('Its client secret (client_secret_post). A secret: ${env:NAME} or ${file:path}.'),
    privateKey: z
      .string()
      .min(1)
      .optional()
      .describe('PKCS#8 PEM private key for private_key_jwt instead of a secret. A secret: ${file:path} or ${env:NAME}.'),
    privateKeyId: z.string().min(1).optional().describe('The `kid` of the registered credential (private_key_jwt).'),
    privateKeyAlg: z.enum(['RS256', 'RS384', 'PS256']).optional().describe('Signing algorithm of the client assertion (default RS256).'),
    profiles: identityProfileOptionsSchema(
      z
        .string()
        .regex(/^[^.\s]+(\.[^.\s]+)*$/, { message: 'must be a dotted path into the user, e.g. user_metadata.marketing_consent — fix: remove spaces and empty segments' })
        .describe('a dotted path into the Auth0 user (its top-level field is requested too; a number segment indexes a list)'),
      'user_metadata.marketing_consent or app_metadata.consent.marketing',
    ).optional(),
    exportThreshold: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .optional()
      .describe('Above this many users the users-export job is used instead of paging (Auth0 pages through at most 1,000 users). Default 1000.'),
    exportMaxWaitSeconds: z
      .number()
      .int()
      .min(1)
      .max(86_400)
      .optional()
      .describe('How long to wait for the users-export job to complete before giving up (default 3600).'),
    exportPollMs: z
      .number()
      .int()
      .min(10)
      .max(60_000)
      .optional()
      .describe('First delay between polls of the export job; it doubles up to 30 s (default 2000).'),
  })
  .superRefine((config, ctx) => {
    const methods = [config.clientSecret, config.privateKey].filter((v) => v !== undefined).length;
    if (methods !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['clientSecret'],
        message: 'give exactly one of clientSecret or privateKey — fix: set clientSecret: ${env:AUTH0_SECRET} (or privateKey: ${file:key.pem})',
      });
    }
  })
  .describe('An Auth0 tenant, read through the Management API v2 with a read-only machine-to-machine credential (T2).');

export type Auth0TargetConfig = z.infer<typeof auth0TargetSchema>;

/** The URLs and hosts one target derives from its config. */
export interface Auth0Endpoints {
  /** `https://{domain}/` (Auth0 issuers end with a slash). */
  issuer: string;
  /** Issuers this tenant operates: the configured domain and, when different, the management domain. */
  issuers: string[];
  managementBase: string;
  tokenEndpoint: string;
  tokenIssuer: string;
  audience: string;
  /** The tenant as reports name it. */
  tenantName: string;
}

export function auth0Endpoints(config: Auth0TargetConfig): Auth0Endpoints {
  const domain = config.domain.toLowerCase();
  const management = (config.managementDomain ?? config.domain).toLowerCase();
  const issuer = `https://${domain}/`;
  const managementOrigin = `https://${management}`;
  return {
    issuer,
    issuers: [...new Set([issuer, `${managementOrigin}/`])],
    managementBase: `${managementOrigin}/api/v2`,
    // Management API tokens come from the tenant's own (canonical) domain.
    tokenEndpoint: `${managementOrigin}/oauth/token`,
    tokenIssuer: `${managementOrigin}/`,
    audience: config.audience ?? `${managementOrigin}/api/v2/`,
    tenantName: management,
  };
}

/** Host names without ports: the HTTP client's allow-list compares host names only. */
export function auth0NamedHosts(config: Auth0TargetConfig): string[] {
  const hosts = new Set<string>();
  for (const value of [config.domain, config.managementDomain]) {
    if (value) hosts.add(new URL(`https://${value}`).hostname.toLowerCase());
  }
  for (const host of config.allowHosts ?? []) hosts.add(host.toLowerCase());
  return [...hosts].sort();
}
