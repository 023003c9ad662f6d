import type { z } from 'zod';
import type { RateGovernor } from './http/governor.js';
import type { HttpClient, HttpLimits, PostAllowance } from './http/types.js';
import type { Logger } from './log.js';
import type { SystemKind, Tier } from './model/outcome.js';
import type { SystemSnapshot } from './model/snapshot.js';
import type { Redactor } from './privacy/redact.js';

/** A permission a connector needs, for the README and for `unknown` remediations. */
export interface PermissionRequirement {
  tier: Tier;
  /** The role or scope exactly as the vendor names it, or a description for public endpoints. */
  permission: string;
  purpose: string;
}

/** The target keys every connector config has (see src/config/target-base.ts). */
export interface BaseTargetConfig {
  id: string;
  type: string;
  name?: string;
  allowHosts?: string[];
  contact?: string;
}

/**
 * A connector reads one kind of system, read-only, and returns a SystemSnapshot. It knows
 * nothing of rules. Plain object, registered in connectors/index.ts.
 */
export interface Connector<C extends BaseTargetConfig = BaseTargetConfig> {
  /** Equals the config `type`. */
  id: string;
  title: string;
  kind: SystemKind;
  /** The snapshot kind when it depends on the config (a file of users vs a file of contacts). */
  kindOf?(config: C): SystemKind;
  /** The strict zod schema of this target type (base keys included). */
  configSchema: z.ZodType<C>;
  requiredPermissions: PermissionRequirement[];
  /** Safe defaults for this kind of system; the config may lower or raise them. */
  defaultLimits: Partial<HttpLimits>;
  /** Limits that depend on the config (e.g. a HubSpot tier's 190 requests per 10 s), over the defaults. */
  limitsFor?(config: C): Partial<HttpLimits>;
  /**
   * Every POST the connector may send (token requests, documented read-only searches and export
   * jobs, opted-in probes); the HTTP client refuses any other. Listed in the connector's README.
   */
  allowedPosts: PostAllowance[];
  /** Config keys that hold secrets: they must be `${env:...}` / `${file:...}` references. */
  secretKeys: string[];
  /** Host names the configured target names; the HTTP client refuses every other host. */
  namedHosts(config: C): string[];
  /** Where the system lives, without secrets (for reports). */
  location(config: C): string;
  /**
   * Read the system. A failed call becomes a ScanError on the snapshot and the connector returns
   * what it has; only a configuration problem throws (ConfigError).
   */
  collect(config: C, ctx: CollectContext): Promise<SystemSnapshot>;
}

export interface CollectContext {
  targetId: string;
  /** Directory of the config file: relative paths in target configs resolve from here. */
  baseDir: string;
  /** An HTTP client bound to this target's limits, trust anchors and allowed hosts. */
  http(options?: { extraHosts?: string[] }): HttpClient;
  /** The target's rate governor, shared by every client of the target (and by non-HTTP probes). */
  governor: RateGovernor;
  limits: HttpLimits;
  /** Extra trust anchors of this target (PEM), for non-HTTP TLS (LDAP, TLS probes). */
  ca?: string;
  progress(message: string, counts?: { done: number; total?: number }): void;
  log: Logger;
  signal: AbortSignal;
  secrets: Redactor;
  now(): Date;
}

/** Erases a connector's config type for the registry. */
export type AnyConnector = Connector<BaseTargetConfig>;
