import { defineRule } from '../../src/rules-engine/define.js';
import { forEachStoreSection, serversOfStore, undetermined } from '../../src/rules-engine/authenticators.js';
import { forEachAuthorizationServer } from '../../src/rules-engine/subjects.js';

export default defineRule({
  meta: {
    id: 'REG-SELF-SERVICE-SIGNUP',
    title: 'Customers can self-register, and sign-up is protected against abuse',
    severity: 'medium',
    area: 'registration',
    process: 'registration',
    tier: 'T0',
    messages: {
      promptCreate: 'Standardised sign-up is advertised: prompt_values_supported contains "create" (OpenID Connect Initiating User Registration), so relying parties can send customers straight to registration.',
      noPromptCreate:
        'prompt=create is not advertised (prompt_values_supported: {{prompts}}). Sign-up may still exist; whether self-registration is on and protected needs a read-only admin credential (T2).',
      signupOff: 'Self-registration is off: accounts are created by administrators, imports or federation.',
      protected: 'Self-registration is on and protected against automated abuse ({{protection}}).',
      unprotected: 'Self-registration is on with no CAPTCHA, bot detection or throttling on sign-up: fake accounts and enumeration are unchecked.',
    },
    rationale:
      'Self-service sign-up is the entry point of a customer identity platform; unprotected, it invites fake accounts, enumeration of existing customers and SMS/email pumping. A standardised entry (`prompt=create`) lets every relying party start registration the same way.',
    remediation:
      'Protect sign-up with a bot challenge or throttling: Keycloak — a CAPTCHA step (registration-recaptcha-action) in the registration flow, plus throttling at the proxy; Auth0 — Bot Detection and the suspicious-IP throttling pre-user-registration stage; Okta — a profile-enrollment policy with a bot-protection/CAPTCHA setting and ThreatInsight. Advertise `prompt_values_supported` with `create` where registration is offered.',
    references: [
      { spec: 'OpenID Connect Initiating User Registration 1.0', section: '4.1, 4.2' },
      { spec: 'NIST SP 800-63B-4', section: '3.2.2' },
      { spec: 'Keycloak Admin REST API', section: 'realm registrationAllowed, registration flow' },
      { spec: 'Auth0 Management API v2', section: 'connections disable_signup, attack protection' },
      { spec: 'Okta Management API', section: 'profile enrollment policy' },
    ],
  },
  check(inventory) {
    const t0 = forEachAuthorizationServer(inventory, (entry) => {
      const prompts = entry.as.effective.promptValues;
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer, severity: 'info' as const, evidence: { promptValuesSupported: prompts ?? null } };
      if (prompts?.includes('create')) return { ...base, outcome: 'info', messageId: 'promptCreate' };
      return { ...base, outcome: 'info', messageId: 'noPromptCreate', data: { prompts: prompts?.length ? prompts.join(', ') : '(absent)' } };
    });
    const t2 = forEachStoreSection(inventory, 'registration', (entry, reg) => {
      const promptCreate = serversOfStore(inventory, entry)
        .filter((s) => s.as.discovery.metadata && s.as.effective.promptValues?.includes('create'))
        .map((s) => s.as.configuredIssuer);
      const evidence = {
        selfService: reg.selfService,
        botProtection: reg.botProtection,
        emailAsUsername: reg.emailAsUsername ?? null,
        preRegistrationHooks: reg.preRegistrationHooks ?? null,
        promptCreateIssuers: promptCreate,
      };
      const base = { targetId: entry.targetId, subject: entry.subject, evidence };
      if (reg.selfService === false) return { ...base, outcome: 'info', severity: 'info', messageId: 'signupOff' };
      if (reg.selfService === 'unknown') return undetermined(entry, ['whether customers can self-register'], evidence);
      if (reg.botProtection === true) {
        const protection = ['CAPTCHA, bot detection or throttling', reg.preRegistrationHooks ? `${reg.preRegistrationHooks} pre-registration hook(s)` : '', promptCreate.length ? 'prompt=create advertised' : '']
          .filter(Boolean)
          .join('; ');
        return { ...base, outcome: 'pass', messageId: 'protected', data: { protection } };
      }
      if (reg.botProtection === false) return { ...base, outcome: 'warn', messageId: 'unprotected' };
      return undetermined(entry, ['whether sign-up has a CAPTCHA, bot detection or throttling'], evidence);
    });
    return [...t0, ...t2];
  },
});
