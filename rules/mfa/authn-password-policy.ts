import { z } from 'zod';
import { identityStores } from '../../src/inventory.js';
import { defineRule, notObserved, type Finding } from '../../src/rules-engine/define.js';
import { noCredential, observedValue, serversWithoutStore, undetermined } from '../../src/rules-engine/authenticators.js';

// NIST SP 800-63B-4 §3.1.1.2 (normative values, not operator-tunable).
const MIN_LENGTH = 8;
/** Passwords that can be the only factor SHALL be at least 15 characters (item 1). */
const SINGLE_FACTOR_MIN_LENGTH = 15;
/** Verifiers SHOULD permit at least 64 characters (item 2). */
const MAX_LENGTH_FLOOR = 64;

export default defineRule({
  meta: {
    id: 'AUTHN-PASSWORD-POLICY',
    title: 'Password rules follow NIST SP 800-63B-4',
    severity: 'high',
    area: 'mfa',
    process: 'authentication',
    tier: 'T2',
    messages: {
      noPolicy: 'Password login is enabled but no password policy is configured: any password, however short or common, is accepted.',
      violations: 'The password policy ({{source}}) breaks SP 800-63B-4: {{problems}}.',
      weak: 'The password policy ({{source}}) is weaker than SP 800-63B-4 recommends: {{problems}}.',
      compliant: 'The password policy ({{source}}) follows SP 800-63B-4: minimum length {{minLength}}, {{screening}}, no composition rules, no periodic expiry.',
      noPasswords: 'Password login is disabled: password rules do not apply.',
    },
    rationale:
      'Length and screening against commonly used and breached passwords are what make passwords resist guessing; composition rules and forced periodic changes push customers to predictable patterns. SP 800-63B-4 requires at least 15 characters for passwords that can be the only factor (8 when always combined with another factor), a blocklist check, at least 64 permitted characters, and forbids composition rules and periodic changes.',
    remediation:
      'Keycloak passwordPolicy: `length(15) and maxLength(64) and passwordBlacklist(<file>) and notUsername and notEmail`, without digits/upperCase/lowerCase/specialChars and without forceExpiredPasswordChange. Auth0 database connection: password_complexity_options.min_length 15, password_dictionary enabled, passwordPolicy without character-class requirements, plus Attack Protection breached-password detection. Okta PASSWORD policy: minLength 15, dictionary.common.exclude true, no minUpperCase/minNumber/minSymbol, age.maxAgeDays 0.',
    references: [
      { spec: 'NIST SP 800-63B-4', section: '3.1.1.1, 3.1.1.2' },
      { spec: 'Keycloak Admin REST API', section: 'realm passwordPolicy' },
      { spec: 'Auth0 Management API v2', section: 'connections options, breached-password detection' },
      { spec: 'Okta Management API', section: 'password policy' },
    ],
    options: z.strictObject({
      /**
       * SP 800-63B-4 §3.1.1.2 items 5–6 say composition rules and periodic changes SHALL NOT be imposed:
       * `fail` (default, as the standard says) or `warn` (the catalog's softer reading).
       */
      prohibitedRulesOutcome: z.enum(['fail', 'warn']).default('fail'),
    }),
  },
  check(inventory, _graph, options) {
    const out: Finding[] = [];
    for (const entry of identityStores(inventory)) {
      const auth = observedValue(entry.store.authentication);
      const passwordLogin = auth?.passwordLogin ?? 'unknown';
      const mfaPolicy = auth?.mfaPolicy ?? 'unknown';
      const base = { targetId: entry.targetId, subject: entry.subject };
      const section = entry.store.passwordPolicy;
      if (!section) {
        // No policy section: a FAIL only where the store accepts passwords; otherwise this kind of store has none.
        if (passwordLogin === true) out.push({ ...base, outcome: 'fail', messageId: 'noPolicy', evidence: { passwordLogin, passwordPolicy: null } });
        continue;
      }
      if (section.state === 'unknown') {
        out.push(notObserved(entry.targetId, entry.subject, section.reason));
        continue;
      }
      const p = section.value;
      const evidence = {
        source: p.source,
        minLength: p.minLength ?? null,
        maxLength: p.maxLength ?? null,
        composition: [...p.composition],
        expiryDays: p.expiryDays ?? null,
        historyCount: p.historyCount ?? null,
        blocklist: p.blocklist,
        breachedPasswordCheck: p.breachedPasswordCheck,
        notUsername: p.notUsername ?? null,
        notEmail: p.notEmail ?? null,
        passwordLogin,
        mfaPolicy,
      };
      if (passwordLogin === false) {
        out.push({ ...base, outcome: 'n/a', messageId: 'noPasswords', evidence });
        continue;
      }
      const fails: string[] = [];
      const warns: string[] = [];
      const notSeen: string[] = [];
      let lengthOrScreening = false;
      // Length. The connector fills vendor-documented defaults; a policy without a minimum enforces none.
      const min = p.minLength;
      if (min === undefined || min < MIN_LENGTH) {
        fails.push(min === undefined ? 'no minimum length' : `minimum length ${min} (at least ${MIN_LENGTH})`);
        lengthOrScreening = true;
      } else if (min < SINGLE_FACTOR_MIN_LENGTH) {
        lengthOrScreening = true;
        if (mfaPolicy === 'always') warns.push(`minimum length ${min}: allowed because every login also needs a second factor, but ${SINGLE_FACTOR_MIN_LENGTH} is recommended`);
        else if (mfaPolicy === 'unknown') warns.push(`minimum length ${min}: below ${SINGLE_FACTOR_MIN_LENGTH}, which is required wherever the password can be the only factor (whether MFA is always required was not observed)`);
        else fails.push(`minimum length ${min} while the password can be the only factor (MFA policy: ${mfaPolicy}); at least ${SINGLE_FACTOR_MIN_LENGTH} is required`);
      }
      if (p.maxLength !== undefined && p.maxLength < MAX_LENGTH_FLOOR) {
        warns.push(`maximum length ${p.maxLength} (at least ${MAX_LENGTH_FLOOR} should be permitted)`);
        lengthOrScreening = true;
      }
      // Screening against a blocklist of common, expected or compromised values.
      if (p.blocklist === false && p.breachedPasswordCheck === false) {
        fails.push('no blocklist and no breached-password check');
        lengthOrScreening = true;
      } else if (p.blocklist !== true && p.breachedPasswordCheck !== true) {
        notSeen.push('whether passwords are screened against a blocklist or breached-password corpus');
      }
      // Rules the standard prohibits.
      const prohibited: string[] = [];
      if (p.composition.length) prohibited.push(`composition rules (${p.composition.join(', ')})`);
      if (p.expiryDays !== undefined && p.expiryDays > 0) prohibited.push(`periodic expiry every ${p.expiryDays} days`);
      (options.prohibitedRulesOutcome === 'fail' ? fails : warns).push(...prohibited);
      const severity = lengthOrScreening ? 'high' : 'low';
      if (fails.length) {
        out.push({ ...base, outcome: 'fail', severity, messageId: 'violations', data: { source: p.source, problems: [...fails, ...warns].join('; ') }, evidence });
      } else if (warns.length) {
        out.push({ ...base, outcome: 'warn', severity, messageId: 'weak', data: { source: p.source, problems: warns.join('; ') }, evidence });
      } else if (notSeen.length) {
        out.push(undetermined(entry, notSeen, evidence));
      } else {
        const screening = [p.blocklist === true ? 'blocklist' : '', p.breachedPasswordCheck === true ? 'breached-password check' : ''].filter(Boolean).join(' and ');
        out.push({ ...base, outcome: 'pass', messageId: 'compliant', data: { source: p.source, minLength: min ?? 0, screening }, evidence });
      }
    }
    return [...out, ...serversWithoutStore(inventory).map(noCredential)];
  },
});
