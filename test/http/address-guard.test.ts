import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  AddressBlockedError,
  classifyAddress,
  classifyHost,
  createGuardedLookup,
  embeddedIPv4,
  isMetadataHostname,
  normalizeHostname,
  parseIPv6,
} from '../../src/http/address-guard.js';

describe('classifyAddress', () => {
  it.each([
    ['169.254.169.254', 'cloud-metadata'],
    ['169.254.170.2', 'cloud-metadata'],
    ['169.254.1.1', 'link-local'],
    ['169.254.0.0', 'link-local'],
    ['169.254.255.255', 'link-local'],
    ['100.100.100.200', 'cloud-metadata'],
    ['168.63.129.16', 'cloud-metadata'],
    ['fd00:ec2::254', 'cloud-metadata'],
    ['FD00:EC2:0::254', 'cloud-metadata'],
    ['fe80::1', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['[fe80::abcd]', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    // IPv4-mapped, in both notations, IPv4-compatible and NAT64 forms of the metadata address.
    ['::ffff:169.254.169.254', 'cloud-metadata'],
    ['::ffff:a9fe:a9fe', 'cloud-metadata'],
    ['[::ffff:a9fe:a9fe]', 'cloud-metadata'],
    ['0:0:0:0:0:ffff:169.254.169.254', 'cloud-metadata'],
    ['::169.254.169.254', 'cloud-metadata'],
    ['64:ff9b::169.254.169.254', 'cloud-metadata'],
    ['::ffff:169.254.3.4', 'link-local'],
  ])('refuses %s as %s', (address, reason) => {
    expect(classifyAddress(address)).toBe(reason);
  });

  it.each([
    '127.0.0.1',
    '10.0.0.5',
    '172.16.3.4',
    '192.168.1.10',
    '8.8.8.8',
    '169.253.255.255',
    '169.255.0.1',
    '::1',
    '::',
    'fec0::1',
    'fd00::1',
    'fd00:ec2::253',
    '2001:db8::1',
    '::ffff:127.0.0.1',
    '::ffff:10.1.2.3',
    'example.com',
    '',
  ])('allows %s (loopback and private ranges are legitimate scan targets)', (address) => {
    expect(classifyAddress(address)).toBeUndefined();
  });
});

describe('host names', () => {
  it.each(['metadata.google.internal', 'METADATA.GOOGLE.INTERNAL.', 'metadata', 'metadata.goog', 'instance-data', 'metadata.tencentyun.com'])(
    'treats %s as a metadata service',
    (name) => {
      expect(isMetadataHostname(name)).toBe(true);
      expect(classifyHost(name)).toBe('cloud-metadata');
    },
  );

  it('lets ordinary names through to the DNS check', () => {
    expect(classifyHost('login.example.com')).toBeUndefined();
    expect(classifyHost('metadata.example.com')).toBeUndefined();
  });

  it('normalises case, IPv6 brackets and the trailing dot', () => {
    expect(normalizeHostname('[FE80::1]')).toBe('fe80::1');
    expect(normalizeHostname('Login.Example.COM.')).toBe('login.example.com');
  });
});

describe('IPv6 parsing', () => {
  it('expands :: and embedded dotted quads to eight groups', () => {
    expect(parseIPv6('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIPv6('fd00:ec2::254')).toEqual([0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254]);
    expect(parseIPv6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
    expect(parseIPv6('not-an-address')).toBeUndefined();
  });

  it('finds the IPv4 address inside mapped forms only', () => {
    expect(embeddedIPv4(parseIPv6('::ffff:1.2.3.4')!)).toEqual([1, 2, 3, 4]);
    expect(embeddedIPv4(parseIPv6('::1')!)).toBeUndefined();
    expect(embeddedIPv4(parseIPv6('2001:db8::1.2.3.4')!)).toBeUndefined();
  });
});

/** A resolver that answers from a table, in the callback shapes Node uses. */
function tableLookup(table: Record<string, string[]>): LookupFunction {
  return (hostname, options, callback) => {
    const answers = table[hostname];
    if (!answers) {
      const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      error.code = 'ENOTFOUND';
      callback(error, options.all ? [] : '');
      return;
    }
    const list: LookupAddress[] = answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    if (options.all) callback(null, list);
    else callback(null, list[0]!.address, list[0]!.family);
  };
}

function resolve(lookup: LookupFunction, hostname: string, all: boolean): Promise<{ error: NodeJS.ErrnoException | null; answer: unknown }> {
  return new Promise((done) => {
    lookup(hostname, { all }, (error, answer) => done({ error, answer }));
  });
}

describe('createGuardedLookup', () => {
  const lookup = createGuardedLookup(
    tableLookup({
      'ok.test': ['127.0.0.1'],
      'imds.test': ['169.254.169.254'],
      'mixed.test': ['127.0.0.1', '::ffff:169.254.169.254'],
      'v6.test': ['fe80::1'],
    }),
  );

  it('passes safe answers through in both callback shapes', async () => {
    expect(await resolve(lookup, 'ok.test', false)).toEqual({ error: null, answer: '127.0.0.1' });
    expect(await resolve(lookup, 'ok.test', true)).toEqual({ error: null, answer: [{ address: '127.0.0.1', family: 4 }] });
  });

  it.each(['imds.test', 'mixed.test', 'v6.test'])('refuses %s when any answer is blocked', async (hostname) => {
    for (const all of [false, true]) {
      const { error } = await resolve(lookup, hostname, all);
      expect(error).toBeInstanceOf(AddressBlockedError);
      expect(error?.code).toBe('ERR_CIAMSCAN_ADDRESS_BLOCKED');
    }
  });

  it('passes resolver errors on unchanged', async () => {
    const { error } = await resolve(lookup, 'missing.test', false);
    expect(error?.code).toBe('ENOTFOUND');
  });
});
