import type { ScanError } from '../../src/model/errors.js';
import type { UnknownReason } from '../../src/model/observation.js';
import type { UserTally } from './interpret-users.js';

/**
 * What collect.ts hands to interpret.ts: the public discovery documents as fetched, the probe's
 * status, and counts about the users that were streamed into the profile store. No user record
 * and no credential is kept here.
 */
export interface RawDocument {
  /** The URL as it may be printed. */
  url: string;
  /** Whether the scanner's credential was sent with the request that produced this answer. */
  authenticated: boolean;
  status?: number;
  /** The response headers rules read (content type, WWW-Authenticate, HSTS). */
  headers: Record<string, string>;
  /** The body of a 2xx answer (public configuration documents only). */
  body?: string;
  /** Why the answer is unusable: a status, a transport failure, HTML or broken JSON. */
  error?: ScanError;
}

export interface ServiceProviderConfigRaw {
  /** RFC 7644 §4 discovery is tried without credentials first (catalog PROV-SCIM-CAPABILITIES). */
  anonymous: RawDocument;
  /** The retry with the credential, after the anonymous attempt was refused. */
  authenticated?: RawDocument;
}

/** The T1 probe's answer: its status and totalResults only; the body is discarded. */
export type RawProbe = { status: number; totalResults?: number } | { error: ScanError } | { skipped: UnknownReason };

export type UsersRaw =
  | { state: 'read'; reportedTotal?: number; tally: UserTally }
  | { state: 'not-read'; reason: UnknownReason };

export interface ScimRawCollection {
  scopeName: string;
  /** A credential is configured for this target. */
  credential: boolean;
  serviceProviderConfig: ServiceProviderConfigRaw;
  resourceTypes: RawDocument;
  schemas: RawDocument;
  probe: RawProbe;
  users: UsersRaw;
}
