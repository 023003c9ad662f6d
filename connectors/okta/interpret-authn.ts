import { observed, type Observation } from '../../src/model/observation.js';
import type { AuthenticationFacts, FactorType } from '../../src/model/store-facts.js';
import { at, isObject, list, str, type JsonObject } from './json.js';
import { ruleView, type RuleView } from './policy-rules.js';
import type { OktaRawCollection } from './raw.js';

/**
 * Pure: authenticators (GET /api/v1/authenticators), the OKTA_SIGN_ON and ACCESS_POLICY rules,
 * ThreatInsight and behaviors to AuthenticationFacts. Paths: Okta Authenticators API (`key`,
 * `status`, `settings.allowedFor`, Okta Verify `settings.channelBinding`, WebAuthn
 * `settings.userVerification`) and Policies API (`actions.appSignOn.verificationMethod.factorMode`,
 * `actions.signon.requireFactor`, `conditions.riskScore`, `conditions.risk`, `conditions.network`).
 */
const FACTOR_TYPES: Record<string, FactorType> = {
  okta_email: 'email',
  phone_number: 'sms',
  okta_verify: 'push',
  google_otp: 'otp',
  webauthn: 'webauthn',
  security_question: 'security-question',
  duo: 'duo',
  symantec_vip: 'otp',
  rsa_token: 'otp',
  onprem_mfa: 'otp',
  yubikey_token: 'otp',
  custom_otp: 'otp',
  custom_app: 'push',
};

export function authenticationFacts(raw: OktaRawCollection): Observation<AuthenticationFacts> {
  if (raw.authenticators.state === 'unknown') return raw.authenticators;
  const authenticators = raw.authenticators.value;
  const factors = authenticators.filter((a) => str(a, 'key') !== 'okta_password').map(factorOf);
  const password = authenticators.find((a) => str(a, 'key') === 'okta_password');
  const access = ruleView(raw.policies.ACCESS_POLICY);
  const signOn = ruleView(raw.policies.OKTA_SIGN_ON);
  const mfa = mfaPolicy(access, signOn, factors.some((f) => f.enabled));
  const facts: AuthenticationFacts = {
    factors,
    mfaPolicy: mfa.policy,
    mfaPolicyDetail: mfa.detail,
    adaptive: adaptiveOf(raw, access, signOn),
    passwordLogin: password ? str(password, 'status') === 'ACTIVE' : 'unknown',
  };
  const webauthn = authenticators.find((a) => str(a, 'key') === 'webauthn');
  const uv = str(webauthn, 'settings.userVerification')?.toLowerCase();
  if (webauthn) facts.webauthnUserVerification = uv === 'required' || uv === 'preferred' || uv === 'discouraged' ? uv : 'unknown';
  return observed(facts);
}

function factorOf(authenticator: JsonObject): AuthenticationFacts['factors'][number] {
  const key = str(authenticator, 'key') ?? 'unknown';
  const allowedFor = str(authenticator, 'settings.allowedFor');
  // `allowedFor: recovery` (or none): the authenticator cannot be used to sign in.
  const forSignIn = allowedFor !== 'recovery' && allowedFor !== 'none';
  const factor: AuthenticationFacts['factors'][number] = {
    type: FACTOR_TYPES[key] ?? 'other',
    name: key,
    enabled: str(authenticator, 'status') === 'ACTIVE' && forSignIn,
  };
  const details: string[] = [];
  if (!forSignIn) details.push(`allowedFor ${allowedFor ?? ''}: recovery only`);
  if (key === 'okta_verify') {
    const required = str(authenticator, 'settings.channelBinding.required');
    const style = str(authenticator, 'settings.channelBinding.style');
    factor.numberMatching = style === 'NUMBER_CHALLENGE' && required === 'ALWAYS';
    details.push(style ? `number challenge ${required ?? 'unset'}` : 'no number challenge');
  }
  if (key === 'phone_number') details.push('SMS/voice (PSTN)');
  if (details.length) factor.detail = details.join('; ');
  return factor;
}

