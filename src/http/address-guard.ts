/**
 * The address guard: the scanner must never talk to link-local or cloud-metadata addresses. A
 * scanned deployment controls the URLs we follow (discovery documents, redirects, export links),
 * and the instance-metadata service hands out the credentials of the machine the scanner runs on.
 *
 * Loopback and private ranges stay allowed on purpose: scanning an internal Keycloak is legitimate.
 * Checks run twice: on the literal host of a URL before anything is sent, and on every address DNS
 * returns (a custom `lookup` on the agents), so a name that resolves to 169.254.169.254 is refused
 * too. Everything here is pure apart from the lookup wrapper.
 */
import dns from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';

export type BlockReason = 'link-local' | 'cloud-metadata';

/** Error code carried by lookup failures the guard causes, so the client can map them. */
export const ADDRESS_BLOCKED_ERRNO = 'ERR_CIAMSCAN_ADDRESS_BLOCKED';

/**
 * Known metadata services. Those inside 169.254.0.0/16 and fe80::/10 are blocked with their range
 * anyway and are listed only for a precise message: 169.254.169.254 (AWS, GCP, Azure, OCI, ...),
 * 169.254.170.2 (ECS task credentials), 169.254.170.23 / fd00:ec2::23 (EKS Pod Identity),
 * 169.254.0.23 (Tencent). Outside those ranges: fd00:ec2::254 (AWS IMDS over IPv6),
 * 100.100.100.200 (Alibaba), 192.0.0.192 (Oracle Cloud, legacy) and 168.63.129.16 (the Azure
 * WireServer, which serves the VM's goal state and certificates).
 */
const METADATA_ADDRESSES = new Set<string>([
  '169.254.169.254',
  '169.254.170.2',
  '169.254.170.23',
  '169.254.0.23',
  'fd00:ec2:0:0:0:0:0:254',
  'fd00:ec2:0:0:0:0:0:23',
  '100.100.100.200',
  '192.0.0.192',
  '168.63.129.16',
]);

/**
 * Names of metadata services. They would also be caught by the DNS check (they resolve into
 * 169.254.0.0/16), but refusing the name itself gives a clearer message and needs no DNS answer.
 * GCP: metadata.google.internal, metadata.goog and the short name `metadata`; AWS: instance-data;
 * Tencent Cloud: metadata.tencentyun.com. Azure and most others only use 169.254.169.254.
 */
const METADATA_HOSTNAMES = new Set<string>([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.tencentyun.com',
]);

/** Lower-case, without IPv6 brackets and without the trailing dot of a fully qualified name. */
export function normalizeHostname(hostname: string): string {
  let host = hostname.trim().toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host;
}

/** Dotted-quad to four octets, or undefined when `text` is not a plain IPv4 address. */
export function parseIPv4(text: string): number[] | undefined {
  if (isIP(text) !== 4) return undefined;
  return text.split('.').map(Number);
}

/**
 * IPv6 text to eight 16-bit groups, handling `::` and an embedded dotted quad
 * (`::ffff:169.254.169.254`); a zone id (`%eth0`) is ignored.
 */
export function parseIPv6(text: string): number[] | undefined {
  const address = text.split('%')[0] ?? '';
  if (isIP(address) !== 6) return undefined;
  const [head = '', tail] = address.split('::');
  const toGroups = (part: string): number[] => (part === '' ? [] : part.split(':').flatMap(groupsOf));
  const left = toGroups(head);
  const right = tail === undefined ? [] : toGroups(tail);
  const zeros = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...new Array<number>(zeros).fill(0), ...right];
}

/** One colon-separated part: a hex group, or a trailing dotted quad worth two groups. */
function groupsOf(part: string): number[] {
  const quad = parseIPv4(part);
  if (quad) return [((quad[0] ?? 0) << 8) | (quad[1] ?? 0), ((quad[2] ?? 0) << 8) | (quad[3] ?? 0)];
  return [parseInt(part, 16)];
}

/**
 * The IPv4 address an IPv6 address stands for, when it embeds one in a way that reaches the IPv4
 * host: IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d, deprecated but still parsed) and
 * the NAT64 well-known prefix (64:ff9b::a.b.c.d), which a NAT64 gateway translates and forwards.
 */
