import { observed, unknownObservation, type Observation } from '../../src/model/observation.js';
import type { AuthenticationFacts, BruteForceFacts, FactorType, PasswordPolicyFacts } from '../../src/model/store-facts.js';
import { botDetectionActive } from './map-protection.js';
import { orUnknown, valueOf } from './observations.js';
import type { Auth0Collected, BreachedPasswordRecord, DatabaseConnectionRecord } from './records.js';
import { SCOPES } from './scopes.js';

/**
 * Password policy, online-guessing limits and MFA, from the database connections, attack
 * protection and Guardian. Where a tenant has several database connections the weakest one is
 * reported: an attacker picks the weakest door.
 */

/**
 * Auth0's password-strength presets (https://auth0.com/docs/authenticate/database-connections/password-strength):
 * none (≥1 character, the API default when unset), low (≥6), fair (≥8, lower+upper+digit),
 * good (≥8, three of lower/upper/digit/special), excellent (≥10, three of four, no more than two
 * identical characters in a row).
 */
const PRESETS: Record<string, { minLength: number; composition: string[] }> = {
  none: { minLength: 1, composition: [] },
  low: { minLength: 6, composition: [] },
  fair: { minLength: 8, composition: ['lower', 'upper', 'digits'] },
  good: { minLength: 8, composition: ['3 of: lower, upper, digits, special'] },
  excellent: { minLength: 10, composition: ['3 of: lower, upper, digits, special', 'no more than 2 identical characters in a row'] },
};

export function passwordPolicyFacts(c: Auth0Collected): Observation<PasswordPolicyFacts> | undefined {
  if (c.databases.state === 'unknown') return unknownObservation(c.databases.reason);
  const databases = c.databases.value;
  if (databases.length === 0) return undefined; // no database connection: no passwords to judge
  const unread = databases.filter((d) => !d.optionsRead).map((d) => d.name);
  if (unread.length) return noOptions(unread);
  const breached = orUnknown(c.breachedPasswords, breachedCheck);
  const policies = databases.map((d) => connectionPolicy(d, breached)).sort(weakestFirst);
  const weakest = policies[0];
  if (!weakest) return undefined;
  const others = databases.length - 1;
  return observed({ ...weakest, source: others ? `${weakest.source}; the weakest of ${databases.length} database connections` : weakest.source });
}

function noOptions(names: string[]): Observation<never> {
  return unknownObservation({
    kind: 'no-permission',
    permission: SCOPES.connectionOptions,
    detail: `the database connection(s) ${names.map((n) => `"${n}"`).join(', ')} came back without their options`,
    remediation: `grant ${SCOPES.connectionOptions} to the scanner's machine-to-machine application`,
  });
}

/** Breached-password detection that stops a breached password from being set or used. */
function breachedCheck(record: BreachedPasswordRecord): boolean {
  return record.enabled && (record.preRegistration || record.preChangePassword || record.shields.includes('block'));
}

function connectionPolicy(d: DatabaseConnectionRecord, breached: boolean | 'unknown'): PasswordPolicyFacts {
  const presetName = d.passwordPolicy ?? 'none';
  const preset = PRESETS[presetName];
  const facts: PasswordPolicyFacts = {
    composition: preset?.composition ?? [],
    blocklist: d.dictionary === true,
    breachedPasswordCheck: breached,
    source: `database connection "${d.name}" (options.passwordPolicy: ${d.passwordPolicy ?? 'unset'}${d.minLength !== undefined ? `, min_length ${d.minLength}` : ''})`,
  };
  // password_complexity_options.min_length overrides the preset's length.
  const minLength = d.minLength ?? preset?.minLength;
  if (minLength !== undefined) facts.minLength = minLength;
  if (d.history?.enabled && d.history.size !== undefined) facts.historyCount = d.history.size;
  if (d.noPersonalInfo !== undefined) {
    facts.notUsername = d.noPersonalInfo;
    facts.notEmail = d.noPersonalInfo;
  }
  return facts;
}

function weakestFirst(a: PasswordPolicyFacts, b: PasswordPolicyFacts): number {
  const length = (a.minLength ?? 0) - (b.minLength ?? 0);
  if (length !== 0) return length;
  return Number(a.blocklist === true) - Number(b.blocklist === true);
}

