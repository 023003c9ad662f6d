import { observed, unknownObservation, type Observation } from '../../src/model/observation.js';
import type { BruteForceFacts, PasswordPolicyFacts, RegistrationFacts, SessionFacts } from '../../src/model/store-facts.js';
import { at, bool, isObject, list, num, str, strings, type JsonObject } from './json.js';
import { activePolicies, policyLabel, ruleView } from './policy-rules.js';
import type { OktaRawCollection } from './raw.js';

/**
 * Pure: PASSWORD, OKTA_SIGN_ON and PROFILE_ENROLLMENT policies (GET /api/v1/policies?type=…) and
 * their rules to password, brute-force, session and registration facts. Where an org has several
 * active policies of a type, the weakest one is reported: some customers are subject to it.
 */
export function passwordPolicyFacts(raw: OktaRawCollection): Observation<PasswordPolicyFacts> {
  const policies = activePolicies(raw.policies.PASSWORD);
  if (!policies) return forward(raw.policies.PASSWORD);
  const weakest = [...policies].sort((a, b) => (minLength(a) ?? 0) - (minLength(b) ?? 0))[0];
  if (!weakest) return unknownObservation({ kind: 'not-observed', detail: 'no active PASSWORD policy in the org' });
  const complexity = at(weakest, 'settings.password.complexity');
  const composition = [
    ['minLowerCase', 'lower'],
    ['minUpperCase', 'upper'],
    ['minNumber', 'digits'],
    ['minSymbol', 'special'],
  ]
    .filter(([field]) => (num(complexity, field ?? '') ?? 0) > 0)
    .map(([, name]) => name ?? '');
  const facts: PasswordPolicyFacts = {
    composition,
    blocklist: bool(complexity, 'dictionary.common.exclude') === true,
    breachedPasswordCheck: breachedCheck(weakest),
    source: `PASSWORD policy ${policyLabel(weakest)}${policies.length > 1 ? ` (weakest of ${policies.length} active)` : ''}`,
  };
  const length = minLength(weakest);
  if (length !== undefined) facts.minLength = length;
  const maxAge = num(weakest, 'settings.password.age.maxAgeDays');
  if (maxAge) facts.expiryDays = maxAge;
  const history = num(weakest, 'settings.password.age.historyCount');
  if (history !== undefined) facts.historyCount = history;
  const excludeUsername = bool(complexity, 'excludeUsername');
  if (excludeUsername !== undefined) facts.notUsername = excludeUsername;
  return observed(facts);
}

function minLength(policy: JsonObject): number | undefined {
  return num(policy, 'settings.password.complexity.minLength');
}

/** `settings.password.breachedProtection` (Okta's breached-password protection) acts when it expires or logs out. */
function breachedCheck(policy: JsonObject): boolean | 'unknown' {
  const breached = at(policy, 'settings.password.breachedProtection');
  if (!isObject(breached)) return 'unknown';
  return num(breached, 'expireAfterDays') !== undefined || bool(breached, 'logoutEnabled') === true || str(breached, 'delegatedWorkflowId') !== undefined;
}

export function bruteForceFacts(raw: OktaRawCollection): Observation<BruteForceFacts> {
  const policies = activePolicies(raw.policies.PASSWORD);
  if (!policies) return forward(raw.policies.PASSWORD);
  // maxAttempts 0 (or absent) means no lockout: the weakest policy has the smallest positive-or-zero score.
  const attemptsOf = (p: JsonObject) => num(p, 'settings.password.lockout.maxAttempts') ?? 0;
  const weakest = [...policies].sort((a, b) => lockoutStrength(attemptsOf(a)) - lockoutStrength(attemptsOf(b)))[0];
  if (!weakest) return unknownObservation({ kind: 'not-observed', detail: 'no active PASSWORD policy in the org' });
  const maxAttempts = attemptsOf(weakest);
  const threat = raw.threatInsight.state === 'observed' ? str(raw.threatInsight.value, 'action') : undefined;
  const facts: BruteForceFacts = {
    accountLockout: maxAttempts > 0,
    ipThrottling: threat === undefined ? 'unknown' : threat === 'block',
    // Okta's CAPTCHA integration (/api/v1/captchas) is not read: bot defence stays unknown.
    botDetection: 'unknown',
    detail: `lockout from ${policyLabel(weakest)}; ThreatInsight ${threat ?? 'not read'}${blocklistZones(raw)}`,
  };
  if (maxAttempts > 0) {
    facts.maxAttempts = maxAttempts;
    const unlock = num(weakest, 'settings.password.lockout.autoUnlockMinutes');
    facts.permanentLockout = !unlock;
  }
  facts.selfServiceUnlock = selfServiceUnlock(raw, weakest);
  return observed(facts);
}

