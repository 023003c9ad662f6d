import { isSupportedCountry } from 'libphonenumber-js/max';
import { z } from 'zod';
import type { AnyConnector, BaseTargetConfig } from '../connector.js';
import { SEVERITIES } from '../model/outcome.js';
import { limitsSchema, type LimitsConfig } from './target-base.js';

export const ruleSettingSchema = z.strictObject({
  enabled: z.boolean().optional().describe('false switches the rule off.'),
  severity: z.enum(SEVERITIES).optional().describe('Overrides the rule severity.'),
  options: z.record(z.string(), z.unknown()).optional().describe("The rule's options (see `ciamscan rules --format json`)."),
});

export const identitySchema = z.strictObject({
  defaultRegion: z
    .string()
    .regex(/^[A-Za-z]{2}$/, { message: 'must be a two-letter ISO 3166 country code, e.g. GB' })
    // A code of the right shape that libphonenumber does not know would make every national number invalid, silently.
    .refine((code) => !/^[A-Za-z]{2}$/.test(code) || isSupportedCountry(code.toUpperCase()), { message: 'is not a country whose phone numbering libphonenumber knows (ISO 3166 alpha-2, e.g. GB)' })
    .optional()
    .describe('Country of phone numbers written without a country code (ISO 3166 alpha-2).'),
  threshold: z.number().min(0.5).max(0.9999).optional().describe('Match probability a pair needs to be linked (default 0.95).'),
  maxClusters: z.number().int().min(0).max(100_000).optional().describe('Clusters listed in the report (default 200, largest first).'),
  reveal: z.boolean().optional().describe('Show real email addresses of cluster members instead of masked examples. Off by default: reports then hold personal data.'),
});

/**
 * The one strict schema of the config file, assembled from the connectors' target schemas so that
 * a new connector brings its own keys. The JSON Schema in schema/config.schema.json is generated from it.
 */
export function buildConfigSchema(connectors: readonly AnyConnector[]): z.ZodType<CiamscanConfig> {
  const targetSchemas = connectors.map((c) => c.configSchema) as unknown as [z.ZodObject, ...z.ZodObject[]];
  const types = connectors.map((c) => c.id);
  const target = z.discriminatedUnion('type', targetSchemas, {
    error: (issue) =>
      issue.code === 'invalid_union' ? `unknown or missing target type — fix: set type to one of ${types.join(', ')}` : undefined,
  });
  return z
    .strictObject({
      version: z.literal(1).optional().describe('Config format version.'),
      profile: z.enum(['default', 'fapi2']).optional().describe('fapi2 judges against FAPI 2.0 (PAR, iss, asymmetric client auth required).'),
      contact: z.string().min(3).optional().describe('Contact address appended to the User-Agent of every target.'),
      defaults: z.strictObject({ limits: limitsSchema.optional() }).optional().describe('Limits applied to every target before its own.'),
      rules: z.record(z.string(), ruleSettingSchema).optional().describe('Per-rule settings keyed by rule id.'),
      history: z.strictObject({ dir: z.string().min(1) }).optional().describe('Directory where reports are stored for history and diffs.'),
      identity: identitySchema.optional().describe('Identity resolution across stores and CRMs.'),
      targets: z.array(target).min(1, { message: 'at least one target is needed' }),
    })
    .superRefine((config, ctx) => {
      const seen = new Map<string, number>();
      config.targets.forEach((t, i) => {
        const id = (t as { id: string }).id;
        const first = seen.get(id);
        if (first !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['targets', i, 'id'],
            message: `duplicate target id "${id}" (also targets[${first}].id) — fix: give each target a unique id`,
          });
        } else seen.set(id, i);
      });
    }) as unknown as z.ZodType<CiamscanConfig>;
}

/** The validated config. Targets are typed by their connector's schema; the engine sees their common keys. */
export interface CiamscanConfig {
  version?: 1;
  profile?: 'default' | 'fapi2';
  contact?: string;
  defaults?: { limits?: LimitsConfig };
  rules?: Record<string, z.infer<typeof ruleSettingSchema>>;
  history?: { dir: string };
  identity?: z.infer<typeof identitySchema>;
  targets: BaseTargetConfig[];
}
