import { defineRule } from '../../src/rules-engine/define.js';
import { enabledFactors, factorLabel, nameSome, secondFactors, storeFindings, undetermined } from '../../src/rules-engine/authenticators.js';

export default defineRule({
  meta: {
    id: 'MFA-ENABLED-POLICY',
    title: 'A second factor exists and a policy applies it',
    severity: 'high',
    area: 'mfa',
    process: 'authentication',
    tier: 'T2',
    messages: {
      enforced: 'A second factor is enabled ({{factors}}) and the policy applies it {{policy}}.',
      optIn: 'Second factors are enabled ({{factors}}) but no policy requires them (policy: {{policy}}): MFA is left to each customer.',
      noFactor: 'No authenticator other than the password is enabled for customers{{extra}}.',
      noLocalLogin: 'Password login is off and no local authenticator is enabled: customers authenticate at upstream identity providers, where MFA must be judged.',
    },
    rationale:
      'Accounts protected by a password alone fall to credential stuffing and phishing. SP 800-63B-4 asks verifiers to offer multi-factor authentication even at AAL1 and requires two factors at AAL2; an enabled factor that no policy requests protects only the few customers who opt in.',
    remediation:
      'Enable at least one second factor (WebAuthn/passkeys first, then TOTP) and apply it by policy: Keycloak — an OTP/WebAuthn step REQUIRED or CONDITIONAL in the browser flow plus the CONFIGURE_TOTP / webauthn-register required actions; Auth0 — Guardian policy `all-applications` or `confidence-score`; Okta — an authentication (ACCESS_POLICY) rule requiring two factors for at least the high-risk apps.',
    references: [
      { spec: 'NIST SP 800-63B-4', section: '2.1, 2.2.1' },
      { spec: 'Keycloak Admin REST API', section: 'authentication flows, required actions' },
      { spec: 'Auth0 Management API v2', section: 'guardian factors, guardian policies' },
      { spec: 'Okta Management API', section: 'authenticators, access policies' },
    ],
  },
  check(inventory) {
    return storeFindings(inventory, 'authentication', (entry, auth) => {
      const enabled = enabledFactors(auth);
      const factors = secondFactors(auth);
      const evidence = {
        enabledFactors: enabled.map(factorLabel),
        secondFactors: factors.length,
        mfaPolicy: auth.mfaPolicy,
        ...(auth.mfaPolicyDetail !== undefined ? { mfaPolicyDetail: auth.mfaPolicyDetail } : {}),
        passwordLogin: auth.passwordLogin,
        // INFO: the share of customers enrolled in a second factor, when the API exposes it.
        enrolmentRate: auth.enrolmentRate !== undefined ? Math.round(auth.enrolmentRate * 10_000) / 10_000 : null,
      };
      const base = { targetId: entry.targetId, subject: entry.subject, evidence };
      if (factors.length === 0) {
        // A federation-only store (no password, no local authenticator) delegates authentication upstream.
        if (auth.passwordLogin === false) return { ...base, outcome: 'n/a', messageId: 'noLocalLogin' };
        // Recovery codes and security questions are listed but are not second factors.
        const extra = enabled.length ? ` (only ${nameSome(enabled.map(factorLabel))}, which are not second factors)` : '';
        return { ...base, outcome: 'fail', messageId: 'noFactor', data: { extra } };
      }
      const names = nameSome(factors.map(factorLabel));
      if (auth.mfaPolicy === 'always') return { ...base, outcome: 'pass', messageId: 'enforced', data: { factors: names, policy: 'on every login' } };
      if (auth.mfaPolicy === 'conditional') {
        const policy = `conditionally${auth.mfaPolicyDetail ? ` (${auth.mfaPolicyDetail})` : ' (to some apps, risks or actions)'}`;
        return { ...base, outcome: 'pass', messageId: 'enforced', data: { factors: names, policy } };
      }
      if (auth.mfaPolicy === 'optional' || auth.mfaPolicy === 'none') {
        return { ...base, outcome: 'warn', messageId: 'optIn', data: { factors: names, policy: auth.mfaPolicy } };
      }
      return undetermined(entry, ['whether any policy requires the enabled second factors'], evidence);
    });
  },
});
