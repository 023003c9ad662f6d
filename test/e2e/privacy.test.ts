/**
 * End-to-end privacy of the identity analysis: known, distinctive emails and phone numbers are
 * seeded into CSV exports (two identity stores and a CRM contacts file, through the `file`
 * connector), the BUILT CLI scans them into every report format, and no output file — nor stdout or
 * stderr — may contain any of them. The identity graph must still be built (clusters, overlaps,
 * masked examples), its pseudonyms stable under one key, and `identity.reveal: true` must really
 * show the addresses (so that the absence above is not an accident of the data).
 *
 * Run `npx tsc -p tsconfig.build.json` first when running this suite alone (`npm test` builds dist/).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../src/identity/normalize/email.js';
import { PhoneNormalizer } from '../../src/identity/normalize/phone.js';
import type { ScanReport } from '../../src/model/report.js';
import { expectNoCrash, removeTempDirs, runCli, tempDir, type CliRun } from './helpers.js';

afterAll(() => removeTempDirs());

const KEY = 'privacy-e2e-pseudonym-key-0001';
const FORMATS = ['report.html', 'report.json', 'report.md', 'report.sarif'];

/** Shop accounts (an identity store). */
const STORE_A = [
  ['id', 'email', 'first_name', 'last_name', 'phone'],
  ['a-1', 'Quentin.Zapata@gmail.com', 'Quentin', 'Zapata', '07911 123456'],
  ['a-2', 'ophelia.vanterpool@example.net', 'Ophelia', 'Vanterpool', '+44 20 7946 0321'],
  ['a-3', 'thaddeus.okonkwo@example.org', 'Thaddeus', 'Okonkwo', ''],
  ['a-5', 'b.ashdown@example.net', 'Bartholomew', 'Ashdown', '+1 415 201 0000'],
  ['a-6', 'imogen.falkenrath@example.net', 'Imogen', 'Falkenrath', ''],
];

/** App accounts (another identity store, no key of the first: a silo). */
const STORE_B = [
  ['id', 'email', 'first_name', 'last_name', 'phone'],
  ['b-1', 'quentinzapata@googlemail.com', 'Quentin', 'Zapata', '+447911123456'],
  ['b-2', 'OPHELIA.VANTERPOOL@EXAMPLE.NET', 'Ophelia', 'Vanterpool', '020 7946 0321'],
  ['b-4', 'marisol.quenby@example.com', 'Marisol', 'Quenby', '07912 345678'],
  ['b-7', 'cornelius.wyndham@example.com', 'Cornelius', 'Wyndham', '+33 6 12 34 56 78'],
];

/** CRM contacts: two hold the shop's user id. */
const CONTACTS = [
  ['Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Lifecycle Stage', 'shop_user_id'],
  ['c-1', 'Quentin', 'Zapata', 'quentin.zapata+crm@gmail.com', '07911-123-456', 'Customer', ''],
  ['c-3', 'Thaddeus', 'Okonkwo', 'thaddeus.okonkwo@example.org', '', 'Customer', 'a-3'],
  ['c-4', 'Marisol', 'Quenby', 'Marisol.Quenby@example.com', '0044 7912 345678', 'Lead', ''],
  ['c-6', 'Imogen', 'Falkenrath', 'ifalkenrath.work@corp.example.org', '', 'Customer', 'a-6'],
];

const FILES = { 'shop-users.csv': STORE_A, 'app-users.csv': STORE_B, 'crm-contacts.csv': CONTACTS };

const column = (rows: string[][], name: string): string[] => {
  const i = rows[0]?.indexOf(name) ?? -1;
  return rows.slice(1).map((r) => r[i] ?? '').filter(Boolean);
};
const SEEDED_EMAILS = [...column(STORE_A, 'email'), ...column(STORE_B, 'email'), ...column(CONTACTS, 'Email')];
const SEEDED_PHONES = [...column(STORE_A, 'phone'), ...column(STORE_B, 'phone'), ...column(CONTACTS, 'Phone Number')];
const E164 = ['+447911123456', '+442079460321', '+14152010000', '+447912345678', '+33612345678'];

