import type { Command } from 'commander';
import { CONNECTORS, connectorFor } from '../../../connectors/index.js';
import { offlineOidcCollection, offlineOidcSnapshot } from '../../../connectors/oidc/offline.js';
import { RULES } from '../../../rules/index.js';
import { validateConfig } from '../../config/load.js';
import { ConfigError } from '../../model/errors.js';
import type { PlannedTarget } from '../../scan.js';
import { executeScan } from '../execute.js';
import type { CliIo } from '../io.js';
import { addCommonOptions, collect, outputPlan, type CommonOptions } from '../options.js';

interface OidcOptions extends CommonOptions {
  discoveryFile?: string;
  jwksFile?: string;
  issuer?: string;
  allowHost?: string[];
  activeProbes?: boolean;
  rps?: string;
  caFile?: string;
  tlsProbe?: boolean;
}

/** A target id from an issuer URL: host plus path, file-name safe, unique within the run. */
export function targetIdFor(issuer: string, taken: Set<string>): string {
  let base = 'oidc';
  try {
    const url = new URL(issuer);
    base = `${url.hostname}${url.port ? `-${url.port}` : ''}${url.pathname.replace(/\/+$/, '')}`.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'oidc';
  } catch {
    // validation reports the bad URL
  }
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

export function registerOidc(program: Command, io: CliIo): void {
  addCommonOptions(
    program
      .command('oidc')
      .description('outside-in scan of OAuth 2.0 / OpenID Connect authorization servers (no credentials), or of saved documents')
      .argument('[issuer...]', 'issuer URLs, exactly as clients configure them')
      .option('--discovery-file <file>', 'evaluate a saved discovery document instead of fetching (offline)')
      .option('--jwks-file <file>', 'with --discovery-file: the saved JWKS')
      .option('--issuer <url>', 'with --discovery-file: the issuer the document was fetched for (default: its own issuer)')
      .option('--allow-host <host>', 'an extra host name the scan may contact, e.g. a JWKS on a CDN (repeatable)', collect)
      .option('--active-probes', 'enable the single-request T1 probes of catalog §14.2 (introspection, redirect URI)')
      .option('--rps <n>', 'requests per second per issuer (default 1, catalog §14.1)')
      .option('--ca-file <file>', 'PEM file with extra trust anchors (private CA)')
      .option('--no-tls-probe', 'skip the TLS protocol-version handshakes'),
  ).action(async (issuers: string[], options: OidcOptions) => {
    const plan = outputPlan(options, { formatsWithOut: ['json', 'md', 'html'], formatWithoutOut: 'md' });
    const taken = new Set<string>();
    let targets: PlannedTarget[];
    if (options.discoveryFile) {
      if (issuers.length) throw new ConfigError(['--discovery-file evaluates one saved document: give the issuer with --issuer, not as an argument']);
      const input = {
        targetId: 'offline',
        discoveryFile: options.discoveryFile,
        ...(options.jwksFile ? { jwksFile: options.jwksFile } : {}),
        ...(options.issuer ? { issuer: options.issuer } : {}),
        ...(options.allowHost ? { allowHosts: options.allowHost } : {}),
      };
      // The id comes from the issuer (given, or the document's own), as for live scans.
      const issuer = offlineOidcCollection(input).configuredIssuer;
      const id = targetIdFor(issuer, taken);
      const snapshot = offlineOidcSnapshot({ ...input, targetId: id });
      targets = [{ kind: 'prepared', description: { id, type: 'oidc', location: `${issuer} (offline: ${options.discoveryFile})` }, snapshot }];
    } else {
      if (options.jwksFile || options.issuer) throw new ConfigError(['--jwks-file and --issuer only apply with --discovery-file']);
      if (!issuers.length) throw new ConfigError(['no issuer given — fix: ciamscan oidc https://login.example.com (or --discovery-file FILE)']);
      const rps = options.rps === undefined ? undefined : Number(options.rps);
      if (rps !== undefined && !(rps > 0 && rps <= 1000)) throw new ConfigError([`--rps: "${options.rps}" is not a number between 0 and 1000`]);
      const raw = {
        targets: issuers.map((issuer) => ({
          id: targetIdFor(issuer, taken),
          type: 'oidc',
          issuer,
          ...(options.allowHost ? { allowHosts: options.allowHost } : {}),
          ...(options.activeProbes ? { activeProbes: true } : {}),
          ...(options.tlsProbe === false ? { tlsProbe: false } : {}),
          ...(rps !== undefined ? { limits: { requestsPerSecond: rps, burst: Math.max(1, Math.floor(rps)) } } : {}),
          ...(options.caFile ? { tls: { caFile: options.caFile } } : {}),
        })),
      };
      const loaded = validateConfig(raw, { connectors: CONNECTORS, rules: RULES, env: io.env, baseDir: io.cwd, source: 'command line' });
      targets = loaded.config.targets.map((target) => ({ kind: 'live', target, connector: connectorFor(target.type)! }));
    }
    const { code } = await executeScan({ targets, config: {}, baseDir: io.cwd, secrets: [], plan, stdout: io.stdout, stderr: io.stderr, env: io.env });
    io.setExitCode(code);
  });
}
