/**
 * A real OpenLDAP slapd for the LDAP connector's tests, the demo and the benchmark. It runs as a
 * child process on 127.0.0.1 with its configuration, database and certificates in a temp
 * directory that close() removes. Entries are loaded with slapadd BEFORE slapd starts (offline
 * bulk load: far faster than LDAP adds for thousands of entries).
 *
 * Access control mirrors what an operator would set up for the scanner (connectors/ldap/README.md):
 * a read-only scanner DN without size or time limits, nobody else reads anything, the root DSE is
 * readable anonymously (RFC 4512 §5.1).
 *
 * Debian's slapd is needed (`apt-get install slapd`); the module path and schema files are the
 * Debian ones. OpenLDAP 2.5+ builds the ppolicy schema into its overlay module; 2.4 ships it as a
 * schema file, which is included when present.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SLAPD_PATH = '/usr/sbin/slapd';
export const SLAPADD_PATH = '/usr/sbin/slapadd';
const SCHEMA_DIR = '/etc/ldap/schema';
const MODULE_DIR = '/usr/lib/ldap';

/** One LDIF entry: a DN and its attributes (a value or several). */
export interface LdifEntry {
  dn: string;
  attributes: Record<string, string | string[]>;
}

export interface SlapdOptions {
  /** Naming context of the one database (default dc=example,dc=com). */
  suffix?: string;
  /** Entries below the suffix (the suffix entry and the scanner entry are added by the harness). */
  entries?: LdifEntry[] | string;
  /** An LDIF file to load instead of `entries` (the benchmark streams millions of entries into one). */
  ldifFile?: string;
  /** Serve ldaps:// on a second port and offer StartTLS on the plain port. */
  tls?: { certPem: string; keyPem: string; caPem: string };
  port?: number;
  ldapsPort?: number;
  /** The read-only bind DN the scanner uses (default cn=scanner,<suffix>, random password). */
  scanner?: { dn?: string; password?: string };
  /** Extra bind identities: each gets an entry with the password (and no access unless granted below). */
  accounts?: Array<{ dn: string; password: string }>;
  /** DNs (besides the scanner) that may read the whole database, like the scanner. */
  readers?: string[];
  /** `access to ...` lines for the root DSE and cn=Subschema (frontend), placed before the defaults. */
  frontendAccess?: string[];
  /** `access to ...` lines for the database, placed before the defaults. */
  databaseAccess?: string[];
  /** Extra `limits ...` lines for the database (e.g. a small size limit for one DN). */
  limits?: string[];
  /** DN of the default password policy (ppolicy overlay); the policy entry must be among the entries. */
  passwordPolicyDn?: string;
  /** mdb map size (default 4 GiB; the file grows only as needed). */
  maxSizeBytes?: number;
}

export interface SlapdServer {
  /** ldap://127.0.0.1:port */
  url: string;
  ldapsUrl?: string;
  suffix: string;
  bindDn: string;
  bindPassword: string;
  /** The rootdn, for setup only; a test that scans must use bindDn. */
  adminDn: string;
  adminPassword: string;
  /** Milliseconds slapadd took to load the entries. */
  loadMs: number;
  close(): Promise<void>;
}

export class SlapdNotInstalledError extends Error {
  constructor() {
    super(`slapd is not installed (${SLAPD_PATH} missing) — fix: install Debian's slapd: apt-get install slapd`);
    this.name = 'SlapdNotInstalledError';
  }
}