export function embeddedIPv4(groups: number[]): number[] | undefined {
  const high = groups.slice(0, 6);
  const isZero = (values: number[]): boolean => values.every((g) => g === 0);
  const mapped = isZero(high.slice(0, 5)) && high[5] === 0xffff;
  const compatible = isZero(high) && (groups[6] ?? 0) !== 0;
  const nat64 = high[0] === 0x64 && high[1] === 0xff9b && isZero(high.slice(2));
  if (!mapped && !compatible && !nat64) return undefined;
  const g6 = groups[6] ?? 0;
  const g7 = groups[7] ?? 0;
  return [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff];
}

function classifyIPv4(octets: number[]): BlockReason | undefined {
  if (METADATA_ADDRESSES.has(octets.join('.'))) return 'cloud-metadata';
  if (octets[0] === 169 && octets[1] === 254) return 'link-local';
  return undefined;
}

function classifyIPv6(groups: number[]): BlockReason | undefined {
  const v4 = embeddedIPv4(groups);
  if (v4) return classifyIPv4(v4);
  if (METADATA_ADDRESSES.has(groups.map((g) => g.toString(16)).join(':'))) return 'cloud-metadata';
  if (((groups[0] ?? 0) & 0xffc0) === 0xfe80) return 'link-local';
  return undefined;
}

/** Why an IP address must not be contacted, or undefined when it may be. Non-IP input is undefined. */
export function classifyAddress(address: string): BlockReason | undefined {
  const host = normalizeHostname(address);
  const v4 = parseIPv4(host);
  if (v4) return classifyIPv4(v4);
  const v6 = parseIPv6(host);
  return v6 ? classifyIPv6(v6) : undefined;
}

export function isMetadataHostname(hostname: string): boolean {
  return METADATA_HOSTNAMES.has(normalizeHostname(hostname));
}

/** The check on a URL's host before connecting: IP literals by range, names by the metadata list. */
export function classifyHost(hostname: string): BlockReason | undefined {
  return isMetadataHostname(hostname) ? 'cloud-metadata' : classifyAddress(hostname);
}

export function describeBlockReason(reason: BlockReason): string {
  return reason === 'cloud-metadata'
    ? 'a cloud instance-metadata address (it serves the credentials of the machine running the scan)'
    : 'a link-local address (instance-metadata and other host-local services live there)';
}

/** The error a guarded lookup fails with; `address` is the refused answer. */
export class AddressBlockedError extends Error {
  readonly code = ADDRESS_BLOCKED_ERRNO;
  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly reason: BlockReason,
  ) {
    super(`${hostname} resolves to ${address}, ${describeBlockReason(reason)}`);
    this.name = 'AddressBlockedError';
  }
}

/**
 * Wrap a DNS lookup so that a name whose answers include ANY blocked address fails. All answers
 * are checked (not just the first), since the socket may fall back to another one (happy eyeballs).
 */
export function createGuardedLookup(base: LookupFunction = dns.lookup): LookupFunction {
  return (hostname, options, callback) => {
    base(hostname, { ...options, all: true }, (err, answer) => {
      if (err) {
        callback(err, options.all ? [] : '');
        return;
      }
      const addresses = toAddressList(answer, options);
      const refused = firstBlocked(addresses);
      if (refused) {
        callback(new AddressBlockedError(hostname, refused.address, refused.reason), options.all ? [] : '');
        return;
      }
      deliver(addresses, options, callback);
    });
  };
}

/** The guard around the system resolver, for non-HTTP sockets (TLS probes, LDAP). */
export const guardedLookup: LookupFunction = createGuardedLookup();

function toAddressList(answer: string | LookupAddress[], options: LookupOptions): LookupAddress[] {
  if (Array.isArray(answer)) return answer;
  return [{ address: answer, family: isIP(answer) || (options.family === 6 ? 6 : 4) }];
}

function firstBlocked(addresses: LookupAddress[]): { address: string; reason: BlockReason } | undefined {
  for (const { address } of addresses) {
    const reason = classifyAddress(address);
    if (reason) return { address, reason };
  }
  return undefined;
}

/** Answer in the form the caller asked for: the whole list (`all: true`) or the first address. */
function deliver(addresses: LookupAddress[], options: LookupOptions, callback: Parameters<LookupFunction>[2]): void {
  if (options.all) {
    callback(null, addresses);
    return;
  }
  const first = addresses[0];
  if (!first) {
    const error: NodeJS.ErrnoException = new Error('no addresses');
    error.code = 'ENOTFOUND';
    callback(error, '');
    return;
  }
  callback(null, first.address, first.family);
}
