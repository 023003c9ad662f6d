import { z } from 'zod';
import { identityProfileOptionsSchema, targetBaseShape } from '../../src/config/target-base.js';

const serverUrl = z
  .string()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'https:' || url.protocol === 'http:') && !url.search && !url.hash;
      } catch {
        return false;
      }
    },
    { message: 'must be an absolute http(s) URL without query or fragment, e.g. https://sso.example.com' },
  )
  .describe('The Keycloak server root, e.g. https://sso.example.com (without /realms/...).');

/** Keycloak before 17 (WildFly) served everything under /auth; Quarkus builds can set any http-relative-path. */
const contextPath = z
  .string()
  .regex(/^(\/[A-Za-z0-9._~-]+)*$/, { message: 'must be empty or a path such as /auth (leading slash, no trailing slash)' })
  .describe('The HTTP relative path of the server: "" (default, Keycloak 17+) or the legacy "/auth".');

export const IDP_LINK_MODES = ['per-idp', 'per-user', 'none'] as const;

export const keycloakTargetSchema = z
  .strictObject({
    ...targetBaseShape,
    type: z.literal('keycloak'),
    baseUrl: serverUrl,
    contextPath: contextPath.optional(),
    realm: z.string().min(1).max(255).describe('The realm to scan (the customer realm, not master).'),
    clientId: z.string().min(1).describe('Client id of the scanner\'s service-account client in that realm.'),
    clientSecret: z.string().min(1).optional().describe('Client secret (client authenticator "client-secret"); a ${env:...} or ${file:...} reference.'),
    privateKey: z
      .string()
      .min(1)
      .optional()
      .describe('PKCS#8 PEM private key for client authenticator "client-jwt" (private_key_jwt); a ${file:...} reference.'),
    kid: z.string().min(1).optional().describe('Key id to put in the client assertion header (with privateKey).'),
    keyAlgorithm: z
      .enum(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'])
      .optional()
      .describe('Signature algorithm of the client assertion (default RS256; must match the client\'s "Signature algorithm").'),
    profiles: identityProfileOptionsSchema(
      z.string().min(1).describe('the name of a user attribute (its first value; attributes are read from full user representations)'),
      'marketingConsent',
    ).optional(),
    idpLinks: z
      .enum(IDP_LINK_MODES)
      .optional()
      .describe(
        'How federated-identity links are read: per-idp (default; pages GET /users?idpAlias=<alias> for each identity provider, upstream subjects unknown), per-user (GET /users/{id}/federated-identity for each user: exact subjects, one request per user, capped by perUserLinkLimit), none.',
      ),
    perUserLinkLimit: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .describe('idpLinks per-user: read the links of at most this many users (default 1000); the dataset is partial beyond it.'),
    readUserAttributes: z
      .boolean()
      .optional()
      .describe(
        'Read full user representations (briefRepresentation=false) to get phone attributes and count filled attributes. Costs Keycloak several extra database reads per user; off by default (profiles.consent turns it on: consent is a user attribute).',
      ),
    phoneAttributes: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('User attributes holding phone numbers, with readUserAttributes (default phoneNumber, mobile).'),
  })
  .refine((c) => (c.clientSecret === undefined) !== (c.privateKey === undefined), {
    message: 'set exactly one of clientSecret (client-secret) or privateKey (client-jwt)',
    path: ['clientSecret'],
  })
  .refine((c) => c.privateKey === undefined || /-----BEGIN PRIVATE KEY-----/.test(c.privateKey), {
    message: 'privateKey must be a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"); convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem',
    path: ['privateKey'],
  })
  .refine((c) => c.privateKey !== undefined || (c.kid === undefined && c.keyAlgorithm === undefined), {
    message: 'kid and keyAlgorithm belong to privateKey (client-jwt authentication)',
    path: ['kid'],
  })
  .describe('A Keycloak realm, read through the Admin REST API with a read-only service account (T2).');

export type KeycloakTargetConfig = z.infer<typeof keycloakTargetSchema>;

export const DEFAULT_PHONE_ATTRIBUTES = ['phoneNumber', 'mobile'];
export const DEFAULT_PER_USER_LINK_LIMIT = 1000;