/** Every form a seeded value could leak in: as written and lower-cased, canonical, E.164, digits only. */
function forbiddenStrings(): string[] {
  const out = new Set<string>();
  for (const e of SEEDED_EMAILS) {
    out.add(e.toLowerCase());
    out.add(normalizeEmail(e)?.canonical ?? e.toLowerCase());
  }
  const phones = new PhoneNormalizer('GB');
  for (const p of SEEDED_PHONES) {
    const e164 = phones.e164(p);
    expect(E164, p).toContain(e164);
    out.add(p.toLowerCase());
    out.add(p.replace(/\D/g, ''));
    out.add(e164 ?? p);
    out.add((e164 ?? p).replace(/\D/g, ''));
  }
  return [...out];
}

function csv(rows: string[][]): string {
  return rows.map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\n') + '\n';
}

function writeScanDir(identity: Record<string, unknown>): string {
  const dir = tempDir('ciamscan-privacy-');
  for (const [name, rows] of Object.entries(FILES)) writeFileSync(join(dir, name), csv(rows));
  const config = {
    version: 1,
    identity: { defaultRegion: 'GB', ...identity },
    targets: [
      { id: 'shop-users', type: 'file', path: './shop-users.csv', records: 'users', mapping: {} },
      { id: 'app-users', type: 'file', path: './app-users.csv', records: 'users', mapping: {} },
      {
        id: 'crm-contacts',
        type: 'file',
        path: './crm-contacts.csv',
        records: 'contacts',
        mapping: {
          lifecycle: { column: 'Lifecycle Stage', lead: ['Lead'], customer: ['Customer'] },
          links: [{ column: 'shop_user_id', kind: 'crm-key', via: 'shop_user_id' }],
        },
      },
    ],
  };
  // JSON is YAML.
  writeFileSync(join(dir, 'ciamscan.yaml'), JSON.stringify(config, null, 2));
  return dir;
}

interface Scan {
  run: CliRun;
  out: string;
  files: Record<string, string>;
  report: ScanReport;
}

async function scan(identity: Record<string, unknown> = {}, key = KEY): Promise<Scan> {
  const dir = writeScanDir(identity);
  const out = join(dir, 'reports');
  const run = await runCli(['scan', '-c', join(dir, 'ciamscan.yaml'), '--out', out, '--format', 'json,md,html,sarif'], { env: { CIAMSCAN_PSEUDONYM_KEY: key } });
  expectNoCrash(run, [0, 1]);
  const files = Object.fromEntries(readdirSync(out).map((name) => [name, readFileSync(join(out, name), 'utf8')]));
  return { run, out, files, report: JSON.parse(files['report.json'] ?? '{}') as ScanReport };
}

