import { nameSome, someIds, storeFindings } from '../../src/rules-engine/authenticators.js';
import { defineRule, notObserved } from '../../src/rules-engine/define.js';
import { autoLinksOnEmail, collisionsOf, graphEntries, graphLacks, graphNotBuilt, profileState } from '../../src/rules-engine/graph.js';

export default defineRule({
  meta: {
    id: 'IDG-EMAIL-COLLISION-TAKEOVER',
    title: 'No account is linked automatically on an email address that another store holds unverified',
    severity: 'high',
    area: 'identity-graph',
    process: 'authentication',
    tier: 'T2',
    messages: {
      autoLinkCollisions:
        '{{idps}} link accounts automatically by email, and {{collisions}} email address(es) involving this store are verified in one store and unverified in another ({{pairs}}): whoever registered such an address unverified can take over the verified account.',
      autoLinkNoCollisions:
        '{{idps}} link accounts automatically by email; no address involving this store is verified in one store and unverified in another yet, but any such address could be used to take over the verified account.',
      noAutoLink: 'None of the {{count}} enabled identity provider(s) links accounts automatically by email ({{collisions}}).',
      noIdentityProviders: 'No upstream identity provider is enabled, so no account is linked by email ({{collisions}}).',
    },
    rationale:
      'An email address proves nothing until it is verified, and email is neither unique nor stable across providers (OIDC Core §5.1, §5.7). When a broker links an incoming federated login to an existing account because the email matches, an attacker who registered the victim\'s address unverified at the upstream provider (or in another store the broker trusts) signs in as the victim: the pre-hijacking and takeover attacks of Sudhodanan and Paverd. The identity graph shows whether such colliding addresses exist today.',
    remediation:
      'Never link on email alone: require the user to prove ownership of the existing account before linking (Keycloak first-broker-login "Confirm link existing account" + "Verify existing account by re-authentication" or by email, never "Automatically set existing user" with Trust Email on; Okta IdP account link action DISABLED or restricted to verified email; Auth0 linking Actions that re-authenticate the existing account). Require email verification in every store, and review the colliding addresses counted in the evidence.',
    references: [
      { spec: 'OpenID Connect Core 1.0', section: '5.1, 5.7' },
      { spec: 'Sudhodanan & Paverd, Pre-hijacked accounts (USENIX Security 2022)' },
    ],
  },
  check(inventory, graph) {
    const entries = new Map(graphEntries(inventory, 'identity-store').map((e) => [e.targetId, e]));
    return storeFindings(inventory, 'identityProviders', (entry, idps) => {
      const base = { targetId: entry.targetId, subject: entry.subject };
      const enabled = idps.filter((i) => i.enabled);
      const automatic = enabled.filter(autoLinksOnEmail);
      const unclear = enabled.filter((i) => !autoLinksOnEmail(i) && (i.linking.mode === 'custom' || i.linking.mode === 'unknown'));
      const collisions = collisionsOf(graph, entry.targetId);
      const graphEntry = entries.get(entry.targetId);
      const state = graph.built && graphEntry ? profileState(graph, graphEntry) : undefined;
      // Collisions are observed for this store only when its profiles are in a built graph.
      const observedCollisions = collisions && state?.state !== 'not-read' ? collisions : undefined;
      const evidence = {
        enabled: enabled.length,
        autoLinkOnEmail: someIds(automatic.map((i) => i.alias)),
        unclearLinking: someIds(unclear.map((i) => i.alias)),
        emailCollisions: observedCollisions ? observedCollisions.count : null,
        collisionPairs: observedCollisions?.pairs ?? [],
      };
      const collisionNote = observedCollisions
        ? `${observedCollisions.count} email address(es) verified in one store and unverified in another observed`
        : 'colliding email addresses not observed';
      if (enabled.length === 0) return { ...base, outcome: 'n/a', messageId: 'noIdentityProviders', data: { collisions: collisionNote }, evidence };
      if (automatic.length > 0) {
        // The path exists; whether it is exploitable today is what the graph tells.
        const idpText = nameSome(automatic.map((i) => i.alias));
        if (!graph.built) return { ...notObserved(base.targetId, base.subject, { ...graphNotBuilt(graph), detail: `${idpText} link accounts automatically by email, but colliding addresses are not observed: ${graphNotBuilt(graph).detail}` }), evidence };
        if (state?.state === 'not-read') return { ...notObserved(base.targetId, base.subject, { ...state.reason, detail: `${idpText} link accounts automatically by email, but ${state.reason.detail}` }), evidence };
        if (!observedCollisions) return { ...notObserved(base.targetId, base.subject, graphLacks('email collisions')), evidence };
        const data = { idps: idpText, collisions: observedCollisions.count, pairs: nameSome(observedCollisions.pairs.map((p) => `${p.count} verified in ${p.verifiedIn}, unverified in ${p.unverifiedIn}`)) };
        if (observedCollisions.count > 0) return { ...base, outcome: 'fail', messageId: 'autoLinkCollisions', data, evidence };
        return { ...base, outcome: 'warn', messageId: 'autoLinkNoCollisions', data, evidence };
      }
      if (unclear.length > 0) {
        // Custom code (Auth0 Actions) or an unreadable flow may link on email: no PASS without knowing.
        return {
          ...notObserved(base.targetId, base.subject, {
            kind: 'not-observed',
            detail: `whether ${nameSome(unclear.map((i) => `${i.alias} (${i.linking.mode}${i.linking.detail ? `: ${i.linking.detail}` : ''})`))} link accounts automatically by email cannot be read`,
          }),
          evidence,
        };
      }
      // No automatic path: the configuration alone decides; the collision count is context, so a
      // graph that was not built does not make this unknown.
      return { ...base, outcome: 'pass', messageId: 'noAutoLink', data: { count: enabled.length, collisions: collisionNote }, evidence };
    });
  },
});
