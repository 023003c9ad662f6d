import type { Observation } from '../../src/model/observation.js';
import type { JsonObject } from './json.js';

/**
 * What collect.ts read from an Okta org before any judgement: configuration objects only (with
 * credentials stripped). Users are never kept here: they are streamed into the ProfileStore.
 */
export const POLICY_TYPES = ['OKTA_SIGN_ON', 'PASSWORD', 'MFA_ENROLL', 'PROFILE_ENROLLMENT', 'ACCESS_POLICY'] as const;
export type PolicyType = (typeof POLICY_TYPES)[number];

/** Policy types whose rules carry the settings (MFA_ENROLL keeps them on the policy). */
export const TYPES_WITH_RULES: ReadonlySet<PolicyType> = new Set(['OKTA_SIGN_ON', 'PASSWORD', 'PROFILE_ENROLLMENT', 'ACCESS_POLICY']);

export interface RawPolicy {
  policy: JsonObject;
  /** Absent for types whose rules are not read, and for inactive policies. */
  rules?: Observation<JsonObject[]>;
}

export interface RawAuthorizationServer {
  server: JsonObject;
  /** Absent for inactive servers. */
  policies?: Observation<RawPolicy[]>;
}

export interface OktaRawCollection {
  orgUrl: string;
  idps: Observation<JsonObject[]>;
  apps: Observation<JsonObject[]>;
  authenticators: Observation<JsonObject[]>;
  policies: Record<PolicyType, Observation<RawPolicy[]>>;
  threatInsight: Observation<JsonObject>;
  behaviors: Observation<JsonObject[]>;
  zones: Observation<JsonObject[]>;
  eventHooks: Observation<JsonObject[]>;
  logStreams: Observation<JsonObject[]>;
  /** Only how many events `GET /api/v1/logs?limit=1` returned: the event itself is personal data. */
  logs: Observation<{ recentEvents: number }>;
  authorizationServers: Observation<RawAuthorizationServer[]>;
}