describe('ciamscan scan of CSV exports: no seeded email or phone number leaves the process', () => {
  let first: Scan;
  let second: Scan;
  beforeAll(async () => {
    first = await scan();
    second = await scan();
  });

  it('exit 0 (nothing failed), and one file per requested format', () => {
    expect(first.run.code).toBe(0);
    expect(Object.keys(first.files).sort()).toEqual(FORMATS);
    expect(first.run.stdout).toBe('');
    expect(first.run.stderr).toContain('Reports: ');
  });

  it('no output file, nor stdout or stderr, contains a seeded email (any case) or phone number (as written, E.164, digits only)', () => {
    const forbidden = forbiddenStrings();
    // 13 email spellings of 8 addresses (and their canonical forms), 11 phone spellings of 5 numbers (and their digits).
    for (const value of [...SEEDED_EMAILS.map((e) => e.toLowerCase()), ...SEEDED_PHONES, ...E164, ...E164.map((p) => p.slice(1))]) expect(forbidden).toContain(value);
    const outputs = { ...first.files, stdout: first.run.stdout, stderr: first.run.stderr };
    const leaks: string[] = [];
    for (const [name, text] of Object.entries(outputs)) {
      const lower = text.toLowerCase();
      for (const value of forbidden) if (lower.includes(value)) leaks.push(`${name}: ${value}`);
    }
    expect(leaks).toEqual([]);
  });

  it('no output names the people either (their distinctive family names)', () => {
    const families = ['Zapata', 'Vanterpool', 'Okonkwo', 'Quenby', 'Ashdown', 'Falkenrath', 'Wyndham'];
    for (const [name, text] of Object.entries({ ...first.files, stdout: first.run.stdout, stderr: first.run.stderr })) {
      for (const f of families) expect(text.toLowerCase(), `${name}: ${f}`).not.toContain(f.toLowerCase());
    }
  });

  it('the identity section is built: the five people in several systems are clusters, the systems overlap, the CRM keys are edges', () => {
    const identity = first.report.identity;
    expect(identity.built).toBe(true);
    expect(identity.profilesPerTarget).toEqual([
      { targetId: 'app-users', profiles: 4 },
      { targetId: 'crm-contacts', profiles: 4 },
      { targetId: 'shop-users', profiles: 5 },
    ]);
    expect(identity.clusterCount).toBe(5);
    expect(identity.clusters.map((c) => c.size)).toEqual([3, 2, 2, 2, 2]);
    expect(identity.overlaps.map((o) => [o.targetA, o.targetB, o.shared])).toEqual([
      ['app-users', 'crm-contacts', 2],
      ['app-users', 'shop-users', 2],
      ['crm-contacts', 'shop-users', 3],
    ]);
    expect(identity.overlaps.find((o) => o.targetA === 'crm-contacts' && o.targetB === 'shop-users')?.edges).toEqual([
      { kind: 'crm-key', from: 'records', detail: "2 records hold the other system's key in shop_user_id" },
    ]);
    expect(identity.overlaps.find((o) => o.targetA === 'app-users' && o.targetB === 'shop-users')?.edges).toEqual([]);
    expect(identity.linkRates).toEqual([
      { crmTargetId: 'crm-contacts', customerContacts: 3, linkedExplicit: 2, linkedMatchOnly: 1, unlinked: 0, identities: 7, identitiesInCrm: 4 },
    ]);
    expect(identity.resolution?.pseudonymKey).toBe('configured');
  });

  it('cluster members carry pseudonyms and masked examples, in the JSON, Markdown and HTML reports', () => {
    const members = first.report.identity.clusters.flatMap((c) => c.members);
    expect(members).toHaveLength(11);
    for (const m of members) {
      expect(m.pseudonym).toMatch(/^[0-9a-f]{16}$/);
      expect(m.example).toMatch(/^[a-z0-9]\*\*\*@[a-z0-9]\*\*\*\.[a-z]+$/);
    }
    expect(new Set(members.map((m) => m.example))).toEqual(new Set(['q***@g***.com', 'o***@e***.net', 't***@e***.org', 'm***@e***.com', 'i***@e***.net', 'i***@c***.org']));
    for (const file of ['report.md', 'report.html']) {
      expect(first.files[file], file).toContain('q***@g***.com');
      for (const m of members) expect(first.files[file], file).toContain(m.pseudonym);
    }
  });

  it('pseudonyms and cluster fingerprints are stable across two runs with the same key, and differ under another key', async () => {
    expect(second.report.identity.clusters).toEqual(first.report.identity.clusters);
    const other = await scan({}, 'another-privacy-e2e-key-0002');
    const pseudonyms = (s: Scan) => s.report.identity.clusters.flatMap((c) => [c.fingerprint, ...c.members.map((m) => m.pseudonym)]);
    const known = new Set(pseudonyms(first));
    expect(pseudonyms(other).filter((p) => known.has(p))).toEqual([]);
    expect(other.report.identity.clusters.map((c) => c.size)).toEqual([3, 2, 2, 2, 2]);
  });

  it('identity.reveal: true shows the addresses (normalised) in the reports: the switch works', async () => {
    const revealed = await scan({ reveal: true });
    expect(revealed.run.code).toBe(0);
    const examples = revealed.report.identity.clusters.flatMap((c) => c.members.map((m) => m.example));
    expect(new Set(examples)).toEqual(
      new Set(['quentinzapata@gmail.com', 'ophelia.vanterpool@example.net', 'thaddeus.okonkwo@example.org', 'marisol.quenby@example.com', 'imogen.falkenrath@example.net', 'ifalkenrath.work@corp.example.org']),
    );
    for (const file of ['report.json', 'report.md', 'report.html']) expect(revealed.files[file], file).toContain('ophelia.vanterpool@example.net');
    // Phone numbers are never shown, even then.
    for (const [name, text] of Object.entries(revealed.files)) for (const p of E164) expect(text, `${name}: ${p}`).not.toContain(p);
  });
});
