import { z } from 'zod';
import { profileOptionsSchema, targetBaseShape } from '../../src/config/target-base.js';

/**
 * The `salesforce` target. Every name that ends up in a SOQL statement (link and consent fields) is
 * an API name checked against a strict pattern here, so no configured value can change a query's
 * meaning.
 */
const httpsOrigin = (what: string, example: string) =>
  z
    .string()
    .refine(
      (value) => {
        try {
          const url = new URL(value);
          return url.protocol === 'https:' && (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash && !url.username;
        } catch {
          return false;
        }
      },
      { message: `must be the https origin of the ${what}, e.g. ${example} (no path)` },
    )
    // Lightning (UI) hosts are not API hosts: jsforce and the REST API refuse them.
    .refine((value) => !/\.lightning\.(force\.com|crmforce\.mil|sfcrmapps\.cn)$/i.test(safeHost(value)), {
      message: 'is a Lightning UI host; use the My Domain API host (…my.salesforce.com) instead',
    });

function safeHost(value: string): string {
  try {
    return new URL(value).hostname;
  } catch {
    return '';
  }
}

/** A Salesforce API name: letters, digits and underscores, as in `IdP_Subject__c` or `ns__Key__c`. */
export const apiName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/, { message: 'must be a field API name (letters, digits, underscores), e.g. IdP_Subject__c' });

const accessTokenAuth = z
  .strictObject({
    method: z.literal('access-token'),
    instanceUrl: httpsOrigin('org instance (My Domain)', 'https://acme.my.salesforce.com').describe('The org instance URL, e.g. https://acme.my.salesforce.com.'),
    accessToken: z.string().min(1).describe('An access token of the integration user; use ${env:NAME} or ${file:path}. Not refreshed: a 401 ends the read.'),
  })
  .describe('A ready access token (e.g. from `sf org display`), for a one-off scan.');

const clientCredentialsAuth = z
  .strictObject({
    method: z.literal('client-credentials'),
    loginUrl: httpsOrigin('My Domain login host', 'https://acme.my.salesforce.com').describe('The My Domain URL; the token endpoint is {loginUrl}/services/oauth2/token.'),
    clientId: z.string().min(1).describe('Consumer key of the connected app / external client app.'),
    clientSecret: z.string().min(1).describe('Consumer secret; use ${env:NAME} or ${file:path}.'),
  })
  .describe('OAuth 2.0 client credentials flow; the app runs as its configured integration user.');

const jwtBearerAuth = z
  .strictObject({
    method: z.literal('jwt-bearer'),
    loginUrl: httpsOrigin('login host', 'https://login.salesforce.com').describe('Token endpoint origin: https://login.salesforce.com, https://test.salesforce.com or the My Domain URL.'),
    clientId: z.string().min(1).describe('Consumer key of the connected app (the JWT `iss`).'),
    username: z.string().min(1).describe('Username of the read-only integration user (the JWT `sub`).'),
    privateKey: z.string().min(1).describe('PEM private key whose certificate is uploaded to the app; use ${file:path} or ${env:NAME}.'),
    audience: z.string().url().optional().describe('JWT `aud`; default loginUrl. Salesforce expects https://login.salesforce.com (production) or https://test.salesforce.com (sandbox).'),
  })
  .describe('OAuth 2.0 JWT bearer flow, signed with the app certificate key (RS256, exp 3 minutes).');

const consentField = z.union([
  apiName,
  z.strictObject({ field: apiName, meaning: z.enum(['opt-in', 'opt-out']) }),
]);

export const CUSTOMER_OBJECTS = ['Contact', 'Lead', 'Account'] as const;
export type CustomerObject = (typeof CUSTOMER_OBJECTS)[number];

export const salesforceTargetSchema = z
  .strictObject({
    ...targetBaseShape,
    type: z.literal('salesforce'),
    auth: z.discriminatedUnion('method', [accessTokenAuth, clientCredentialsAuth, jwtBearerAuth]),
    apiVersion: z
      .string()
      .regex(/^\d{2,3}\.0$/, { message: 'must be a REST API version such as 62.0' })
      .optional()
      .describe('REST API version (default 62.0; 47.0 or later is needed for Bulk API 2.0 queries).'),
    customerObjects: z
      .array(z.enum(CUSTOMER_OBJECTS))
      .min(1)
      .optional()
      .describe("Objects whose records are customers (default ['Contact']). 'Lead' also reads leads; 'Account' marks person accounts as customers (their records are read through Contact)."),
    linkField: apiName.optional().describe('API name of the field holding the identity-store key (e.g. IdP_Subject__c); detected when absent.'),
    consentFields: z
      .array(consentField)
      .optional()
      .describe('Extra checkbox fields holding marketing consent, read with each record: a name (meaning taken from it) or {field, meaning}.'),
    bulkThreshold: z.number().int().min(0).optional().describe('Above this many records an object is read with Bulk API 2.0 instead of REST query paging (default 50000).'),
    bulkPollTimeoutMs: z.number().int().min(1000).max(3_600_000).optional().describe('How long to wait for a Bulk API 2.0 query job to complete (default 600000).'),
    maxDailyApiShare: z
      .number()
      .gt(0)
      .max(1)
      .optional()
      .describe("Refuse a full read estimated to need more than this share of the org's remaining daily API requests (default 0.1)."),
    profiles: profileOptionsSchema.optional(),
  })
  .describe('A Salesforce org (Contacts, Leads, person accounts), read with a read-only integration user (T2).');

export type SalesforceTargetConfig = z.infer<typeof salesforceTargetSchema>;
export type SalesforceAuthConfig = SalesforceTargetConfig['auth'];

export const DEFAULT_API_VERSION = '62.0';
export const DEFAULT_BULK_THRESHOLD = 50_000;
export const DEFAULT_BULK_POLL_TIMEOUT_MS = 600_000;
export const DEFAULT_MAX_DAILY_API_SHARE = 0.1;
