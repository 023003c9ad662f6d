import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Client } from 'ldapts';
import { SlapdNotInstalledError, startSlapd, toLdif } from '../../../src/demo/ldap-server.js';
import { customerUuid, generalizedTime, syntheticCustomer } from '../../../bench/simulators/ldap.js';

describe('toLdif (RFC 2849)', () => {
  it('writes one line per value and a blank line after each entry', () => {
    expect(toLdif([{ dn: 'uid=a,ou=customers,dc=example,dc=com', attributes: { objectClass: ['inetOrgPerson'], uid: 'a', mail: ['a@example.com', 'b@example.com'] } }])).toBe(
      'dn: uid=a,ou=customers,dc=example,dc=com\nobjectClass: inetOrgPerson\nuid: a\nmail: a@example.com\nmail: b@example.com\n\n',
    );
  });

  it('base64-encodes values that are not SAFE-STRINGs', () => {
    const ldif = toLdif([{ dn: 'cn=Zoë Example,dc=example,dc=com', attributes: { cn: ['Zoë Example', ' leading space', ':colon', '<angle', 'trailing ', 'line\nbreak'] } }]);
    const lines = ldif.trim().split('\n');
    expect(lines[0]).toBe(`dn:: ${Buffer.from('cn=Zoë Example,dc=example,dc=com').toString('base64')}`);
    expect(lines.slice(1).every((l) => l.startsWith('cn:: '))).toBe(true);
    expect(lines.slice(1).map((l) => Buffer.from(l.slice(5), 'base64').toString('utf8'))).toEqual(['Zoë Example', ' leading space', ':colon', '<angle', 'trailing ', 'line\nbreak']);
  });
});

describe('synthetic customers', () => {
  it('are deterministic and valid', () => {
    expect(syntheticCustomer(70)).toEqual(syntheticCustomer(70));
    expect(customerUuid(255)).toBe('00000000-0000-4000-8000-0000000000ff');
    expect(generalizedTime(Date.UTC(2019, 0, 1, 2, 3, 4))).toBe('20190101020304Z');
  });
});

describe('slapd harness', () => {
  it('starts slapd with the entries, serves the scanner DN read-only, and cleans up on close', async () => {
    const server = await startSlapd({ entries: [{ dn: 'ou=customers,dc=example,dc=com', attributes: { objectClass: 'organizationalUnit', ou: 'customers' } }] });
    const client = new Client({ url: server.url });
    try {
      await client.bind(server.bindDn, server.bindPassword);
      const { searchEntries } = await client.search('dc=example,dc=com', { filter: '(ou=customers)', attributes: ['ou'] });
      expect(searchEntries.map((e) => e.dn)).toEqual(['ou=customers,dc=example,dc=com']);
      // The scanner may read, never write.
      await expect(client.add('ou=new,dc=example,dc=com', { objectClass: 'organizationalUnit', ou: 'new' })).rejects.toThrow(/Insufficient|0x32/i);
    } finally {
      await client.unbind();
      await server.close();
    }
    const port = Number(new URL(server.url).port);
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  it('explains how to install slapd when it is missing', () => {
    expect(new SlapdNotInstalledError().message).toBe("slapd is not installed (/usr/sbin/slapd missing) — fix: install Debian's slapd: apt-get install slapd");
    expect(existsSync('/usr/sbin/slapd')).toBe(true);
  });

  it('fails with slapadd\'s reason when an entry is invalid', async () => {
    await expect(startSlapd({ entries: [{ dn: 'uid=x,ou=missing-parent,dc=example,dc=com', attributes: { objectClass: 'noSuchClass', uid: 'x' } }] })).rejects.toThrow(/slapadd failed: .*noSuchClass/);
  });
});
