import { z } from 'zod';
import { profileOptionsSchema, targetBaseShape } from '../../src/config/target-base.js';

export const DEFAULT_BASE_PATH = 'https://api.hubapi.com';

const basePath = z
  .string()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        // An https origin (optionally with a path prefix, e.g. a reverse proxy); the token must never travel in clear text.
        return url.protocol === 'https:' && !url.search && !url.hash && !url.username && !url.password;
      } catch {
        return false;
      }
    },
    { message: 'must be an https URL without query, e.g. https://api.hubapi.com' },
  )
  .describe('HubSpot API base URL (default https://api.hubapi.com; EU accounts use the same host). Override only for a proxy or a simulator.');

const propertyName = z
  .string()
  .regex(/^[A-Za-z0-9_]{1,100}$/, { message: 'must be a HubSpot property internal name (letters, digits, "_")' });

/** Which contact properties hold what; every key is optional and defaults to HubSpot's standard property. */
const propertiesSchema = z
  .strictObject({
    email: propertyName.optional().describe('Primary email (default email).'),
    additionalEmails: propertyName.optional().describe('Secondary emails, ";"-separated (default hs_additional_emails).'),
    phone: propertyName.optional().describe('Phone (default phone).'),
    mobile: propertyName.optional().describe('Mobile phone (default mobilephone).'),
    given: propertyName.optional().describe('First name (default firstname).'),
    family: propertyName.optional().describe('Last name (default lastname).'),
    lifecycle: propertyName.optional().describe('Lifecycle stage (default lifecyclestage).'),
    consent: propertyName.optional().describe('Marketing consent: an opt-out flag when the name says so (default hs_email_optout), otherwise an opt-in flag.'),
    created: propertyName.optional().describe('Creation time (default createdate).'),
    modified: propertyName.optional().describe('Last modification time (default lastmodifieddate).'),
  })
  .describe('Contact property names, when the account maps identity data to other properties than HubSpot\'s standard ones.');

export const hubspotTargetSchema = z
  .strictObject({
    ...targetBaseShape,
    type: z.literal('hubspot'),
    accessToken: z.string().min(1).describe('Private-app access token (pat-…); use ${env:NAME} or ${file:path}.'),
    basePath: basePath.optional(),
    tier: z
      .enum(['free', 'starter', 'professional', 'enterprise'])
      .optional()
      .describe("The account's subscription tier: sets the published daily limit (250,000 / 625,000 / 1,000,000) and tells whether 190 requests per 10 s are allowed."),
    dailyLimit: z.number().int().min(1).optional().describe("The account's daily request limit, when it differs from the tier's (API limit increase packs)."),
    dailyReserve: z
      .number()
      .min(0)
      .max(0.9)
      .optional()
      .describe("Share of the daily limit left to the account's other integrations: the scan stops (partial) when X-HubSpot-RateLimit-Daily-Remaining reaches it (default 0.1)."),
    linkProperty: propertyName.optional().describe('Contact property holding the identity-store key (e.g. idp_subject). Detected from unique properties when absent.'),
    properties: propertiesSchema.optional(),
    lifecycleStages: z
      .strictObject({
        customer: z.array(z.string().min(1)).min(1).optional().describe('Lifecycle-stage values meaning "customer" (default customer, evangelist).'),
        lead: z
          .array(z.string().min(1))
          .min(1)
          .optional()
          .describe('Lifecycle-stage values meaning "lead" (default subscriber, lead, marketingqualifiedlead, salesqualifiedlead, opportunity).'),
      })
      .optional()
      .describe('Which lifecycle-stage values count as customers and leads; any other non-empty value is "other".'),
    profiles: profileOptionsSchema.optional(),
  })
  .describe('A HubSpot account, read with a private-app token holding crm.objects.contacts.read and crm.schemas.contacts.read (T2).');

export type HubspotTargetConfig = z.infer<typeof hubspotTargetSchema>;

export const DEFAULT_DAILY_RESERVE = 0.1;

/** HubSpot's standard contact properties (Properties API, default contact properties). */
export const DEFAULT_PROPERTIES = {
  email: 'email',
  additionalEmails: 'hs_additional_emails',
  phone: 'phone',
  mobile: 'mobilephone',
  given: 'firstname',
  family: 'lastname',
  lifecycle: 'lifecyclestage',
  consent: 'hs_email_optout',
  created: 'createdate',
  modified: 'lastmodifieddate',
} as const;

export type PropertyRole = keyof typeof DEFAULT_PROPERTIES;
export type PropertyNames = Record<PropertyRole, string>;

/** HubSpot's default lifecycle stages (internal values), split into customer and lead stages; `other` is neither. */
export const DEFAULT_CUSTOMER_STAGES = ['customer', 'evangelist'];
export const DEFAULT_LEAD_STAGES = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity'];

export function propertyNames(config: HubspotTargetConfig): PropertyNames {
  return { ...DEFAULT_PROPERTIES, ...stripUndefined(config.properties ?? {}) };
}

export function basePathOf(config: HubspotTargetConfig): string {
  return (config.basePath ?? DEFAULT_BASE_PATH).replace(/\/+$/, '');
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
