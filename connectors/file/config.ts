import { z } from 'zod';
import { profileOptionsSchema, targetBaseShape } from '../../src/config/target-base.js';
import { CSV_WITH_JSONL, formatFromName, UNKNOWN_FORMAT } from './layout.js';
import { parsePath } from './paths.js';

/**
 * A mapping value names a CSV header exactly as written in the file, or, for JSON Lines, a small
 * dotted path into each object (`profile.email`, `identities[0].provider`, `identities[*].user_id`).
 * Path syntax is checked when the file's format is known (collect), since the same text is a valid
 * CSV header whatever it contains.
 */
const column = z.string().min(1).describe('A CSV header name (exact) or, for JSON Lines, a path such as profile.email or identities[0].provider.');
const columns = z.union([column, z.array(column)]).describe('One column/path or a list of them.');
const values = z.array(z.string()).min(1).describe('Cell values, compared case-insensitively after trimming.');

const linkSchema = z
  .strictObject({
    column: column.optional().describe('Where the linked key is (the upstream subject, external id or IAM key).'),
    kind: z.enum(['external-id', 'crm-key', 'federated-identity']).describe('What the link is: an external-id field, a CRM field holding an IAM key, or a federated identity.'),
    via: z.string().min(1).optional().describe('The provider or field name the link goes through (fixed for every row), e.g. auth0, google.'),
    viaColumn: column.optional().describe('Read the provider per row from this column/path instead (e.g. identities[*].provider); paired with `column` by position.'),
    skipVia: z.array(z.string().min(1)).optional().describe('Ignore links whose provider is one of these (e.g. auth0: the local database identity is not a federated one).'),
  })
  .superRefine((link, ctx) => {
    if ((link.via === undefined) === (link.viaColumn === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['via'], message: 'give exactly one of via and viaColumn — fix: via: <provider name> or viaColumn: <column holding it>' });
    }
    if (link.column === undefined && !(link.kind === 'federated-identity' && link.viaColumn !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['column'], message: 'required key is missing — fix: add column (only a federated identity read with viaColumn may omit it)' });
    }
  });

export const mappingSchema = z
  .strictObject({
    id: column.optional().describe('The record id (required; defaults to a usual id header such as id, user_id, Id, Record ID).'),
    emails: columns.optional().describe('Email columns, primary first.'),
    emailVerified: columns.optional().describe('Verified flags (true/false, yes/no, 1/0), by position with `emails`.'),
    phones: columns.optional(),
    given: column.optional(),
    family: column.optional(),
    fullName: column.optional(),
    status: z
      .strictObject({ column, disabled: values, active: values.optional() })
      .optional()
      .describe('disabled: values meaning disabled; any other value is active, unless `active` lists the active ones (then others are unknown).'),
    origin: z
      .strictObject({
        column,
        local: values.optional(),
        federated: values.optional(),
        otherwise: z.enum(['local', 'federated']).optional().describe('Origin when the value matches neither list (unknown when unset).'),
      })
      .optional()
      .describe('Whether the account is a local (password) one or a federated/social one.'),
    createdAt: column.optional(),
    updatedAt: column.optional(),
    lastLoginAt: column.optional(),
    consent: z
      .strictObject({ column, optedIn: values, optedOut: values.optional(), updatedAt: column.optional() })
      .optional()
      .describe('Marketing consent: optedIn values mean opted in; any other non-empty value is opted out, unless optedOut lists them.'),
    lifecycle: z
      .strictObject({ column, lead: values, customer: values })
      .optional()
      .describe('Lifecycle stage: values meaning lead or customer; any other non-empty value is "other".'),
    links: z.array(linkSchema).optional(),
    attributes: z.array(column).optional().describe('More identity attributes to count in filledAttributes (values are counted, never kept).'),
  })
  .describe('How the export\'s columns (CSV) or paths (JSON Lines) map onto a customer profile.');

export const csvOptionsSchema = z
  .strictObject({
    delimiter: z.string().min(1).max(4).optional().describe('Field delimiter (default "," or a tab for .tsv).'),
    quote: z.string().length(1).optional().describe('Quote character (default ").'),
    header: z.literal(true).optional().describe('The first row names the columns (required: mapping is by header name).'),
    encoding: z.enum(['utf-8', 'utf-16le', 'latin1', 'windows-1252']).optional().describe('Text encoding (default utf-8; a byte-order mark is removed).'),
  })
  .describe('CSV dialect.');

export const fileTargetSchema = z
  .strictObject({
    ...targetBaseShape,
    type: z.literal('file'),
    path: z.string().min(1).describe('The export file, relative to the config file. A .gz suffix means gzip-compressed.'),
    format: z.enum(['csv', 'jsonl']).optional().describe('Default from the extension: .csv/.tsv → csv; .jsonl/.ndjson/.json → jsonl (before any .gz).'),
    records: z.enum(['users', 'contacts']).describe('users: an identity store export; contacts: a CRM export.'),
    product: z.string().min(1).optional().describe('The system that produced the export (e.g. auth0, keycloak, salesforce, hubspot).'),
    csv: csvOptionsSchema.optional(),
    mapping: mappingSchema,
    defaultColumns: z
      .boolean()
      .optional()
      .describe('Fill unmapped fields from usual header names (id, email, first_name, ...); default true. false: read only what the mapping names.'),
    profiles: profileOptionsSchema.optional(),
  })
  .superRefine((target, ctx) => {
    // Checked when the config is loaded, so that every mistake is reported before anything is read.
    const format = target.format ?? formatFromName(target.path);
    if (!format) ctx.addIssue({ code: 'custom', path: ['format'], message: UNKNOWN_FORMAT(target.path) });
    if (format !== 'jsonl') return;
    if (target.csv) ctx.addIssue({ code: 'custom', path: ['csv'], message: CSV_WITH_JSONL });
    for (const [where, path] of mappingColumns(target.mapping)) {
      const parsed = parsePath(path);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', path: ['mapping', ...where], message: `${parsed.problem} in "${path}" — fix: write key.key, key[0].key or key[*].key` });
      }
    }
  })
  .describe('A CSV or JSON Lines export of users (identity store) or contacts (CRM), read from a local file. No network.');

export type FileTargetConfig = z.infer<typeof fileTargetSchema>;
export type MappingConfig = z.infer<typeof mappingSchema>;
export type LinkConfig = z.infer<typeof linkSchema>;
export type CsvOptions = z.infer<typeof csvOptionsSchema>;

/** Every column/path the mapping names, with where (the config path under `mapping`). */
export function mappingColumns(mapping: MappingConfig): Array<[Array<string | number>, string]> {
  const out: Array<[Array<string | number>, string]> = [];
  const add = (where: Array<string | number>, value: string | string[] | undefined) => {
    if (value === undefined) return;
    if (typeof value === 'string') out.push([where, value]);
    else value.forEach((v, i) => out.push([[...where, i], v]));
  };
  for (const key of ['id', 'emails', 'emailVerified', 'phones', 'given', 'family', 'fullName', 'createdAt', 'updatedAt', 'lastLoginAt', 'attributes'] as const) {
    add([key], mapping[key]);
  }
  for (const key of ['status', 'origin', 'consent', 'lifecycle'] as const) add([key, 'column'], mapping[key]?.column);
  add(['consent', 'updatedAt'], mapping.consent?.updatedAt);
  (mapping.links ?? []).forEach((link, i) => {
    add(['links', i, 'column'], link.column);
    add(['links', i, 'viaColumn'], link.viaColumn);
  });
  return out;
}
