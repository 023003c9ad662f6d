import type { IdentityProviderFacts, UserStatsFacts } from '../../src/model/store-facts.js';
import { forEachStoreSection, nameOffenders, noCredentialFindings, offenderEvidence, percent, storeBase } from '../../src/rules-engine/clients.js';
import { defineRule, notObserved } from '../../src/rules-engine/define.js';
import { collisionsOf } from '../../src/rules-engine/graph.js';

type Verdict = 'unverified' | 'automatic' | 'safe' | 'custom' | 'unknown';

/**
 * Automatic linking on an email that the broker cannot rely on being verified: Keycloak with
 * `trustEmail: true` on a social or OIDC provider (the upstream claim is taken as verified), or a
 * social provider whose trust is not configurable (Okta `accountLink.action: AUTO` without a filter).
 */
function verdictOf(idp: IdentityProviderFacts): Verdict {
  const { mode, matchOn } = idp.linking;
  if (mode === 'confirm' || mode === 'reauthenticate' || mode === 'disabled') return 'safe';
  if (mode === 'custom') return 'custom';
  if (mode === 'unknown') return 'unknown';
  if (matchOn === 'none') return 'safe';
  const socialOrOidc = idp.category === 'social' || idp.protocol === 'oidc' || idp.protocol === 'oauth2';
  const unverified = (idp.trustEmail === true && socialOrOidc) || (idp.trustEmail === undefined && idp.category === 'social');
  return matchOn === 'email' && unverified ? 'unverified' : 'automatic';
}

function label(idp: IdentityProviderFacts): string {
  return idp.linking.detail ? `${idp.alias} (${idp.linking.detail})` : idp.alias;
}

function linkedShare(stats: UserStatsFacts | undefined): { note: string; evidence: Record<string, number> | null } {
  if (!stats || stats.withSeveralIdentities === undefined || stats.total <= 0) return { note: '', evidence: null };
  const p = percent(stats.withSeveralIdentities, stats.total);
  return {
    note: `; ${stats.withSeveralIdentities} of ${stats.total} users (${p} %) have two or more linked identities`,
    evidence: { withSeveralIdentities: stats.withSeveralIdentities, total: stats.total, percent: p },
  };
}

export default defineRule({
  meta: {
    id: 'FED-SAFE-ACCOUNT-LINKING',
    title: 'Accounts are linked on verified identifiers only',
    severity: 'high',
    area: 'federation',
    process: 'user-management',
    tier: 'T2',
    messages: {
      autoLinkUnverified: '{{count}} identity provider(s) link to existing accounts automatically on an email address that is not guaranteed verified: {{idps}}{{collisionNote}}.',
      autoLink: '{{count}} identity provider(s) link to existing accounts automatically, without the user proving they own the existing account: {{idps}}{{collisionNote}}.',
      customLinking: 'Not observed: account linking is custom code or a custom policy for {{idps}}, so whether it verifies ownership cannot be read{{shareNote}}.',
      safeLinking: 'Linking to existing accounts on all {{count}} enabled identity provider(s) requires confirmation or re-authentication, or is off{{shareNote}}.',
      noUpstreamIdps: 'No upstream identity provider is enabled, so no account is linked.',
    },
    rationale:
      'Email addresses can be unverified, reassigned or registered by someone else at the upstream provider; linking an existing account because the email matches lets an attacker who controls that upstream identity take over the account (or pre-hijack it). Only iss + sub identify an upstream user.',
    remediation:
      'Link only after the user proves ownership of the existing account: Keycloak first-broker-login flow with "Confirm link existing account" followed by "Verify existing account by re-authentication" or by email, never "Automatically set existing user" together with "Trust Email" on social or OIDC providers; Okta IdP account link action DISABLED or AUTO restricted by a filter plus verified email; Auth0 account-linking Actions that require the user to log in to the existing account first.',
    references: [{ spec: 'OpenID Connect Core 1.0', section: '5.1, 5.7' }],
  },
  check(inventory, graph) {
    const stores = forEachStoreSection(inventory, (s) => s.identityProviders, (entry, idps) => {
      const base = storeBase(entry);
      const enabled = idps.filter((i) => i.enabled);
      const stats = entry.store.userStats?.state === 'observed' ? entry.store.userStats.value : undefined;
      const linked = linkedShare(stats);
      if (enabled.length === 0) return { ...base, outcome: 'n/a', messageId: 'noUpstreamIdps', evidence: { identityProviders: idps.length, enabled: 0, linkedIdentities: linked.evidence } };
      const by = (v: Verdict) => enabled.filter((i) => verdictOf(i) === v);
      const unverified = by('unverified');
      const automatic = by('automatic');
      const custom = by('custom');
      const unknown = by('unknown');
      // The data side (IDG-EMAIL-COLLISION-TAKEOVER): when linking is automatic on email, the identity
      // graph counts addresses of this store verified in one store and unverified in another — the
      // addresses that path would hand over. Context only: the configuration decides the outcome.
      const onEmail = [...unverified, ...automatic].some((i) => i.linking.matchOn === 'email' || i.trustEmail === true);
      const inGraph = graph.built && (graph.targets ?? []).some((t) => t.targetId === entry.targetId && t.profiles > 0);
      const collisions = onEmail && inGraph ? collisionsOf(graph, entry.targetId) : undefined;
      const collisionNote = collisions && collisions.count > 0 ? `; the identity graph shows ${collisions.count} email address(es) of this store verified in one store and unverified in another (see IDG-EMAIL-COLLISION-TAKEOVER)` : '';
      const evidence = {
        enabled: enabled.length,
        autoLinkUnverified: offenderEvidence(unverified.map((i) => i.alias)),
        autoLink: offenderEvidence(automatic.map((i) => i.alias)),
        custom: offenderEvidence(custom.map((i) => i.alias)),
        notReported: offenderEvidence(unknown.map((i) => i.alias)),
        linkedIdentities: linked.evidence,
        ...(onEmail ? { emailCollisions: collisions ? collisions.count : null } : {}),
      };
      if (unverified.length) return { ...base, outcome: 'fail', messageId: 'autoLinkUnverified', data: { count: unverified.length, idps: nameOffenders(unverified.map(label)), collisionNote }, evidence };
      if (automatic.length) return { ...base, outcome: 'warn', messageId: 'autoLink', data: { count: automatic.length, idps: nameOffenders(automatic.map(label)), collisionNote }, evidence };
      if (unknown.length) {
        return { ...notObserved(base.targetId, base.subject, { kind: 'not-observed', detail: `the linking behaviour of ${nameOffenders(unknown.map(label))} was not observed` }), evidence };
      }
      if (custom.length) {
        // Auth0 links accounts in Actions (code), Okta AUTO with a group filter is a restriction, not a verification.
        return {
          ...notObserved(base.targetId, base.subject, { kind: 'not-observed', detail: `account linking is custom (${nameOffenders(custom.map(label))}); ciamscan cannot read whether it verifies ownership` }),
          messageId: 'customLinking',
          data: { idps: nameOffenders(custom.map(label)), shareNote: linked.note },
          evidence,
        };
      }
      return { ...base, outcome: 'pass', messageId: 'safeLinking', data: { count: enabled.length, shareNote: linked.note }, evidence };
    });
    return [...noCredentialFindings(inventory), ...stores];
  },
});
