import { z } from 'zod';
import { identityProfileOptionsSchema, targetBaseShape } from '../../src/config/target-base.js';

/** Our own ceiling on `count`: a page of 1,000 users with the attributes we ask for stays near 1 MB. */
export const MAX_COUNT = 1000;

const baseUrl = z
  .string()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'https:' || url.protocol === 'http:') && !url.search && !url.hash && !url.username && !url.password;
      } catch {
        return false;
      }
    },
    { message: 'must be an absolute http(s) URL without query, fragment or credentials, e.g. https://idp.example.com/scim/v2' },
  )
  .describe('The SCIM service provider base URL (the path under which /Users, /ServiceProviderConfig, ... live).');

/**
 * RFC 7644 §3.10 attribute notation: a core attribute (`userName`, `name.givenName`), or one fully
 * qualified by its schema URN (`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber`,
 * `...:User:manager.value`). Attribute names per RFC 7643 §2.1. Spelled out without the `i` flag,
 * which the generated JSON Schema (for editors) would lose.
 */
export const SCIM_ATTRIBUTE_PATH = /^(?:[Uu][Rr][Nn]:[A-Za-z0-9][A-Za-z0-9-]{0,31}:(?:[^\s:]+:)+)?[A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z][A-Za-z0-9_-]*)?$/;

const attributePath = z
  .string()
  .regex(SCIM_ATTRIBUTE_PATH, {
    message: 'must be a SCIM attribute path: a core attribute (name.givenName) or an extension attribute after its schema URN (urn:...:User:marketingConsent) — fix: correct the path',
  })
  .describe('a SCIM attribute path (RFC 7644 §3.10): a core attribute, or an extension attribute after its schema URN; optionally .subAttribute; it is added to the attributes requested');

export const scimTargetSchema = z
  .strictObject({
    ...targetBaseShape,
    type: z.literal('scim'),
    baseUrl,
    authScheme: z
      .enum(['bearer', 'basic'])
      .optional()
      .describe('How the credential is sent: bearer (default; `token`) or basic (`username` + `password`).'),
    token: z.string().min(1).optional().describe('Bearer token with read access (a ${env:...} or ${file:...} reference).'),
    username: z.string().min(1).optional().describe('HTTP Basic user name (authScheme: basic).'),
    password: z.string().min(1).optional().describe('HTTP Basic password (authScheme: basic; a ${env:...} or ${file:...} reference).'),
    profiles: identityProfileOptionsSchema(attributePath, 'urn:example:params:scim:schemas:extension:marketing:2.0:User:marketingConsent').optional(),
    activeProbes: z
      .boolean()
      .optional()
      .describe('Enable the T1 probe of catalog §14.2: one anonymous GET /Users?count=0&attributes=id (the body is discarded). Off by default.'),
    maxCount: z
      .number()
      .int()
      .min(1)
      .max(MAX_COUNT)
      .optional()
      .describe(`Users per page (SCIM "count"); bounded by the provider's filter.maxResults. Default 200, at most ${MAX_COUNT}.`),
  })
  .superRefine((config, ctx) => {
    const scheme = config.authScheme ?? 'bearer';
    if (scheme === 'basic') {
      if (config.token !== undefined) ctx.addIssue({ code: 'custom', path: ['token'], message: 'authScheme basic uses username and password, not token — fix: remove token or set authScheme: bearer' });
      if (config.username === undefined) ctx.addIssue({ code: 'custom', path: ['username'], message: 'authScheme basic needs a username — fix: add username' });
      if (config.password === undefined) ctx.addIssue({ code: 'custom', path: ['password'], message: 'authScheme basic needs a password — fix: add password: ${env:SCIM_PASSWORD}' });
    } else if (config.username !== undefined || config.password !== undefined) {
      ctx.addIssue({ code: 'custom', path: [config.username !== undefined ? 'username' : 'password'], message: 'username and password are for authScheme basic — fix: set authScheme: basic, or use token' });
    }
  })
  .describe('A SCIM 2.0 service provider (RFC 7643/7644), read with GET only.');

export type ScimTargetConfig = z.infer<typeof scimTargetSchema>;
