import { booleanAt, numberAt, objectAt, objectsOf, present, stringAt, stringsAt } from './json-read.js';
import type { BotDetectionRecord, BreachedPasswordRecord, BruteForceRecord, FactorRecord, IpThrottlingRecord } from './records.js';

/**
 * Attack protection (`GET /api/v2/attack-protection/*`) and Guardian MFA (`GET /api/v2/guardian/*`).
 * Shapes after the Management API reference:
 * https://auth0.com/docs/api/management/v2/attack-protection/get-brute-force-protection and siblings,
 * https://auth0.com/docs/api/management/v2/guardian/get-factors, .../get-policies.
 */

export function bruteForceRecord(document: unknown): BruteForceRecord {
  const record: BruteForceRecord = { enabled: booleanAt(document, 'enabled') === true, shields: stringsAt(document, 'shields') ?? [] };
  const max = numberAt(document, 'max_attempts');
  if (max !== undefined) record.maxAttempts = max;
  const mode = stringAt(document, 'mode');
  if (mode) record.mode = mode;
  return record;
}

export function ipThrottlingRecord(document: unknown): IpThrottlingRecord {
  const stage = objectAt(document, 'stage');
  return {
    enabled: booleanAt(document, 'enabled') === true,
    shields: stringsAt(document, 'shields') ?? [],
    preLogin: objectAt(stage, 'pre-login') !== undefined,
    preRegistration: objectAt(stage, 'pre-user-registration') !== undefined,
  };
}

export function breachedPasswordRecord(document: unknown): BreachedPasswordRecord {
  const stage = objectAt(document, 'stage');
  const blocks = (name: string) => (stringsAt(objectAt(stage, name), 'shields') ?? []).includes('block');
  const record: BreachedPasswordRecord = {
    enabled: booleanAt(document, 'enabled') === true,
    shields: stringsAt(document, 'shields') ?? [],
    preRegistration: blocks('pre-user-registration'),
    preChangePassword: blocks('pre-change-password'),
  };
  const method = stringAt(document, 'method');
  if (method) record.method = method;
  return record;
}

export function botDetectionRecord(document: unknown): BotDetectionRecord {
  const record: BotDetectionRecord = { monitoringOnly: booleanAt(document, 'monitoring_mode_enabled') === true };
  const level = stringAt(document, 'bot_detection_level');
  if (level) record.level = level;
  const password = stringAt(document, 'challenge_password_policy');
  if (password) record.passwordPolicy = password;
  const passwordless = stringAt(document, 'challenge_passwordless_policy');
  if (passwordless) record.passwordlessPolicy = passwordless;
  return record;
}

/** Bot detection challenges someone: a CAPTCHA policy other than `never`, not in monitoring mode. */
export function botDetectionActive(record: BotDetectionRecord): boolean {
  if (record.monitoringOnly) return false;
  return [record.passwordPolicy, record.passwordlessPolicy].some((p) => p !== undefined && p !== 'never');
}

/** `GET /guardian/factors`: `[{ name, enabled, trial_expired }]`. */
export function factorRecords(document: unknown): FactorRecord[] {
  return (objectsOf(document) ?? []).flatMap((f) => {
    const name = present(stringAt(f, 'name'));
    return name ? [{ name, enabled: booleanAt(f, 'enabled') === true }] : [];
  });
}

/** `GET /guardian/policies`: `[]`, `["all-applications"]` or `["confidence-score"]`. */
export function mfaPolicies(document: unknown): string[] {
  return Array.isArray(document) ? document.filter((p): p is string => typeof p === 'string') : [];
}
