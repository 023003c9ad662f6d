/**
 * A scripted LDAP server on 127.0.0.1 for failures a real slapd will not produce on demand: busy
 * and unavailable answers, time limits, silence, bytes that are not LDAP. It speaks just enough
 * BER (RFC 4511 §4.1) to parse a request's message id, operation and base DN, and to answer with
 * LDAPResults and search entries.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export type LdapOp = 'bind' | 'search' | 'extended' | 'unbind' | 'other';

export interface FakeRequest {
  id: number;
  op: LdapOp;
  /** Base DN of a search. */
  base?: string;
  /** How many requests of this operation came before (0 for the first bind, ...). */
  nth: number;
}

/** What to send back: LDAP messages, nothing at all, bytes that are not LDAP, or a dropped connection. */
export type FakeReply = Buffer[] | 'silence' | 'garbage' | 'drop';

export interface FakeLdap {
  url: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

export async function startFakeLdap(answer: (req: FakeRequest) => FakeReply): Promise<FakeLdap> {
  const requests: FakeRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const message = readMessage(buffer);
        if (!message) break;
        buffer = buffer.subarray(message.size);
        const nth = requests.filter((r) => r.op === message.op).length;
        const req: FakeRequest = { id: message.id, op: message.op, nth, ...(message.base !== undefined ? { base: message.base } : {}) };
        requests.push(req);
        if (req.op === 'unbind') {
          socket.end();
          return;
        }
        const reply = answer(req);
        if (reply === 'silence') continue;
        if (reply === 'drop') {
          socket.destroy();
          return;
        }
        if (reply === 'garbage') socket.write('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
        else for (const part of reply) socket.write(part);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ldap://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Replies
// ---------------------------------------------------------------------------------------------

export function bindResponse(id: number, code = 0): Buffer {
  return message(id, tlv(0x61, ldapResult(code)));
}

export function extendedResponse(id: number, code = 0): Buffer {
  return message(id, tlv(0x78, ldapResult(code)));
}

export function searchDone(id: number, code = 0): Buffer {
  return message(id, tlv(0x65, ldapResult(code)));
}

export function searchEntry(id: number, dn: string, attributes: Record<string, string[]>): Buffer {
  const attrs = Object.entries(attributes).map(([type, vals]) => tlv(0x30, Buffer.concat([octets(type), tlv(0x31, Buffer.concat(vals.map(octets)))])));
  return message(id, tlv(0x64, Buffer.concat([octets(dn), tlv(0x30, Buffer.concat(attrs))])));
}

/** A search answered with entries and a final result. */
export function searchResult(id: number, entries: Array<{ dn: string; attributes: Record<string, string[]> }>, code = 0): Buffer[] {
  return [...entries.map((e) => searchEntry(id, e.dn, e.attributes)), searchDone(id, code)];
}

// ---------------------------------------------------------------------------------------------
// BER
// ---------------------------------------------------------------------------------------------

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x100) return Buffer.from([0x81, n]);
  return Buffer.from([0x82, n >> 8, n & 0xff]);
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

function integer(tag: number, n: number): Buffer {
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.unshift(v & 0xff);
    v >>= 8;
  } while (v > 0);
  if ((bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  return tlv(tag, Buffer.from(bytes));
}

function octets(s: string): Buffer {
  return tlv(0x04, Buffer.from(s, 'utf8'));
}

function ldapResult(code: number): Buffer {
  return Buffer.concat([integer(0x0a, code), octets(''), octets('')]);
}

function message(id: number, op: Buffer): Buffer {
  return tlv(0x30, Buffer.concat([integer(0x02, id), op]));
}

interface Parsed {
  size: number;
  id: number;
  op: LdapOp;
  base?: string;
}

function readLength(buf: Buffer, at: number): { value: number; next: number } | undefined {
  const first = buf[at];
  if (first === undefined) return undefined;
  if (first < 0x80) return { value: first, next: at + 1 };
  const count = first & 0x7f;
  if (at + 1 + count > buf.length) return undefined;
  let value = 0;
  for (let i = 0; i < count; i++) value = value * 256 + (buf[at + 1 + i] ?? 0);
  return { value, next: at + 1 + count };
}

const OPS: Record<number, LdapOp> = { 0x60: 'bind', 0x63: 'search', 0x77: 'extended', 0x42: 'unbind' };

/** One complete LDAPMessage at the start of `buf`, or undefined when more bytes are needed. */
function readMessage(buf: Buffer): Parsed | undefined {
  if (buf[0] !== 0x30) return undefined;
  const outer = readLength(buf, 1);
  if (!outer || outer.next + outer.value > buf.length) return undefined;
  const size = outer.next + outer.value;
  // messageID INTEGER
  const idLen = readLength(buf, outer.next + 1);
  if (!idLen) return undefined;
  let id = 0;
  for (let i = 0; i < idLen.value; i++) id = id * 256 + (buf[idLen.next + i] ?? 0);
  const opAt = idLen.next + idLen.value;
  const op = OPS[buf[opAt] ?? 0] ?? 'other';
  const parsed: Parsed = { size, id, op };
  if (op === 'search') {
    const opLen = readLength(buf, opAt + 1);
    if (opLen && buf[opLen.next] === 0x04) {
      const baseLen = readLength(buf, opLen.next + 1);
      if (baseLen) parsed.base = buf.subarray(baseLen.next, baseLen.next + baseLen.value).toString('utf8');
    }
  }
  return parsed;
}
