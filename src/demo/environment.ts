import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { DemoServersReady } from './demo-servers.js';

/** Kept in step with demo-servers.ts (not imported: importing it would start the servers here). */
const READY_MARKER = 'CIAMSCAN-DEMO-READY ';

/**
 * The built-in demo environment: real servers on 127.0.0.1 configured like a typical, imperfect
 * customer-identity deployment — a login (OpenID Provider), its account store (SCIM), a legacy
 * loyalty directory (LDAP), a sales CRM (Salesforce-shaped) and a marketing CRM (HubSpot-shaped) —
 * plus the config that scans them.
 */
export interface DemoEnvironment {
  /** A config object (validated like a file) whose targets are the demo's systems. */
  config: { profile: 'default'; targets: Array<Record<string, unknown>> };
  /** Environment variables the config's secret references resolve from (the demo's own credentials). */
  env: Record<string, string>;
  /** Systems that could not start (e.g. slapd not installed), with the reason. */
  skipped: string[];
  baseDir: string;
  systems: Array<{ id: string; description: string; location: string }>;
  close(): Promise<void>;
}

/** The compiled server script, whether this module runs from dist/ or from sources under vitest. */
function serverScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  if (here.split(/[\\/]/).includes('dist')) return join(here, 'demo-servers.js');
  return resolve(here, '../../dist/src/demo/demo-servers.js');
}

export async function startDemoEnvironment(options: { startTimeoutMs?: number } = {}): Promise<DemoEnvironment> {
  const dir = mkdtempSync(join(tmpdir(), 'ciamscan-demo-'));
  const child = spawn(process.execPath, [serverScript(), dir], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-2000);
  });
  const close = async () => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.stdin.end();
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ready = await waitForReady(child.stdout, () => stderr, options.startTimeoutMs ?? 60_000);
    // Local servers: the catalog's 1 request/second budget is for production systems.
    const fast = { requestsPerSecond: 100, burst: 20 };
    const targets: Array<Record<string, unknown>> = [
      {
        id: 'demo-op',
        type: 'oidc',
        name: 'Customer login (OpenID Provider)',
        issuer: ready.authorizationServer.issuer,
        product: 'oidc-provider',
        activeProbes: true,
        tls: { caFile: ready.caFile },
        limits: fast,
      },
      {
        id: 'customer-accounts',
        type: 'scim',
        name: 'Customer accounts (SCIM 2.0)',
        baseUrl: ready.scim.baseUrl,
        token: '${env:CIAMSCAN_DEMO_SCIM_TOKEN}',
        // Marketing consent lives in the account store's own User extension (src/demo/scim-server.ts).
        profiles: { consent: { attribute: `${ready.scim.marketingSchema}:marketingConsent`, updatedAt: `${ready.scim.marketingSchema}:marketingConsentUpdated` } },
        activeProbes: true,
        tls: { caFile: ready.caFile },
        limits: fast,
      },
    ];
    const env: Record<string, string> = { CIAMSCAN_DEMO_SCIM_TOKEN: ready.scim.token };
    const systems = [
      { id: 'demo-op', description: 'OpenID Provider (oidc-provider) over https with a private CA', location: ready.authorizationServer.issuer },
      { id: 'customer-accounts', description: `the provider's account store through SCIM 2.0 (${ready.scim.users} accounts)`, location: ready.scim.baseUrl },
    ];
    if (ready.ldap) {
      targets.push({
        id: 'loyalty-directory',
        type: 'ldap',
        name: 'Loyalty programme (legacy LDAP directory)',
        url: ready.ldap.url,
        startTls: true,
        bindDn: ready.ldap.bindDn,
        bindPassword: '${env:CIAMSCAN_DEMO_LDAP_PASSWORD}',
        baseDn: ready.ldap.baseDn,
        activeProbes: true,
        tls: { caFile: ready.caFile },
        limits: fast,
      });
      env.CIAMSCAN_DEMO_LDAP_PASSWORD = ready.ldap.bindPassword;
      systems.push({ id: 'loyalty-directory', description: `legacy loyalty directory, OpenLDAP slapd with StartTLS (${ready.ldap.entries} members)`, location: ready.ldap.url });
    }
    targets.push(
      {
        id: 'sales-crm',
        type: 'salesforce',
        name: 'Sales CRM (Salesforce org)',
        auth: {
          method: 'client-credentials',
          loginUrl: ready.crm.salesforce.loginUrl,
          clientId: ready.crm.salesforce.clientId,
          clientSecret: '${env:CIAMSCAN_DEMO_SALESFORCE_SECRET}',
        },
        customerObjects: ['Contact', 'Lead'],
        tls: { caFile: ready.caFile },
        limits: fast,
      },
      {
        id: 'marketing-crm',
        type: 'hubspot',
        name: 'Marketing CRM (HubSpot account)',
        accessToken: '${env:CIAMSCAN_DEMO_HUBSPOT_TOKEN}',
        basePath: ready.crm.hubspot.basePath,
        tier: 'starter',
        tls: { caFile: ready.caFile },
      },
    );
    env.CIAMSCAN_DEMO_SALESFORCE_SECRET = ready.crm.salesforce.clientSecret;
    env.CIAMSCAN_DEMO_HUBSPOT_TOKEN = ready.crm.hubspot.token;
    systems.push(
      {
        id: 'sales-crm',
        description: `Salesforce-shaped org (CRM simulator): ${ready.crm.salesforce.contacts} contacts, ${ready.crm.salesforce.leads} leads`,
        location: ready.crm.salesforce.loginUrl,
      },
      { id: 'marketing-crm', description: `HubSpot-shaped account (CRM simulator): ${ready.crm.hubspot.contacts} contacts`, location: ready.crm.hubspot.basePath },
    );
    return {
      config: { profile: 'default', targets },
      env,
      skipped: ready.ldapSkipped ? [`loyalty directory (LDAP): ${ready.ldapSkipped}`] : [],
      baseDir: dir,
      systems,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

function waitForReady(stdout: NodeJS.ReadableStream, stderr: () => string, timeoutMs: number): Promise<DemoServersReady> {
  return new Promise((resolvePromise, reject) => {
    const lines = createInterface({ input: stdout });
    const timer = setTimeout(() => {
      lines.close();
      reject(new Error(`the demo servers did not start within ${timeoutMs} ms: ${stderr().trim().split('\n').pop() ?? ''}`));
    }, timeoutMs);
    lines.on('line', (line) => {
      if (!line.startsWith(READY_MARKER)) return;
      clearTimeout(timer);
      lines.removeAllListeners('line');
      // Keep draining the child's stdout so its notices never block it.
      stdout.resume();
      resolvePromise(JSON.parse(line.slice(READY_MARKER.length)) as DemoServersReady);
    });
    lines.on('close', () => {
      clearTimeout(timer);
      reject(new Error(`the demo servers exited before they were ready: ${stderr().trim().split('\n').pop() ?? ''}`));
    });
  });
}
