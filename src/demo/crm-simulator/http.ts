/** Small HTTP plumbing shared by the simulated Salesforce and HubSpot APIs. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';

export class BodyTooLarge extends Error {}

/** The request body as text (at most `limit` bytes). */
export async function readBody(req: IncomingMessage, limit = 1_048_576): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge(`request body over ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end();
}

/** Write with backpressure: resolves once the socket can take more (or the client went away). */
export async function write(res: ServerResponse, chunk: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (res.write(chunk)) return true;
  // One AbortController per wait, so the listener of the event that did not happen is removed
  // (otherwise a long Bulk download piles up 'close' listeners).
  const settled = new AbortController();
  try {
    await Promise.race([once(res, 'drain', { signal: settled.signal }), once(res, 'close', { signal: settled.signal })]);
  } finally {
    settled.abort();
  }
  return !res.destroyed;
}

/** `Authorization: Bearer <token>` (Salesforce also takes the legacy `OAuth <token>`). */
export function bearerToken(req: IncomingMessage, schemes: string[] = ['bearer']): string | undefined {
  const header = req.headers.authorization ?? '';
  const space = header.indexOf(' ');
  if (space < 0) return undefined;
  const scheme = header.slice(0, space).toLowerCase();
  const token = header.slice(space + 1).trim();
  return schemes.includes(scheme) && token.length > 0 ? token : undefined;
}
