import type {
  BruteForceFacts,
  MonitoringFacts,
  PasswordPolicyFacts,
  ProvisioningFacts,
  SessionFacts,
  TokenPolicyFacts,
} from '../../src/model/store-facts.js';
import { bool, type Json, num, str, strings } from './json.js';

/**
 * RealmRepresentation fields, pure. Field names from the Keycloak Admin REST API reference
 * (RealmRepresentation) and ModelToRepresentation.toRepresentation(RealmModel).
 */

/** A full representation carries `sslRequired`; a caller without view-realm gets only `{ realm }`. */
export function isFullRealm(realm: Json): boolean {
  return typeof realm.sslRequired === 'string';
}

/** Seconds where Keycloak uses 0 for "not set / no limit". */
function limitSeconds(value: unknown): number | null | undefined {
  const n = num(value);
  if (n === undefined) return undefined;
  return n > 0 ? n : null;
}

// ---------------------------------------------------------------------------------------------
// Password policy: "length(12) and notUsername(undefined) and passwordBlacklist(list.txt)"

/** Keycloak's defaults when a policy is given without a value (PasswordPolicyProvider factories). */
const DEFAULT_VALUES: Record<string, number> = { length: 8, maxLength: 64, passwordHistory: 3, forceExpiredPasswordChange: 365 };
const COMPOSITION: Record<string, string> = { digits: 'digits', upperCase: 'upper', lowerCase: 'lower', specialChars: 'special', regexPattern: 'regex' };

/** Split like Keycloak's PasswordPolicy.parse: " and " between policies, `id(value)` each. */
export function parsePasswordPolicy(policy: string | undefined): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const part of (policy ?? '').split(/\s+and\s+/)) {
    const text = part.trim();
    if (!text) continue;
    const open = text.indexOf('(');
    if (open < 0) out.set(text, undefined);
    else out.set(text.slice(0, open).trim(), text.slice(open + 1, text.endsWith(')') ? -1 : undefined).trim());
  }
  return out;
}

function policyNumber(policies: Map<string, string | undefined>, id: string): number | undefined {
  if (!policies.has(id)) return undefined;
  const value = policies.get(id);
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : DEFAULT_VALUES[id];
}

export function passwordPolicyFacts(realm: Json): PasswordPolicyFacts {
  const policies = parsePasswordPolicy(str(realm.passwordPolicy));
  const facts: PasswordPolicyFacts = {
    composition: Object.keys(COMPOSITION).filter((id) => policies.has(id)).map((id) => COMPOSITION[id] ?? id),
    blocklist: policies.has('passwordBlacklist'),
    // Keycloak has no built-in breached-password check; an extension policy would name itself so.
    breachedPasswordCheck: [...policies.keys()].some((id) => /pwned|breach|hibp/i.test(id)),
    notUsername: policies.has('notUsername') || policies.has('notContainsUsername'),
    notEmail: policies.has('notEmail'),
    source: policies.size ? `realm passwordPolicy: ${[...policies.keys()].join(', ')}` : 'realm passwordPolicy: none set',
  };
  const minLength = policyNumber(policies, 'length');
  const maxLength = policyNumber(policies, 'maxLength');
  const expiryDays = policyNumber(policies, 'forceExpiredPasswordChange');
  const historyCount = policyNumber(policies, 'passwordHistory');
  if (minLength !== undefined) facts.minLength = minLength;
  if (maxLength !== undefined) facts.maxLength = maxLength;
  if (expiryDays !== undefined && expiryDays > 0) facts.expiryDays = expiryDays;
  if (historyCount !== undefined) facts.historyCount = historyCount;
  return facts;
}

// ---------------------------------------------------------------------------------------------

export function bruteForceFacts(realm: Json): BruteForceFacts {
  const on = bool(realm.bruteForceProtected) === true;
  const permanent = bool(realm.permanentLockout) === true;
  const facts: BruteForceFacts = {
    accountLockout: on,
    // Keycloak itself has no per-IP throttling or bot defence; a proxy or WAF in front may, and is not visible here.
    ipThrottling: 'unknown',
    botDetection: 'unknown',
  };
  if (!on) {
    facts.detail = 'bruteForceProtected is false: failed logins are not limited per account';
    return facts;
  }
  const failureFactor = num(realm.failureFactor);
  if (failureFactor !== undefined) facts.maxAttempts = failureFactor;
  facts.permanentLockout = permanent;
  // A temporary lockout ends by itself; a permanent one disables the user until an admin enables them.
  facts.selfServiceUnlock = !permanent;
  const parts = [
    `failureFactor ${failureFactor ?? '?'}`,
    `waitIncrementSeconds ${num(realm.waitIncrementSeconds) ?? '?'}`,
    `maxFailureWaitSeconds ${num(realm.maxFailureWaitSeconds) ?? '?'}`,
    permanent ? `permanentLockout after ${num(realm.maxTemporaryLockouts) ?? 0} temporary lockouts` : 'temporary lockout',
  ];
  const strategy = str(realm.bruteForceStrategy);
  if (strategy) parts.push(`strategy ${strategy}`);
  facts.detail = parts.join(', ');
  return facts;
}

