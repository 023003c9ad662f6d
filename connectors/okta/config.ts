import { z } from 'zod';
import { identityProfileOptionsSchema, targetBaseShape } from '../../src/config/target-base.js';

const orgUrl = z
  .string()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        // The org URL is an origin: Okta's APIs live at fixed paths below it.
        return url.protocol === 'https:' && (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash;
      } catch {
        return false;
      }
    },
    { message: 'must be the https origin of the Okta org, e.g. https://example.okta.com (no path)' },
  )
  .describe('The Okta org URL (or its custom domain), e.g. https://example.okta.com.');

const apiTokenAuth = z
  .strictObject({
    method: z.literal('api-token'),
    token: z.string().min(1).describe('An Okta API token (sent as `Authorization: SSWS <token>`); use ${env:NAME} or ${file:path}.'),
  })
  .describe('API token of an admin holding the Read-Only Administrator role.');

const privateKeyJwtAuth = z
  .strictObject({
    method: z.literal('private-key-jwt'),
    clientId: z.string().min(1).describe('Client id of the OAuth service app (API Services app).'),
    privateKey: z
      .string()
      .min(1)
      .describe('The service app private key: PEM (PKCS#8 or PKCS#1) or the JWK Okta generated; use ${file:path} or ${env:NAME}.'),
    kid: z.string().min(1).optional().describe('Key id registered with the app (taken from the JWK when absent).'),
  })
  .describe('OAuth 2.0 service app, client credentials with private_key_jwt and okta.*.read scopes.');

export const oktaTargetSchema = z
  .strictObject({
    ...targetBaseShape,
    type: z.literal('okta'),
    orgUrl,
    auth: z.discriminatedUnion('method', [apiTokenAuth, privateKeyJwtAuth]),
    profiles: identityProfileOptionsSchema(
      z.string().min(1).describe('the variable name of a user profile property (user.profile[name], base or custom attribute of the user type)'),
      'marketingConsent',
    ).optional(),
    scanAuthorizationServers: z
      .boolean()
      .optional()
      .describe('Also scan every ACTIVE authorization server from the outside like an oidc target (default true).'),
    linkedIdps: z
      .strictObject({
        maxUsers: z.number().int().min(1).max(50_000).optional().describe('Read the linked IdPs of at most this many users (default 1000).'),
      })
      .optional()
      .describe('Opt-in: one GET /api/v1/users/{id}/idps per user, for the federated links of the identity analysis. Off when absent.'),
    rateLimitReserve: z
      .number()
      .min(0)
      .max(0.9)
      .optional()
      .describe("Pause until the bucket resets when X-Rate-Limit-Remaining falls below this share of X-Rate-Limit-Limit (default 0.2; 0.4 stays under Okta's 60 % warning threshold)."),
    tlsProbe: z
      .boolean()
      .optional()
      .describe('TLS handshakes per protocol version against the authorization-server hosts (default true).'),
  })
  .describe('An Okta org (Customer Identity / Workforce Identity), read with a read-only admin credential (T2).');

export type OktaTargetConfig = z.infer<typeof oktaTargetSchema>;
export type OktaAuthConfig = OktaTargetConfig['auth'];

export const DEFAULT_LINKED_IDP_USERS = 1000;
export const DEFAULT_RATE_LIMIT_RESERVE = 0.2;
