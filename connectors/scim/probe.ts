import type { Readable } from 'node:stream';
import { toScanError } from '../../src/model/errors.js';
import type { RawProbe } from './raw.js';
import type { ScimReader } from './reader.js';
import { count, isObject, member } from './scim-json.js';

/** Enough for any `count=0` answer; a provider that ignores count=0 is not read further. */
const HEAD_BYTES = 16 * 1024;

/**
 * T1 (catalog §14.2, PROV-SCIM-AUTH-ENFORCED): one `GET /Users?count=0&attributes=id` without
 * credentials, not retried. Only the status and `totalResults` are kept; the body is read no
 * further than its head and then dropped, so even a provider that ignores count=0 hands over
 * nothing that is kept.
 */
export async function anonymousUsersProbe(reader: ScimReader): Promise<RawProbe> {
  const url = reader.printable('/Users', { count: 0, attributes: 'id' });
  try {
    const response = await reader.stream('/Users', { count: 0, attributes: 'id' }, { anonymous: true, intent: 'probe', retry: false });
    if (response.status < 200 || response.status >= 300) {
      response.body.destroy();
      return { status: response.status };
    }
    const totalResults = probeTotalResults(await readHead(response.body, HEAD_BYTES));
    return totalResults === undefined ? { status: response.status } : { status: response.status, totalResults };
  } catch (err) {
    return { error: toScanError(err, url) };
  }
}

/** The first bytes of a body; the rest is never read, and a failure midway keeps what arrived. */
async function readHead(body: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= limit) break;
    }
  } catch {
    // a cut-off or oversized body: the head is all we wanted
  } finally {
    body.destroy();
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

/** `totalResults` of the answer, from the whole JSON when it fits, else from its head. */
export function probeTotalResults(head: string): number | undefined {
  try {
    const json: unknown = JSON.parse(head);
    if (isObject(json)) return count(member(json, 'totalResults'));
  } catch {
    // not complete JSON: look for the member in the head
  }
  const match = /"totalResults"\s*:\s*"?(\d{1,15})/i.exec(head);
  return match ? Number(match[1]) : undefined;
}
