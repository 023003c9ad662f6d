/**
 * The demo's servers, run in their own process: the scanned systems are separate programs, as in
 * reality, and their console output (oidc-provider prints notices) can never mix with a report
 * written to stdout. The parent reads one line starting with READY_MARKER.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAuthorizationServer } from './authorization-server.js';
import { createCertificateAuthority, issueServerCertificate } from './certificates.js';

export const READY_MARKER = 'CIAMSCAN-DEMO-READY ';

export interface DemoServersReady {
  caFile: string;
  authorizationServer: { issuer: string };
}

async function start(dir: string): Promise<void> {
  const ca = await createCertificateAuthority('ciamscan demo CA');
  const caFile = join(dir, 'demo-ca.pem');
  writeFileSync(caFile, ca.certPem);
  const tls = await issueServerCertificate(ca, { hosts: ['127.0.0.1', 'localhost'] });
  // Typical and imperfect: PKCE only for public clients, PAR optional, no HSTS or anti-framing
  // headers, open dynamic registration, HS256 ID tokens and front-channel tokens still enabled,
  // no back-channel logout, no sender-constrained tokens.
  const op = await startAuthorizationServer({
    tls,
    issuerPath: '/realms/customers',
    pkce: 'public-only',
    par: 'on',
    weakAlgorithms: true,
    securityHeaders: false,
    openRegistration: true,
    backchannelLogout: false,
    dpop: false,
    deviceFlow: true,
    introspection: true,
  });
  const ready: DemoServersReady = { caFile, authorizationServer: { issuer: op.issuer } };
  process.stdout.write(`${READY_MARKER}${JSON.stringify(ready)}\n`);
  // Stop when the parent goes away (its end of the IPC-less pipe closes) or asks.
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
}

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: demo-servers <directory for the CA file>\n');
  process.exit(2);
}
start(dir).catch((err: unknown) => {
  process.stderr.write(`demo servers failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