/** No lockout is the weakest; otherwise more allowed attempts is weaker. */
function lockoutStrength(maxAttempts: number): number {
  return maxAttempts <= 0 ? -Infinity : -maxAttempts;
}

function selfServiceUnlock(raw: OktaRawCollection, policy: JsonObject): boolean | 'unknown' {
  if (raw.policies.PASSWORD.state === 'unknown') return 'unknown';
  const entry = raw.policies.PASSWORD.value.find((p) => p.policy === policy);
  if (!entry?.rules || entry.rules.state === 'unknown') return 'unknown';
  return entry.rules.value.some((r) => str(r, 'actions.selfServiceUnlock.access') === 'ALLOW');
}

function blocklistZones(raw: OktaRawCollection): string {
  if (raw.zones.state === 'unknown') return '';
  const blocked = raw.zones.value.filter((z) => str(z, 'usage') === 'BLOCKLIST' && str(z, 'status') === 'ACTIVE').length;
  return blocked ? `; ${blocked} active blocklist network zone(s)` : '';
}

/** OKTA_SIGN_ON rules: `actions.signon.session.maxSessionIdleMinutes` / `maxSessionLifetimeMinutes`, 0 = no limit. */
export function sessionFacts(raw: OktaRawCollection): Observation<SessionFacts> {
  const view = ruleView(raw.policies.OKTA_SIGN_ON);
  if (!view) return forward(raw.policies.OKTA_SIGN_ON);
  if (!view.complete) return unknownObservation({ kind: 'collection-error', detail: 'some global session policy rules could not be read' });
  const allowing = view.rules.filter((r) => str(r, 'actions.signon.access') === 'ALLOW');
  if (allowing.length === 0) return unknownObservation({ kind: 'not-observed', detail: 'no active global session policy rule allows sign-in' });
  return observed({
    idleSeconds: longest(allowing.map((r) => num(r, 'actions.signon.session.maxSessionIdleMinutes'))),
    absoluteSeconds: longest(allowing.map((r) => num(r, 'actions.signon.session.maxSessionLifetimeMinutes'))),
  });
}

/** The longest limit in seconds; `null` when one rule has none (0 or absent means unlimited in Okta). */
function longest(minutes: Array<number | undefined>): number | null {
  if (minutes.some((m) => !m)) return null;
  return Math.max(...minutes.map((m) => m ?? 0)) * 60;
}

/**
 * PROFILE_ENROLLMENT rules (`actions.profileEnrollment`): access ALLOW with unknownUserAction
 * REGISTER is self-service sign-up; `activationRequirements.emailVerification`;
 * `progressiveProfilingAction` ENABLED; `preRegistrationInlineHooks`.
 */
export function registrationFacts(raw: OktaRawCollection): Observation<RegistrationFacts> {
  const view = ruleView(raw.policies.PROFILE_ENROLLMENT);
  if (!view) return forward(raw.policies.PROFILE_ENROLLMENT);
  const actions = view.rules.map((r) => at(r, 'actions.profileEnrollment')).filter(isObject);
  const signup = actions.filter((a) => str(a, 'access') === 'ALLOW' && str(a, 'unknownUserAction') === 'REGISTER');
  const progressive = actions.filter((a) => str(a, 'progressiveProfilingAction') === 'ENABLED');
  const hooks = new Set(actions.flatMap((a) => list(a, 'preRegistrationInlineHooks').map((h) => str(h, 'inlineHookId') ?? '')));
  const selfService: boolean | 'unknown' = signup.length > 0 ? true : view.complete ? false : 'unknown';
  const facts: RegistrationFacts = {
    selfService,
    // Okta's sign-up CAPTCHA is an org setting outside these policies: not observed.
    botProtection: 'unknown',
    emailVerification: emailVerification(signup.length > 0 ? signup : actions, view.complete),
    progressiveProfiling: progressive.length > 0
      ? { enabled: true, mechanism: `Okta profile enrollment progressive profiling (${progressive.flatMap((a) => list(a, 'profileAttributes')).length} attribute(s))` }
      : { enabled: view.complete ? false : 'unknown' },
    preRegistrationHooks: hooks.size,
  };
  const identifiers = actions.flatMap((a) => strings(a, 'allowedIdentifiers'));
  if (identifiers.length) facts.emailAsUsername = identifiers.every((i) => i === 'email');
  return observed(facts);
}

function emailVerification(actions: JsonObject[], complete: boolean): RegistrationFacts['emailVerification'] {
  if (actions.length === 0) return complete ? 'optional' : 'unknown';
  return actions.every((a) => bool(a, 'activationRequirements.emailVerification') === true) ? 'required' : 'optional';
}

/** An unread source makes the derived section unknown for the same reason. */
export function forward<T>(source: Observation<unknown>): Observation<T> {
  return source.state === 'unknown' ? unknownObservation(source.reason) : unknownObservation({ kind: 'not-observed', detail: 'not read' });
}
