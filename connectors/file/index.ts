import type { Connector } from '../../src/connector.js';
import { collectFile } from './collect.js';
import { fileTargetSchema, type FileTargetConfig } from './config.js';

/**
 * CSV and JSON Lines exports of users (an identity store) or contacts (a CRM), for consultants who
 * are handed exports instead of API access. Reads a local file, streaming; no network at all.
 */
export const fileConnector: Connector<FileTargetConfig> = {
  id: 'file',
  title: 'CSV / JSON Lines export of users or contacts',
  kind: 'identity-store',
  // A `records: contacts` file is a CRM export.
  kindOf: (config) => (config.records === 'contacts' ? 'crm' : 'identity-store'),
  configSchema: fileTargetSchema,
  requiredPermissions: [
    {
      tier: 'T2',
      permission: 'read access to the export file (handed over by the operator)',
      purpose: 'customer profiles for the identity analysis and user counts; the file is read locally, nothing is contacted',
    },
  ],
  // No HTTP at all: there is no vendor rate limit to respect. Nothing is left to tune.
  defaultLimits: {},
  allowedPosts: [],
  secretKeys: [],
  namedHosts: () => [],
  location: (config) => config.path,
  collect: (config, ctx) => collectFile(config, ctx),
};