/** An access-policy rule that lets users in with two factors; a sign-on rule with requireFactor. */
function requiresMfa(rule: JsonObject, layer: 'access' | 'signon'): boolean {
  if (layer === 'access') {
    const method = at(rule, 'actions.appSignOn.verificationMethod');
    return str(method, 'factorMode') === '2FA' || str(method, 'type') === 'AUTH_METHOD_CHAIN';
  }
  return at(rule, 'actions.signon.requireFactor') === true;
}

function allows(rule: JsonObject, layer: 'access' | 'signon'): boolean {
  return str(rule, layer === 'access' ? 'actions.appSignOn.access' : 'actions.signon.access') === 'ALLOW';
}

function mfaPolicy(access: RuleView | undefined, signOn: RuleView | undefined, factorsEnabled: boolean): { policy: AuthenticationFacts['mfaPolicy']; detail: string } {
  const layers = [
    { name: 'access-policy', view: access, layer: 'access' as const },
    { name: 'global-session-policy', view: signOn, layer: 'signon' as const },
  ];
  const counts = layers.map(({ name, view, layer }) => {
    const allowing = view?.rules.filter((r) => allows(r, layer)) ?? [];
    return { name, view, allowing: allowing.length, requiring: allowing.filter((r) => requiresMfa(r, layer)).length };
  });
  const detail = counts.map((c) => (c.view ? `${c.requiring} of ${c.allowing} allowing ${c.name} rules require two factors${c.view.complete ? '' : ' (some rules unreadable)'}` : `${c.name} rules not read`)).join('; ');
  // One layer that requires two factors in every rule that lets a user in makes MFA unconditional.
  if (counts.some((c) => c.view?.complete && c.allowing > 0 && c.requiring === c.allowing)) return { policy: 'always', detail };
  if (counts.some((c) => c.requiring > 0)) return { policy: 'conditional', detail };
  if (counts.some((c) => !c.view?.complete)) return { policy: 'unknown', detail };
  return { policy: factorsEnabled ? 'optional' : 'none', detail };
}

function adaptiveOf(raw: OktaRawCollection, access: RuleView | undefined, signOn: RuleView | undefined): AuthenticationFacts['adaptive'] {
  const mechanisms = new Set<string>();
  let risk = false;
  let context = false;
  for (const rule of [...(access?.rules ?? []), ...(signOn?.rules ?? [])]) {
    const level = str(rule, 'conditions.riskScore.level') ?? str(rule, 'conditions.risk.level');
    if (level && level !== 'ANY') {
      risk = true;
      mechanisms.add(`policy rule with risk level ${level}`);
    }
    if (list(rule, 'conditions.risk.behaviors').length > 0) {
      risk = true;
      mechanisms.add('policy rule with behavior condition');
    }
    if (str(rule, 'conditions.network.connection') === 'ZONE') {
      context = true;
      mechanisms.add('policy rule with network-zone condition');
    }
    if (isObject(at(rule, 'conditions.device')) || list(rule, 'conditions.platform.include').length > 0) {
      context = true;
      mechanisms.add('policy rule with device or platform condition');
    }
  }
  const threat = raw.threatInsight.state === 'observed' ? str(raw.threatInsight.value, 'action') : undefined;
  if (threat === 'block') {
    risk = true;
    mechanisms.add('ThreatInsight blocks suspicious IPs before authentication');
  } else if (threat === 'audit') mechanisms.add('ThreatInsight in audit mode (logs only)');
  if (raw.behaviors.state === 'observed') {
    const active = raw.behaviors.value.filter((b) => str(b, 'status') === 'ACTIVE').length;
    if (active) mechanisms.add(`${active} behavior detection(s) active`);
  }
  const rulesKnown = access?.complete === true || signOn?.complete === true;
  return {
    riskBased: risk ? true : rulesKnown && raw.threatInsight.state === 'observed' ? false : 'unknown',
    stepUp: context || risk ? true : rulesKnown ? false : 'unknown',
    mechanisms: [...mechanisms].sort(),
  };
}
