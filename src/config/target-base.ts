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

/** Options of connectors that read customer profiles (identity stores and CRMs). */
export const profileOptionsSchema = z
  .strictObject({
    read: z.boolean().optional().describe('Read customer profiles for the identity analysis (default true). false: configuration only.'),
    maxRecords: z.number().int().min(1).optional().describe('Stop after this many profiles (the dataset is then reported as partial).'),
    pageSize: z.number().int().min(1).max(10_000).optional().describe("Records per page (bounded by the vendor's maximum)."),
  })
  .describe('Customer-profile reading. Profiles stay in memory; reports show only pseudonyms and counts.');

export type ProfileOptions = z.infer<typeof profileOptionsSchema>;
