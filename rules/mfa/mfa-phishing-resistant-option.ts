import { authorizationServers } from '../../src/inventory.js';
import { defineRule, notObserved, type Finding } from '../../src/rules-engine/define.js';
import { enabledFactors, factorLabel, forEachStoreSection, isPhishingResistant, nameSome, undetermined } from '../../src/rules-engine/authenticators.js';

/** Transport failures: whether the document exists is not known. */
const UNANSWERED = new Set(['CONNECT_TIMEOUT', 'TIMEOUT', 'DNS', 'CONNECTION_REFUSED', 'NETWORK', 'ABORTED', 'BUDGET_EXHAUSTED', 'RATE_LIMITED']);

function urlMember(json: Record<string, unknown> | undefined, member: string): string | undefined {
  const value = json?.[member];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export default defineRule({
  meta: {
    id: 'MFA-PHISHING-RESISTANT-OPTION',
    title: 'At least one phishing-resistant authenticator is offered to customers',
    severity: 'high',
    area: 'mfa',
    process: 'authentication',
    tier: 'T0',
    messages: {
      passkeyEndpoints:
        'Passkey endpoints are published ({{endpoints}}): a passkey signal. Whether WebAuthn is enabled for customers, and with which user verification, needs a read-only admin credential (T2); T0 cannot pass or fail this rule.',
      noPasskeyEndpoints:
        'No passkey endpoints document is published ({{detail}}). It is optional, so its absence says nothing: whether a phishing-resistant authenticator is offered needs a read-only admin credential (T2).',
      offered: 'A phishing-resistant authenticator is enabled for customers: {{factors}}{{uv}}.',
      weakVerification:
        'A phishing-resistant authenticator is enabled ({{factors}}), but WebAuthn user verification for passwordless sign-in is "{{uv}}", not "required": a passkey without user verification is a single factor.',
      none: 'No phishing-resistant authenticator (WebAuthn or passkey) is enabled for customers{{others}}.',
      noLocalLogin: 'Password login is off and no local authenticator is enabled: customers authenticate at upstream identity providers, where phishing resistance must be judged.',
    },
    rationale:
      'Passwords, OTP codes, SMS and approve-only push can all be relayed by a real-time phishing proxy; only authenticators bound to the origin (WebAuthn, passkeys) resist it. SP 800-63B-4 makes offering a phishing-resistant option a SHALL at AAL2.',
    remediation:
      'Enable WebAuthn/passkeys for customers: Keycloak — the webauthn-register / webauthn-register-passwordless required actions used in the browser flow, with webAuthnPolicyPasswordlessUserVerificationRequirement "required"; Auth0 — Guardian factors webauthn-platform / webauthn-roaming or the passkey authentication method of the database connection; Okta — the WebAuthn (FIDO2) authenticator ACTIVE. Optionally publish /.well-known/passkey-endpoints so that password managers can offer the upgrade.',
    references: [
      { spec: 'NIST SP 800-63B-4', section: '2.2.2, 3.2.5, Appendix B' },
      { spec: 'W3C A Well-Known URL for Relying Party Passkey Endpoints (Working Draft)' },
      { spec: 'Keycloak Admin REST API', section: 'required actions, realm webAuthnPolicyPasswordless*' },
      { spec: 'Auth0 Management API v2', section: 'guardian factors' },
      { spec: 'Okta Management API', section: 'authenticators' },
    ],
  },
  check(inventory) {
    const t0: Finding[] = authorizationServers(inventory).map((entry) => {
      const subject = entry.as.configuredIssuer;
      const probe = entry.as.probes.passkeyEndpoints;
      if (probe.state === 'unknown') return notObserved(entry.targetId, subject, probe.reason);
      const doc = probe.value;
      if (doc.error && UNANSWERED.has(doc.error.code)) {
        return notObserved(entry.targetId, subject, { kind: 'collection-error', detail: `the passkey endpoints document could not be fetched (${doc.error.message})`, error: doc.error });
      }
      if ((doc.status ?? 0) >= 500) return notObserved(entry.targetId, subject, { kind: 'collection-error', detail: `the passkey endpoints document answered HTTP ${doc.status ?? '?'}` });
      const enroll = doc.valid ? urlMember(doc.json, 'enroll') : undefined;
      const manage = doc.valid ? urlMember(doc.json, 'manage') : undefined;
      const evidence = { url: doc.url, status: doc.status ?? null, valid: doc.valid, enroll: enroll ?? null, manage: manage ?? null };
      const base = { targetId: entry.targetId, subject, evidence };
      if (enroll || manage) {
        const endpoints = [enroll ? `enroll ${enroll}` : '', manage ? `manage ${manage}` : ''].filter(Boolean).join(', ');
        return { ...base, outcome: 'info', messageId: 'passkeyEndpoints', data: { endpoints } };
      }
      const detail = doc.valid
        ? 'the document has neither "enroll" nor "manage"'
        : doc.status === 200
          ? `the answer is not a JSON object (${doc.problem ?? 'invalid'})`
          : `HTTP ${doc.status ?? '?'}`;
      return { ...base, outcome: 'info', messageId: 'noPasskeyEndpoints', data: { detail } };
    });
    const t2 = forEachStoreSection(inventory, 'authentication', (entry, auth) => {
      const enabled = enabledFactors(auth);
      const resistant = enabled.filter((f) => isPhishingResistant(f.type));
      // Passwordless use: a passkey factor, or a store without password login.
      const passwordless = resistant.some((f) => f.type === 'passkey') || auth.passwordLogin === false;
      const uv = auth.webauthnUserVerification;
      const evidence = {
        phishingResistant: resistant.map(factorLabel),
        enabledFactors: enabled.map(factorLabel),
        passwordless,
        webauthnUserVerification: uv ?? null,
        passwordLogin: auth.passwordLogin,
      };
      const base = { targetId: entry.targetId, subject: entry.subject, evidence };
      if (resistant.length === 0) {
        if (auth.passwordLogin === false && enabled.length === 0) return { ...base, outcome: 'n/a', messageId: 'noLocalLogin' };
        const others = enabled.length ? ` (enabled: ${nameSome(enabled.map(factorLabel))})` : '';
        return { ...base, outcome: 'fail', messageId: 'none', data: { others } };
      }
      const factors = nameSome(resistant.map(factorLabel));
      if (passwordless && (uv === 'preferred' || uv === 'discouraged')) {
        return { ...base, outcome: 'warn', messageId: 'weakVerification', data: { factors, uv } };
      }
      // Passwordless use with a user-verification setting that was not observed: the WARN condition
      // cannot be excluded, so no pass.
      if (passwordless && uv !== 'required') {
        return undetermined(entry, ['whether WebAuthn user verification is required for passwordless sign-in'], evidence);
      }
      const uvNote = passwordless ? ' (user verification required for passwordless sign-in)' : '';
      return { ...base, outcome: 'pass', messageId: 'offered', data: { factors, uv: uvNote } };
    });
    return [...t0, ...t2];
  },
});
