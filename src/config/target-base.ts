import { z } from 'zod';

/** Target ids name targets in reports, history and diffs: short, stable, file-name safe. */
export const targetId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    message: 'must be 1–64 characters of letters, digits, ".", "_" or "-", starting with a letter or digit',
  });

/** Per-target limits; every key optional, the connector's safe defaults fill the rest. */
export const limitsSchema = z
  .strictObject({
    requestsPerSecond: z.number().positive().max(1000).optional(),
    burst: z.number().int().min(1).max(1000).optional(),
    concurrency: z.number().int().min(1).max(64).optional(),
    windows: z
      .array(z.strictObject({ requests: z.number().int().min(1), perMs: z.number().int().min(1) }))
      .optional(),
    connectTimeoutMs: z.number().int().min(100).max(120_000).optional(),
    timeoutMs: z.number().int().min(100).max(3_600_000).optional(),
    maxResponseBytes: z.number().int().min(1024).optional(),
    maxRetries: z.number().int().min(0).max(10).optional(),
    maxRetryWaitMs: z.number().int().min(0).max(3_600_000).optional(),
    maxRequestsPerHost: z.number().int().min(1).optional(),
  })
  .describe('Rate, concurrency, timeout and size limits for this target; unset keys take the connector defaults.');

export type LimitsConfig = z.infer<typeof limitsSchema>;

/** Keys every target has, whatever its type. */
export const targetBaseShape = {
  id: targetId.describe('Unique id of the target; names it in reports, history and diffs.'),
  name: z.string().min(1).optional().describe('Human-readable name for reports.'),
  limits: limitsSchema.optional(),
  tls: z
    .strictObject({
      caFile: z.string().min(1).describe('PEM file with extra trust anchors (private CA). Verification stays on.'),
    })
    .optional(),
  allowHosts: z
    .array(z.string().min(1))
    .optional()
    .describe('Extra host names this target may contact (e.g. a JWKS on a CDN host). Nothing else is contacted.'),
  contact: z.string().min(3).optional().describe('Contact address appended to the User-Agent (catalog §14.1).'),
};

const profileOptionsShape = {
  read: z.boolean().optional().describe('Read customer profiles for the identity analysis (default true). false: configuration only.'),
  maxRecords: z.number().int().min(1).optional().describe('Stop after this many profiles (the dataset is then reported as partial).'),
  pageSize: z.number().int().min(1).max(10_000).optional().describe("Records per page (bounded by the vendor's maximum)."),
};

const PROFILE_OPTIONS = 'Customer-profile reading. Profiles stay in memory; reports show only pseudonyms and counts.';

/** Options of connectors that read customer profiles (CRMs, the file connector: they map consent their own way). */
export const profileOptionsSchema = z.strictObject(profileOptionsShape).describe(PROFILE_OPTIONS);

export type ProfileOptions = z.infer<typeof profileOptionsSchema>;

/** Values meaning "opted in" / "opted out" when the operator names none (compared trimmed and case-insensitively). */
export const DEFAULT_CONSENT_OPTED_IN = ['true', 'yes', 'y', '1', 'opted_in', 'opted-in', 'subscribed', 'granted'] as const;
export const DEFAULT_CONSENT_OPTED_OUT = ['false', 'no', 'n', '0', 'opted_out', 'opted-out', 'unsubscribed', 'withdrawn', 'denied'] as const;

const consentValues = z.array(z.string().trim().min(1)).min(1);

/**
 * Where an identity store keeps marketing consent. `path` is the connector's own syntax for naming
 * a value (a Keycloak attribute, an Auth0 dotted path, an Okta profile property, a SCIM attribute
 * path, an LDAP attribute), with its checks and its description.
 */
export function consentOptionsSchema(path: z.ZodString, example: string) {
  return z
    .strictObject({
      attribute: path.describe(`Where the marketing-consent value is: ${path.description ?? 'the attribute'}, e.g. ${example}.`),
      optedIn: consentValues
        .optional()
        .describe(`Values meaning opted in, compared case-insensitively after trimming; booleans and numbers count as their text (default ${DEFAULT_CONSENT_OPTED_IN.join(', ')}).`),
      optedOut: consentValues.optional().describe(`Values meaning opted out (default ${DEFAULT_CONSENT_OPTED_OUT.join(', ')}). A value in neither list leaves consent unknown.`),
      updatedAt: path
        .optional()
        .describe('Where the time of the consent decision is (same syntax as attribute): ISO 8601 or epoch seconds/milliseconds; a value that is not a date is dropped and counted.'),
    })
    .superRefine((consent, ctx) => {
      const optedIn = new Set((consent.optedIn ?? DEFAULT_CONSENT_OPTED_IN).map((v) => v.trim().toLowerCase()));
      const both = (consent.optedOut ?? DEFAULT_CONSENT_OPTED_OUT).filter((v) => optedIn.has(v.trim().toLowerCase()));
      if (both.length === 0) return;
      const quoted = both.map((v) => `"${v.trim()}"`).join(', ');
      const are = both.length > 1 ? 'are' : 'is';
      const [key, message]: [string, string] =
        consent.optedIn === undefined
          ? ['optedOut', `${quoted} ${are} also in the default optedIn list — fix: set optedIn as well, so that no value means both`]
          : consent.optedOut === undefined
            ? ['optedIn', `${quoted} ${are} also in the default optedOut list — fix: set optedOut as well, so that no value means both`]
            : ['optedOut', `${quoted} ${are} in both optedIn and optedOut — fix: keep each value in one list only`];
      ctx.addIssue({ code: 'custom', path: [key], message });
    })
    .describe('Marketing consent (Profile.consent): where it is stored and which values mean opted in or out. Unset: consent stays unknown.');
}

export type ConsentOptions = z.infer<ReturnType<typeof consentOptionsSchema>>;

/** Profile options of the identity-store connectors: the common ones plus where marketing consent is kept. */
export function identityProfileOptionsSchema(path: z.ZodString, example: string) {
  return z.strictObject({ ...profileOptionsShape, consent: consentOptionsSchema(path, example).optional() }).describe(PROFILE_OPTIONS);
}

export type IdentityProfileOptions = ProfileOptions & { consent?: ConsentOptions };