export function bruteForceFacts(c: Auth0Collected): Observation<BruteForceFacts> {
  if (c.bruteForce.state === 'unknown') return unknownObservation(c.bruteForce.reason);
  const bf = c.bruteForce.value;
  // The tenant switch only protects database connections whose own `brute_force_protection` is on.
  const databases = valueOf(c.databases);
  const unprotected = (databases ?? []).filter((d) => d.bruteForceProtection === false).map((d) => d.name);
  const blocks = bf.enabled && bf.shields.includes('block');
  const facts: BruteForceFacts = {
    accountLockout: blocks && unprotected.length === 0,
    ipThrottling: orUnknown(c.ipThrottling, (ip) => ip.enabled && ip.shields.includes('block') && ip.preLogin),
    botDetection: orUnknown(c.botDetection, botDetectionActive),
    // The notification email carries the unblock link.
    selfServiceUnlock: blocks && bf.shields.includes('user_notification') ? true : 'unknown',
    detail: [
      `brute-force protection ${bf.enabled ? 'on' : 'off'}`,
      `shields: ${bf.shields.join(', ') || 'none'}`,
      ...(bf.mode ? [`mode ${bf.mode}`] : []),
      ...(unprotected.length ? [`brute_force_protection off on connection(s) ${unprotected.join(', ')}`] : []),
      ...(databases ? [] : ['the per-connection brute_force_protection switches could not be read']),
    ].join('; '),
  };
  if (bf.maxAttempts !== undefined) facts.maxAttempts = bf.maxAttempts;
  return observed(facts);
}

/** Guardian factor names: https://auth0.com/docs/secure/multi-factor-authentication/multi-factor-authentication-factors. */
const FACTOR_TYPES: Record<string, FactorType> = {
  sms: 'sms',
  email: 'email',
  otp: 'otp',
  'push-notification': 'push',
  'webauthn-roaming': 'webauthn',
  'webauthn-platform': 'webauthn',
  'recovery-code': 'recovery-code',
  duo: 'duo',
};

export function authenticationFacts(c: Auth0Collected): Observation<AuthenticationFacts> {
  if (c.factors.state === 'unknown') return unknownObservation(c.factors.reason);
  const factors: AuthenticationFacts['factors'] = c.factors.value.map((f) => ({ type: FACTOR_TYPES[f.name] ?? 'other', name: f.name, enabled: f.enabled }));
  for (const d of valueOf(c.databases) ?? []) {
    if (d.passkey !== undefined) factors.push({ type: 'passkey', name: `passkey (connection ${d.name})`, enabled: d.passkey });
  }
  const policies = valueOf(c.mfaPolicies);
  const anyEnabled = factors.some((f) => f.enabled && f.type !== 'passkey' && f.type !== 'recovery-code');
  const facts: AuthenticationFacts = {
    factors,
    mfaPolicy: mfaPolicy(policies, anyEnabled),
    adaptive: {
      riskBased: policies ? policies.includes('confidence-score') : 'unknown',
      // Step-up through acr_values is decided in Actions, which the API shows only as code.
      stepUp: 'unknown',
      mechanisms: policies?.includes('confidence-score') ? ['guardian policy confidence-score (Adaptive MFA)'] : [],
    },
    passwordLogin: orUnknown(c.databases, (dbs) => dbs.some((d) => d.passwordLogin !== false)),
  };
  facts.mfaPolicyDetail = policies
    ? `guardian policies: [${policies.join(', ')}]${policies.length === 0 ? '; MFA applies only where a post-login Action requests it' : ''}`
    : `the MFA policy could not be read (${SCOPES.mfaPolicies})`;
  return observed(facts);
}

function mfaPolicy(policies: string[] | undefined, anyEnabled: boolean): AuthenticationFacts['mfaPolicy'] {
  if (!policies) return 'unknown';
  if (policies.includes('all-applications')) return 'always';
  if (policies.includes('confidence-score')) return 'conditional';
  return anyEnabled ? 'optional' : 'none';
}
