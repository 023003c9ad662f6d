import { z } from 'zod';
import { defineRule } from '../../src/rules-engine/define.js';
import { observedValue, storeFindings, undetermined } from '../../src/rules-engine/authenticators.js';

/** SP 800-63B-4 §3.2.2: no more than 100 consecutive failed attempts on one account (normative, not tunable). */
const MAX_CONSECUTIVE_FAILURES = 100;

export default defineRule({
  meta: {
    id: 'AUTHN-ONLINE-GUESSING-LIMITS',
    title: 'Brute-force and credential-stuffing protection is on',
    severity: 'high',
    area: 'mfa',
    process: 'authentication',
    tier: 'T2',
    messages: {
      noLimit: 'Nothing limits failed sign-in attempts per account{{password}}: online guessing and credential stuffing are unbounded.',
      tooMany: 'The account limit allows {{maxAttempts}} consecutive failed attempts; SP 800-63B-4 allows at most 100.{{more}}',
      weak: 'Failed attempts per account are limited{{limit}}, but: {{problems}}.',
      limited: 'Failed attempts per account are limited{{limit}}, and IP throttling or bot defence complements it ({{complements}}).',
    },
    rationale:
      'Without a per-account limit an attacker can try passwords and OTP codes indefinitely; SP 800-63B-4 requires verifiers to rate-limit and to allow no more than 100 consecutive failures on one account. Per-account lockout alone does not stop credential stuffing spread over many accounts, so IP throttling and bot challenges complement it, and a permanent lockout without self-service recovery lets anyone lock customers out.',
    remediation:
      'Keycloak: bruteForceProtected true, failureFactor at most 100 (e.g. 10–30) with temporary lockout (waitIncrementSeconds / maxFailureWaitSeconds), not permanentLockout, plus IP throttling at the reverse proxy/WAF. Auth0: Attack Protection brute-force protection enabled (max_attempts ≤ 100), suspicious-IP throttling and bot detection on. Okta: PASSWORD policy lockout maxAttempts ≤ 100 with autoUnlockMinutes, and ThreatInsight in block mode.',
    references: [
      { spec: 'NIST SP 800-63B-4', section: '3.1.1.2, 3.2.2' },
      { spec: 'OAuth 2.1 (draft)', section: '7.7' },
      { spec: 'Keycloak Admin REST API', section: 'realm brute-force settings' },
      { spec: 'Auth0 Management API v2', section: 'attack protection' },
      { spec: 'Okta Management API', section: 'password policy lockout, ThreatInsight' },
    ],
    options: z.strictObject({
      /**
       * Target ids where the operator attests IP throttling or bot defence in front of the product
       * (WAF, reverse proxy, CDN): Keycloak has none of its own, so the scan cannot see it.
       */
      ipThrottlingAttested: z.array(z.string()).default([]),
    }),
  },
  check(inventory, _graph, options) {
    return storeFindings(inventory, 'bruteForce', (entry, product) => {
      const attested = options.ipThrottlingAttested.includes(entry.targetId);
      const bf = attested ? { ...product, ipThrottling: true as const } : product;
      const passwordLogin = observedValue(entry.store.authentication)?.passwordLogin ?? 'unknown';
      const evidence = {
        accountLockout: bf.accountLockout,
        maxAttempts: bf.maxAttempts ?? null,
        permanentLockout: bf.permanentLockout ?? null,
        selfServiceUnlock: bf.selfServiceUnlock ?? null,
        ipThrottling: bf.ipThrottling,
        botDetection: bf.botDetection,
        ipThrottlingAttested: attested,
        passwordLogin,
        ...(bf.detail !== undefined ? { detail: bf.detail } : {}),
      };
      const base = { targetId: entry.targetId, subject: entry.subject, evidence };
      if (!bf.accountLockout) {
        // Critical when passwords are accepted with no limit at all.
        const severity = passwordLogin === true ? 'critical' : 'high';
        return { ...base, outcome: 'fail', severity, messageId: 'noLimit', data: { password: passwordLogin === true ? ' while password login is enabled' : '' } };
      }
      const problems: string[] = [];
      const notObserved: string[] = [];
      if (bf.ipThrottling === false && bf.botDetection === false) problems.push('no IP-level throttling or bot defence');
      else if (bf.ipThrottling !== true && bf.botDetection !== true) notObserved.push('whether IP throttling or bot defence applies (attest a WAF or proxy with the ipThrottlingAttested option)');
      if (bf.permanentLockout === true) {
        if (bf.selfServiceUnlock === false) problems.push('lockout is permanent with no self-service unlock (anyone can lock customers out)');
        else if (bf.selfServiceUnlock !== true) notObserved.push('whether permanently locked customers can unlock themselves');
      }
      if (bf.maxAttempts !== undefined && bf.maxAttempts > MAX_CONSECUTIVE_FAILURES) {
        return { ...base, outcome: 'fail', messageId: 'tooMany', data: { maxAttempts: bf.maxAttempts, more: problems.length ? ` Also: ${problems.join('; ')}.` : '' } };
      }
      const limit = bf.maxAttempts !== undefined ? ` (after ${bf.maxAttempts} failures${bf.permanentLockout ? ', permanent lockout' : ''})` : '';
      if (problems.length) return { ...base, outcome: 'warn', messageId: 'weak', data: { limit, problems: problems.join('; ') } };
      if (bf.maxAttempts === undefined) notObserved.unshift('how many consecutive failures the account limit allows');
      if (notObserved.length) return undetermined(entry, notObserved, evidence);
      const complements = [bf.ipThrottling === true ? (attested ? 'IP throttling attested by the operator' : 'IP throttling') : '', bf.botDetection === true ? 'bot detection' : ''].filter(Boolean).join(', ');
      return { ...base, outcome: 'pass', messageId: 'limited', data: { limit, complements } };
    });
  },
});
