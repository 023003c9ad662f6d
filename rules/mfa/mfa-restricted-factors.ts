import { defineRule } from '../../src/rules-engine/define.js';
import { enabledFactors, factorLabel, isPstn, isUnrestrictedAlternative, nameSome, storeFindings, undetermined } from '../../src/rules-engine/authenticators.js';

export default defineRule({
  meta: {
    id: 'MFA-RESTRICTED-FACTORS',
    title: 'Weak authentication factors are not the only option',
    severity: 'medium',
    area: 'mfa',
    process: 'authentication',
    tier: 'T2',
    messages: {
      securityQuestion: 'Security questions are enabled as an authentication factor ({{factors}}); SP 800-63B-4 does not accept knowledge-based authentication.{{more}}',
      restricted: 'Restricted or weak factors: {{problems}}.',
      unrestricted: 'No prohibited factor is enabled, and any restricted one has an unrestricted alternative (enabled: {{factors}}).',
      noFactors: 'No second factor is enabled (see MFA-ENABLED-POLICY).',
    },
    rationale:
      'SMS and voice codes can be intercepted or redirected (SIM swap, SS7) and are RESTRICTED authenticators; email is not an acceptable out-of-band channel; approve-only push invites push bombing; security questions are guessable and prohibited as an authentication factor. Where such factors are offered, customers need a stronger alternative.',
    remediation:
      'Offer an unrestricted alternative wherever SMS/voice is enabled (WebAuthn/passkeys, TOTP, number-matching push); do not use email as a second factor (Auth0 Guardian `email`, Okta `okta_email` as an MFA authenticator, Keycloak email-OTP extensions); turn on number matching for push (Okta Verify number challenge); deactivate security questions as an authenticator (Okta `security_question`).',
    references: [
      { spec: 'NIST SP 800-63B-4', section: '3.1.3, 3.1.3.1, 3.1.3.3, 3.2.9, 3.1.1.2' },
      { spec: 'Auth0 Management API v2', section: 'guardian factors' },
      { spec: 'Okta Management API', section: 'authenticators' },
    ],
  },
  check(inventory) {
    return storeFindings(inventory, 'authentication', (entry, auth) => {
      const enabled = enabledFactors(auth);
      const kba = enabled.filter((f) => f.type === 'security-question');
      const pstn = enabled.filter((f) => isPstn(f.type));
      const email = enabled.filter((f) => f.type === 'email');
      const push = enabled.filter((f) => f.type === 'push');
      const alternatives = enabled.filter((f) => isUnrestrictedAlternative(f.type));
      const approveOnly = push.filter((f) => f.numberMatching === false);
      const pushUnknown = push.filter((f) => f.numberMatching === undefined);
      const problems: string[] = [];
      if (pstn.length && alternatives.length === 0) problems.push(`${nameSome(pstn.map(factorLabel))} enabled without an unrestricted alternative`);
      if (email.length) problems.push(`email used as a second factor (${nameSome(email.map(factorLabel))})`);
      if (approveOnly.length) problems.push(`push without number matching (${nameSome(approveOnly.map(factorLabel))})`);
      const evidence = {
        enabledFactors: enabled.map(factorLabel),
        securityQuestions: kba.map(factorLabel),
        pstn: pstn.map(factorLabel),
        email: email.map(factorLabel),
        pushWithoutNumberMatching: approveOnly.map(factorLabel),
        pushNumberMatchingNotObserved: pushUnknown.map(factorLabel),
        unrestrictedAlternatives: alternatives.map(factorLabel),
      };
      const base = { targetId: entry.targetId, subject: entry.subject, evidence };
      if (kba.length) {
        return { ...base, outcome: 'fail', messageId: 'securityQuestion', data: { factors: nameSome(kba.map(factorLabel)), more: problems.length ? ` Also: ${problems.join('; ')}.` : '' } };
      }
      if (problems.length) return { ...base, outcome: 'warn', messageId: 'restricted', data: { problems: problems.join('; ') } };
      // Recovery codes alone are not a second factor: nothing to judge.
      if (enabled.every((f) => f.type === 'recovery-code')) return { ...base, outcome: 'n/a', messageId: 'noFactors' };
      if (pushUnknown.length) return undetermined(entry, [`whether push (${nameSome(pushUnknown.map(factorLabel))}) requires number matching`], evidence);
      return { ...base, outcome: 'pass', messageId: 'unrestricted', data: { factors: nameSome(enabled.map(factorLabel)) } };
    });
  },
});