/** Start slapd with the given entries; resolves once the port accepts connections. */
export async function startSlapd(options: SlapdOptions = {}): Promise<SlapdServer> {
  if (!existsSync(SLAPD_PATH) || !existsSync(SLAPADD_PATH)) throw new SlapdNotInstalledError();
  const suffix = options.suffix ?? 'dc=example,dc=com';
  const dir = mkdtempSync(join(tmpdir(), 'ciamscan-slapd-'));
  try {
    const layout = writeLayout(dir, suffix, options);
    const started = Date.now();
    await run(SLAPADD_PATH, ['-q', '-f', layout.conf, '-l', layout.baseLdif]);
    await run(SLAPADD_PATH, ['-q', '-f', layout.conf, '-l', options.ldifFile ?? layout.entriesLdif]);
    const loadMs = Date.now() - started;
    const port = options.port ?? (await freePort());
    const ldapsPort = options.tls ? (options.ldapsPort ?? (await freePort())) : undefined;
    const urls = [`ldap://127.0.0.1:${port}/`, ...(ldapsPort ? [`ldaps://127.0.0.1:${ldapsPort}/`] : [])];
    const child = spawn(SLAPD_PATH, ['-f', layout.conf, '-h', urls.join(' '), '-d', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    track(child);
    const stderr: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
    await waitForPort(port, child, stderr);
    if (ldapsPort) await waitForPort(ldapsPort, child, stderr);
    const server: SlapdServer = {
      url: `ldap://127.0.0.1:${port}`,
      suffix,
      bindDn: layout.scanner.dn,
      bindPassword: layout.scanner.password,
      adminDn: layout.admin.dn,
      adminPassword: layout.admin.password,
      loadMs,
      close: () => stop(child, dir),
    };
    if (ldapsPort) server.ldapsUrl = `ldaps://127.0.0.1:${ldapsPort}`;
    return server;
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

interface Layout {
  conf: string;
  baseLdif: string;
  entriesLdif: string;
  scanner: { dn: string; password: string };
  admin: { dn: string; password: string };
}

function writeLayout(dir: string, suffix: string, options: SlapdOptions): Layout {
  const scanner = { dn: options.scanner?.dn ?? `cn=scanner,${suffix}`, password: options.scanner?.password ?? randomBytes(12).toString('hex') };
  const admin = { dn: `cn=admin,${suffix}`, password: randomBytes(12).toString('hex') };
  mkdirSync(join(dir, 'db'));
  let tlsFiles: { ca: string; cert: string; key: string } | undefined;
  if (options.tls) {
    tlsFiles = { ca: join(dir, 'ca.pem'), cert: join(dir, 'server.pem'), key: join(dir, 'server.key') };
    writeFileSync(tlsFiles.ca, options.tls.caPem);
    writeFileSync(tlsFiles.cert, options.tls.certPem);
    writeFileSync(tlsFiles.key, options.tls.keyPem, { mode: 0o600 });
  }
  const conf = join(dir, 'slapd.conf');
  writeFileSync(conf, slapdConf({ dir, suffix, scanner: scanner.dn, admin, options, tlsFiles }));
  const baseLdif = join(dir, 'base.ldif');
  const accounts = [scanner, ...(options.accounts ?? [])];
  writeFileSync(baseLdif, toLdif([suffixEntry(suffix), ...accounts.map(accountEntry)]));
  const entriesLdif = join(dir, 'entries.ldif');
  const entries = options.entries ?? [];
  writeFileSync(entriesLdif, typeof entries === 'string' ? entries : toLdif(entries));
  return { conf, baseLdif, entriesLdif, scanner, admin };
}

interface ConfInput {
  dir: string;
  suffix: string;
  scanner: string;
  admin: { dn: string; password: string };
  options: SlapdOptions;
  tlsFiles: { ca: string; cert: string; key: string } | undefined;
}

function slapdConf({ dir, suffix, scanner, admin, options, tlsFiles }: ConfInput): string {
  const schemas = ['core', 'cosine', 'inetorgperson', 'nis', 'ppolicy'].map((s) => join(SCHEMA_DIR, `${s}.schema`)).filter((f) => existsSync(f));
  const ppolicyModule = existsSync(join(MODULE_DIR, 'ppolicy.la')) || existsSync(join(MODULE_DIR, 'ppolicy.so'));
  const lines = [
    ...schemas.map((s) => `include ${s}`),
    `modulepath ${MODULE_DIR}`,
    'moduleload back_mdb',
    // Loaded even without the overlay: OpenLDAP 2.5 registers pwdAccountLockedTime and pwdPolicy here.
    ...(ppolicyModule ? ['moduleload ppolicy'] : []),
    `pidfile ${join(dir, 'slapd.pid')}`,
    `argsfile ${join(dir, 'slapd.args')}`,
    ...(tlsFiles ? [`TLSCACertificateFile ${tlsFiles.ca}`, `TLSCertificateFile ${tlsFiles.cert}`, `TLSCertificateKeyFile ${tlsFiles.key}`] : []),
    ...(options.frontendAccess ?? []),
    'access to dn.base="" by * read',
    'access to dn.base="cn=Subschema" by * read',
    'database mdb',
    `maxsize ${options.maxSizeBytes ?? 4 * 1024 ** 3}`,
    `suffix "${suffix}"`,
    `rootdn "${admin.dn}"`,
    `rootpw ${admin.password}`,
    `directory ${join(dir, 'db')}`,
    'index objectClass eq',
    'index uid eq',
    'index entryUUID eq',
    // The scanner reads everything it is asked for, without the default 500-entry size limit.
    `limits dn.exact="${scanner}" size=unlimited time=unlimited`,
    ...(options.limits ?? []),
    ...(options.databaseAccess ?? []),
    'access to attrs=userPassword by anonymous auth by * none',
    `access to * ${[scanner, ...(options.readers ?? [])].map((dn) => `by dn.exact="${dn}" read`).join(' ')} by anonymous auth by * none`,
    ...(options.passwordPolicyDn ? ['overlay ppolicy', `ppolicy_default "${options.passwordPolicyDn}"`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

function suffixEntry(suffix: string): LdifEntry {
  const [rdn = ''] = suffix.split(',');
  const [type = '', value = ''] = rdn.split('=');
  switch (type.trim().toLowerCase()) {
    case 'dc':
      return { dn: suffix, attributes: { objectClass: ['dcObject', 'organization'], dc: value, o: value } };
    case 'o':
      return { dn: suffix, attributes: { objectClass: 'organization', o: value } };
    default:
      return { dn: suffix, attributes: { objectClass: 'organizationalUnit', ou: value } };
  }
}

function accountEntry(account: { dn: string; password: string }): LdifEntry {
  const cn = /^cn=([^,]+)/i.exec(account.dn)?.[1] ?? 'account';
  return { dn: account.dn, attributes: { objectClass: ['organizationalRole', 'simpleSecurityObject'], cn, userPassword: account.password } };
}

/**
 * Entries as LDIF (RFC 2849). Values that are not SAFE-STRINGs (leading space, colon or "<",
 * trailing space, non-ASCII or control characters) are written base64-encoded with "::".
 */
export function toLdif(entries: readonly LdifEntry[]): string {
  return entries.map(entryLdif).join('');
}

export function entryLdif(entry: LdifEntry): string {
  const lines = [ldifLine('dn', entry.dn)];
  for (const [name, value] of Object.entries(entry.attributes)) {
    for (const v of Array.isArray(value) ? value : [value]) lines.push(ldifLine(name, v));
  }
  return `${lines.join('\n')}\n\n`;
}

function ldifLine(name: string, value: string): string {
  // eslint-disable-next-line no-control-regex
  const unsafe = /^[ :<]|[^\x01-\x09\x0b-\x0c\x0e-\x7f]| $/.test(value);
  return unsafe ? `${name}:: ${Buffer.from(value, 'utf8').toString('base64')}` : `${name}: ${value}`;
}

function run(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { maxBuffer: 16 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`${file} failed: ${firstLines(stderr || err.message)}`));
      else resolve();
    });
  });
}

function firstLines(text: string): string {
  return text.split('\n').filter((l) => l.trim()).slice(0, 3).join(' | ');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Poll until slapd accepts connections on the port, or fail with its stderr when it exits. */
async function waitForPort(port: number, child: ChildProcess, stderr: string[], timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`slapd exited (${child.exitCode ?? child.signalCode}) before listening: ${firstLines(stderr.join(''))}`);
    }
    if (await accepts(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`slapd did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** slapd does not die with its parent: a test run that crashes must not leave directories running. */
const running = new Set<ChildProcess>();
let exitHook = false;

function track(child: ChildProcess): void {
  if (!exitHook) {
    process.once('exit', killAll);
    exitHook = true;
  }
  running.add(child);
  child.once('exit', () => running.delete(child));
}

function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
}

async function stop(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(dir, { recursive: true, force: true });
}
