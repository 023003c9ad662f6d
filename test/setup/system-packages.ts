import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Vitest global setup: the suites run real programs (Debian's Chromium for the HTML report). On a
 * fresh Debian machine they are installed here when missing, so `npm test` works as the README
 * says; elsewhere the setup stops with a one-line instruction instead of skipping tests silently.
 */
const PACKAGES: Array<{ name: string; path: string; purpose: string }> = [
  { name: 'chromium', path: '/usr/bin/chromium', purpose: 'the HTML report test' },
  // OpenLDAP's server and slapadd (src/demo/ldap-server.ts): the LDAP connector's suites run a real directory.
  { name: 'slapd', path: '/usr/sbin/slapd', purpose: 'the LDAP connector tests' },
];

function canInstall(): boolean {
  return process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}

export function setup(): void {
  const missing = PACKAGES.filter((p) => !existsSync(p.path));
  if (missing.length === 0) return;
  const names = missing.map((p) => p.name);
  if (!canInstall()) {
    throw new Error(`missing ${names.join(', ')} (needed by ${missing.map((p) => p.purpose).join(', ')}) — fix: sudo apt-get install -y ${names.join(' ')}`);
  }
  process.stderr.write(`Installing Debian packages for the test suites: ${names.join(', ')} ...\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { stdio: 'inherit', env });
}
