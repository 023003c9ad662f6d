/**
 * A directory of N synthetic customers for the LDAP benchmark (1M entries) and the connector's
 * tests: the LDIF is streamed to a file (never held in memory), bulk-loaded with slapadd, and
 * served by a real slapd (src/demo/ldap-server.ts). Every value is invented and deterministic:
 * customer i always looks the same.
 *
 * Mix: every 10th customer is locked (ppolicy pwdAccountLockedTime), every 7th has a second email,
 * every 13th has no email at all, every 3rd a phone number.
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entryLdif, startSlapd, type LdifEntry, type SlapdOptions } from '../../src/demo/ldap-server.js';

export const BENCH_SUFFIX = 'dc=example,dc=com';
export const BENCH_BASE_DN = `ou=customers,${BENCH_SUFFIX}`;

const GIVEN = ['Avery', 'Blake', 'Casey', 'Devon', 'Emery', 'Finley', 'Harper', 'Jordan', 'Kai', 'Logan', 'Morgan', 'Quinn', 'Riley', 'Rowan', 'Sage', 'Taylor'];
const FAMILY = ['Example', 'Sample', 'Tester', 'Demo', 'Fictive', 'Placeholder'];
const EPOCH = Date.UTC(2019, 0, 1);

export const isLockedCustomer = (i: number): boolean => i % 10 === 0;
export const hasSecondEmail = (i: number): boolean => i % 7 === 0 && i % 13 !== 0;
export const hasNoEmail = (i: number): boolean => i % 13 === 0;
export const hasPhone = (i: number): boolean => i % 3 === 0;

/** A deterministic UUID for customer i (RFC 4122 version-4 layout, so it passes entryUUID syntax). */
export function customerUuid(i: number): string {
  return `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
}

export function generalizedTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** Customer i (1-based) below `baseDn`, with the operational attributes slapadd accepts as given. */
export function syntheticCustomer(i: number, baseDn = BENCH_BASE_DN): LdifEntry {
  const given = GIVEN[i % GIVEN.length] ?? 'Avery';
  const family = FAMILY[i % FAMILY.length] ?? 'Example';
  const uid = `c${String(i).padStart(7, '0')}`;
  const created = EPOCH + i * 3_600_000;
  const attributes: LdifEntry['attributes'] = {
    objectClass: 'inetOrgPerson',
    uid,
    cn: `${given} ${family}`,
    sn: family,
    givenName: given,
    entryUUID: customerUuid(i),
    createTimestamp: generalizedTime(created),
    modifyTimestamp: generalizedTime(created + 30 * 86_400_000),
  };
  if (!hasNoEmail(i)) attributes.mail = hasSecondEmail(i) ? [`customer${i}@example.com`, `c${i}.alt@example.net`] : `customer${i}@example.com`;
  if (hasPhone(i)) attributes.telephoneNumber = `+1 555 01${String(i % 100).padStart(2, '0')}`;
  if (isLockedCustomer(i)) attributes.pwdAccountLockedTime = '20240101000000Z';
  return { dn: `uid=${uid},${baseDn}`, attributes };
}

/** The container entry of the customers. */
export function customersContainer(baseDn = BENCH_BASE_DN): LdifEntry {
  const ou = /^ou=([^,]+)/i.exec(baseDn)?.[1] ?? 'customers';
  return { dn: baseDn, attributes: { objectClass: 'organizationalUnit', ou } };
}

/** Stream the LDIF of the container and customers 1..n to `file`, honouring back-pressure. */
export async function writeCustomersLdif(file: string, n: number, baseDn = BENCH_BASE_DN): Promise<void> {
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(entryLdif(customersContainer(baseDn)));
  for (let i = 1; i <= n; i++) await write(entryLdif(syntheticCustomer(i, baseDn)));
  out.end();
  await once(out, 'finish');
}

export interface LdapBench {
  url: string;
  bindDn: string;
  bindPassword: string;
  baseDn: string;
  /** Milliseconds slapadd took to load the directory. */
  loadMs: number;
  /** Milliseconds it took to write the LDIF. */
  ldifMs: number;
  close(): Promise<void>;
}

/** slapd with `entries` synthetic customers below ou=customers,dc=example,dc=com. */
export async function startLdapBench(options: { entries: number } & Pick<SlapdOptions, 'port' | 'tls'>): Promise<LdapBench> {
  const dir = mkdtempSync(join(tmpdir(), 'ciamscan-ldap-bench-'));
  try {
    const file = join(dir, 'customers.ldif');
    const started = Date.now();
    await writeCustomersLdif(file, options.entries);
    const ldifMs = Date.now() - started;
    const server = await startSlapd({ suffix: BENCH_SUFFIX, ldifFile: file, ...(options.port ? { port: options.port } : {}), ...(options.tls ? { tls: options.tls } : {}) });
    // slapd has its own copy in its database now; the LDIF can go.
    rmSync(dir, { recursive: true, force: true });
    return {
      url: server.url,
      bindDn: server.bindDn,
      bindPassword: server.bindPassword,
      baseDn: BENCH_BASE_DN,
      loadMs: server.loadMs,
      ldifMs,
      close: () => server.close(),
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