export function sessionFacts(realm: Json): SessionFacts {
  const facts: SessionFacts = {};
  const idle = limitSeconds(realm.ssoSessionIdleTimeout);
  const absolute = limitSeconds(realm.ssoSessionMaxLifespan);
  if (idle !== undefined) facts.idleSeconds = idle;
  if (absolute !== undefined) facts.absoluteSeconds = absolute;
  if (bool(realm.rememberMe) === true) {
    // Remember-me values of 0 fall back to the normal SSO values (Keycloak server admin guide, "Session and token timeouts").
    const rIdle = limitSeconds(realm.ssoSessionIdleTimeoutRememberMe);
    const rAbsolute = limitSeconds(realm.ssoSessionMaxLifespanRememberMe);
    facts.rememberMe = { idleSeconds: rIdle ?? idle ?? null, absoluteSeconds: rAbsolute ?? absolute ?? null };
  }
  return facts;
}

export function tokenPolicyFacts(realm: Json): TokenPolicyFacts {
  const facts: TokenPolicyFacts = {};
  const access = num(realm.accessTokenLifespan);
  const code = num(realm.accessCodeLifespan);
  if (access !== undefined) facts.accessTokenSeconds = access;
  if (code !== undefined) facts.authorizationCodeSeconds = code;
  const revoke = bool(realm.revokeRefreshToken);
  facts.refreshRotation = revoke === undefined ? 'unknown' : revoke ? 'rotating' : 'static';
  const reuse = num(realm.refreshTokenMaxReuse);
  if (revoke && reuse !== undefined) facts.refreshReuseLimit = reuse;
  // Online refresh tokens end with the client session, which defaults to the SSO session.
  const absolute = limitSeconds(realm.clientSessionMaxLifespan) ?? limitSeconds(realm.ssoSessionMaxLifespan);
  const idle = limitSeconds(realm.clientSessionIdleTimeout) ?? limitSeconds(realm.ssoSessionIdleTimeout);
  if (absolute !== undefined) facts.refreshAbsoluteSeconds = absolute;
  if (idle !== undefined) facts.refreshIdleSeconds = idle;
  return facts;
}

/** `sslRequired`: all, external (https except from private addresses, the default) or none. */
export function sslRequired(realm: Json): 'all' | 'external' | 'none' | 'other' {
  const value = str(realm.sslRequired)?.toLowerCase();
  return value === 'all' || value === 'external' || value === 'none' ? value : 'other';
}

// ---------------------------------------------------------------------------------------------
// Events: the same member names in RealmEventsConfigRepresentation and RealmRepresentation

/** Listeners that ship with Keycloak and do not send events anywhere else. */
const LOCAL_LISTENERS = new Set(['jboss-logging', 'email']);

export function monitoringFacts(events: Json): MonitoringFacts {
  const expiration = num(events.eventsExpiration);
  const types = strings(events.enabledEventTypes);
  const listeners = strings(events.eventsListeners);
  return {
    userEvents: {
      enabled: bool(events.eventsEnabled) ?? 'unknown',
      // No expiration: stored events are kept until deleted.
      retentionDays: expiration && expiration > 0 ? expiration / 86_400 : null,
      // An empty list means every event type (Keycloak stores all enabled-by-default types).
      types: types.length ? types : 'all',
    },
    adminEvents: { enabled: bool(events.adminEventsEnabled) === true, details: bool(events.adminEventsDetailsEnabled) === true },
    streams: listeners.filter((l) => !LOCAL_LISTENERS.has(l)).map((name) => ({ name, type: 'event-listener', status: 'active' as const })),
    listeners,
    riskAnalytics: { produced: 'unknown', detail: 'Keycloak produces no risk analytics of its own; attest any external analytics' },
  };
}

/** Event listeners beyond Keycloak's local ones push every event they are given to another system. */
export function lifecycleChannels(events: Json): NonNullable<ProvisioningFacts['lifecycleChannels']> {
  const types = strings(events.enabledEventTypes);
  return strings(events.eventsListeners)
    .filter((l) => !LOCAL_LISTENERS.has(l))
    // Listeners receive every event whether or not events are stored; '*' stands for all types.
    .map((name) => ({ kind: 'event-listener' as const, name, active: true, events: types.length ? types : ['*'] }));
}

/** `acr.loa.map` realm attribute (JSON object of ACR value to level): step-up authentication is configured. */
export function acrLoaMap(realm: Json): string[] {
  const attributes = realm.attributes;
  const raw = typeof attributes === 'object' && attributes !== null ? (attributes as Json)['acr.loa.map'] : undefined;
  if (typeof raw !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? Object.keys(parsed).sort() : [];
  } catch {
    return [];
  }
}
