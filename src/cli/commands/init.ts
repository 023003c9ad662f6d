import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ConfigError } from '../../model/errors.js';
import type { CliIo } from '../io.js';

/** The commented template `ciamscan init` writes; a test keeps it valid against the schema. */
export const CONFIG_TEMPLATE = `# ciamscan configuration. Validate and run with: npx ciamscan scan -c ciamscan.yaml
# Secrets are never written here: use \${env:NAME} or \${file:path} (relative to this file).
version: 1

# default | fapi2 (FAPI 2.0 makes PAR, the iss parameter and asymmetric client authentication mandatory)
profile: default

# Appended to the User-Agent so that the scanned party can reach you (catalog §14.1).
# contact: security@example.com

# Limits applied to every target before its own (each connector has safe defaults).
# defaults:
#   limits:
#     connectTimeoutMs: 5000
#     timeoutMs: 30000

# Per-rule settings: switch off, change severity, set options (see: npx ciamscan rules --format json).
# rules:
#   KEY-STRENGTH:
#     options:
#       policyRsaBits: 3072
#   FLOW-PAR:
#     enabled: false

# Keep every report here; KEY-ROTATION and \`ciamscan diff\` use the earlier ones.
# history:
#   dir: .ciamscan/history

targets:
  # An OAuth 2.0 / OpenID Connect authorization server, scanned from the outside (no credentials).
  - id: main-op
    type: oidc
    issuer: https://login.example.com
    # Extra hosts this target may contact (e.g. a JWKS served from a CDN). Nothing else is contacted.
    # allowHosts: [keys.example-cdn.com]
    # The single-request T1 probes of catalog §14.2 (introspection without credentials, redirect URI). Off by default.
    # activeProbes: false
    # Private CA for this target (TLS verification stays on).
    # tls:
    #   caFile: ./ca.pem
    # Catalog §14.1 defaults for unauthenticated probing: 1 request per second, at most 60 per host.
    # limits:
    #   requestsPerSecond: 1
    #   maxRequestsPerHost: 60
`;

export function registerInit(program: Command, io: CliIo): void {
  program
    .command('init')
    .description('write a commented config template')
    .argument('[file]', 'where to write it', 'ciamscan.yaml')
    .option('--force', 'overwrite an existing file')
    .action((file: string, options: { force?: boolean }) => {
      if (existsSync(file) && !options.force) throw new ConfigError([`${file}: already exists — fix: choose another name or add --force`]);
      writeFileSync(file, CONFIG_TEMPLATE);
      io.stderr(`Wrote ${file}. Edit the targets, then run: npx ciamscan scan -c ${file}`);
    });
}
