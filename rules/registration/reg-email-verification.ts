import { defineRule } from '../../src/rules-engine/define.js';
import type { UserStatsFacts } from '../../src/model/store-facts.js';
import { nameSome, observedValue, someIds, storeFindings, undetermined } from '../../src/rules-engine/authenticators.js';

/** Share of users with an unverified email among those whose verification state is known (counts only). */
function unverifiedShare(stats: UserStatsFacts | undefined): number | null {
  if (!stats || stats.emailUnverified === undefined) return null;
  const known = stats.emailVerified !== undefined ? stats.emailVerified + stats.emailUnverified : stats.read;
  return known > 0 ? Math.round((stats.emailUnverified / known) * 10_000) / 10_000 : null;
}

export default defineRule({
  meta: {
    id: 'REG-EMAIL-VERIFICATION',
    title: 'Email addresses are verified before they are trusted',
    severity: 'medium',
    area: 'registration',
    process: 'registration',
    tier: 'T2',
    messages: {
      required: 'Email verification is required before the account is usable{{share}}.',
      optional: 'Email verification is optional: accounts are usable with unverified addresses{{share}}{{linking}}.',
      usedForLinking:
        'Email verification is optional and {{count}} identity provider(s) link accounts automatically by email ({{idps}}): an attacker can pre-register a victim\'s address and take over the account when the victim later signs in with that provider.',
    },
    rationale:
      'An unverified address proves nothing about who registered it: trusting it for account linking enables pre-account-takeover, and matching it to CRM records merges strangers. OIDC Core §5.1 exposes `email_verified` precisely so that relying parties can tell.',
    remediation:
      'Require verification before the account can be used or linked: Keycloak — realm verifyEmail on (and duplicateEmailsAllowed off); Okta — profile-enrollment activationRequirements.emailVerification true; Auth0 — block unverified users in a post-login Action until they verify. Never link accounts automatically on an unverified email (see FED-SAFE-ACCOUNT-LINKING).',
    references: [
      { spec: 'OpenID Connect Core 1.0', section: '5.1, 5.7' },
      { spec: 'Keycloak Admin REST API', section: 'realm verifyEmail, duplicateEmailsAllowed' },
      { spec: 'Okta Management API', section: 'profile enrollment activationRequirements' },
      { spec: 'Auth0 Management API v2', section: 'users (email_verified)' },
    ],
  },
  check(inventory) {
    return storeFindings(inventory, 'registration', (entry, reg) => {
      const stats = observedValue(entry.store.userStats);
      const share = unverifiedShare(stats);
      const idpObservation = entry.store.identityProviders;
      const idps = observedValue(idpObservation) ?? [];
      // Disabled providers do not count.
      const autoLinking = idps.filter((i) => i.enabled && i.linking.mode === 'automatic' && i.linking.matchOn === 'email').map((i) => i.alias);
      const evidence = {
        emailVerification: reg.emailVerification,
        duplicateEmailsAllowed: reg.duplicateEmailsAllowed ?? null,
        unverifiedShare: share,
        usersWithUnverifiedEmail: stats?.emailUnverified ?? null,
        usersRead: stats?.read ?? null,
        autoLinkingOnEmail: someIds(autoLinking),
        autoLinkingOnEmailCount: autoLinking.length,
        identityProviders: idpObservation === undefined ? 'none' : idpObservation.state === 'unknown' ? 'not observed' : idps.length,
      };
      const base = { targetId: entry.targetId, subject: entry.subject, evidence };
      const shareText = share !== null ? ` (${(share * 100).toFixed(1)} % of users read have an unverified email)` : '';
      if (reg.emailVerification === 'required') return { ...base, outcome: 'pass', messageId: 'required', data: { share: shareText } };
      if (reg.emailVerification === 'unknown') return undetermined(entry, ['whether email verification is required'], evidence);
      if (autoLinking.length) return { ...base, outcome: 'fail', messageId: 'usedForLinking', data: { count: autoLinking.length, idps: nameSome(autoLinking) } };
      const linking = idpObservation?.state === 'unknown' ? '; whether identity providers link on those addresses was not observed' : '';
      return { ...base, outcome: 'warn', messageId: 'optional', data: { share: shareText, linking } };
    });
  },
});
