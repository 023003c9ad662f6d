import type { Observation } from '../../src/model/observation.js';
import type { ClientFacts, UserStatsFacts } from '../../src/model/store-facts.js';

/**
 * What collect.ts keeps of each Management API answer: small records of our own, mapped from the
 * vendor JSON as soon as a page arrives (map-*.ts), so no raw document — and none of the secrets
 * some of them carry (connection options, log-stream sinks, signing certificates) — is held.
 * interpret.ts turns the whole collection into IdentityStoreFacts.
 */

export interface TenantRecord {
  /** `idle_session_lifetime` (hours) or `idle_session_lifetime_in_minutes`, as seconds. */
  sessionIdleSeconds?: number;
  /** `session_lifetime` (hours) or `session_lifetime_in_minutes`, as seconds. */
  sessionAbsoluteSeconds?: number;
  /** `flags.enable_dynamic_client_registration`. */
  dynamicClientRegistration?: boolean;
  /** Tenant-level `allowed_logout_urls`. */
  allowedLogoutUrls: string[];
  defaultRedirectionUri?: string;
  sandboxVersion?: string;
  deviceFlow?: { charset?: string; mask?: string };
}

/** A connection of any strategy (listed without its options). */
export interface ConnectionRecord {
  name: string;
  strategy: string;
  displayName?: string;
}

/** A database connection (`strategy: auth0`) with the option values the rules need. */
export interface DatabaseConnectionRecord {
  name: string;
  /** False when the API returned no `options` (the credential lacks read:connections_options). */
  optionsRead: boolean;
  /** `options.passwordPolicy` as configured (none, low, fair, good, excellent); undefined when unset. */
  passwordPolicy?: string;
  /** `options.password_complexity_options.min_length`. */
  minLength?: number;
  dictionary?: boolean;
  noPersonalInfo?: boolean;
  history?: { enabled: boolean; size?: number };
  /** `options.brute_force_protection` (per connection; on by default). */
  bruteForceProtection?: boolean;
  disableSignup?: boolean;
  requiresUsername?: boolean;
  /** `options.authentication_methods.passkey.enabled`. */
  passkey?: boolean;
  /** `options.authentication_methods.password.enabled` (absent: password login is on). */
  passwordLogin?: boolean;
}

export interface BruteForceRecord {
  enabled: boolean;
  shields: string[];
  maxAttempts?: number;
  mode?: string;
}

export interface IpThrottlingRecord {
  enabled: boolean;
  shields: string[];
  preLogin: boolean;
  preRegistration: boolean;
}

export interface BreachedPasswordRecord {
  enabled: boolean;
  shields: string[];
  method?: string;
  preRegistration: boolean;
  preChangePassword: boolean;
}

export interface BotDetectionRecord {
  level?: string;
  passwordPolicy?: string;
  passwordlessPolicy?: string;
  monitoringOnly: boolean;
}

export interface FactorRecord {
  name: string;
  enabled: boolean;
}

export interface LogStreamRecord {
  name: string;
  type: string;
  status: string;
  /** The stream carries only some event categories (`filters` set). */
  filters: string[];
}

export interface LogProbeRecord {
  /** Events the one-entry probe returned (0 or 1). */
  events: number;
}

export interface DailyStatsRecord {
  days: number;
  logins: number;
  signups: number;
  leakedPasswords: number;
}

export interface BindingRecord {
  name: string;
}

export interface SigningKeyRecord {
  kid: string;
  status: 'current' | 'next' | 'previous' | 'disabled' | 'unknown';
  since?: string;
}

/** Triggers whose bound Actions are read (lifecycle channels, progressive profiling, signup hooks). */
export const TRIGGERS = ['post-login', 'post-user-registration', 'pre-user-registration'] as const;
export type Trigger = (typeof TRIGGERS)[number];

export interface Auth0Collected {
  tenant: Observation<TenantRecord>;
  clients: Observation<ClientFacts[]>;
  connections: Observation<ConnectionRecord[]>;
  databases: Observation<DatabaseConnectionRecord[]>;
  bruteForce: Observation<BruteForceRecord>;
  ipThrottling: Observation<IpThrottlingRecord>;
  breachedPasswords: Observation<BreachedPasswordRecord>;
  botDetection: Observation<BotDetectionRecord>;
  factors: Observation<FactorRecord[]>;
  mfaPolicies: Observation<string[]>;
  logStreams: Observation<LogStreamRecord[]>;
  logs: Observation<LogProbeRecord>;
  dailyStats: Observation<DailyStatsRecord>;
  bindings: Record<Trigger, Observation<BindingRecord[]>>;
  signingKeys: Observation<SigningKeyRecord[]>;
  userStats: Observation<UserStatsFacts>;
}
