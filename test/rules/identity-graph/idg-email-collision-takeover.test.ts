import rule from '../../../rules/identity-graph/idg-email-collision-takeover.js';
import type { EmailCollision } from '../../../src/model/identity.js';
import type { IdentityProviderFacts } from '../../../src/model/store-facts.js';
import { asInventory } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { idp, noPermission, ok } from '../../support/store-inventory.js';
import { graphOf, NOT_BUILT, scan, store, unreadProfiles } from '../graph-support.js';

const google = (linking: IdentityProviderFacts['linking'], extra: Partial<IdentityProviderFacts> = {}) => idp({ alias: 'google', provider: 'google', category: 'social', linking, ...extra });
const AUTO_EMAIL = { mode: 'automatic' as const, matchOn: 'email' as const, detail: 'idp-auto-link' };
const kc = (...idps: IdentityProviderFacts[]) => ({ targetId: 'kc', facts: { identityProviders: ok(idps) } });
const AUTH0 = { targetId: 'auth0', product: 'auth0', facts: { scope: { kind: 'tenant' as const, name: 'acme' } } };
const OKTA = { targetId: 'okta', product: 'okta', facts: { scope: { kind: 'org' as const, name: 'acme' } } };

const collision = (verifiedIn: string, unverifiedIn: string, count: number): EmailCollision => ({ verifiedIn, unverifiedIn, count });
const graphWith = (...collisions: EmailCollision[]) => graphOf([store('kc', 1000), store('auth0', 800), store('okta', 500)], { emailCollisions: collisions });

// Catalog §11b IDG-EMAIL-COLLISION-TAKEOVER: per identity store with identity providers: FAIL when an
// enabled provider links automatically on email (matchOn email, or trustEmail with automatic linking)
// and the graph shows emails of this store verified in one store and unverified in another; WARN for the
// path without collisions; PASS without any automatic path (collision count as context).
testRule(rule, [
  {
    name: 'auto-link on email and colliding addresses involving the store: fail',
    inventory: scan({ stores: [kc(google(AUTO_EMAIL)), AUTH0] }),
    graph: graphWith(collision('kc', 'auth0', 12), collision('auth0', 'okta', 4)),
    expected: [
      {
        targetId: 'kc',
        subject: 'realm customers',
        outcome: 'fail',
        messageId: 'autoLinkCollisions',
        severity: 'high',
        messageIncludes: ['google link accounts automatically by email', '12 email address(es)', '12 verified in kc, unverified in auth0'],
        evidence: { autoLinkOnEmail: ['google'], emailCollisions: 12, collisionPairs: [{ verifiedIn: 'kc', unverifiedIn: 'auth0', count: 12 }] },
      },
    ],
  },
  {
    name: 'trustEmail with automatic linking on the username is an email path too: fail',
    inventory: scan({ stores: [kc(google({ mode: 'automatic', matchOn: 'username' }, { trustEmail: true }))] }),
    graph: graphWith(collision('auth0', 'kc', 3)),
    expected: [{ targetId: 'kc', outcome: 'fail', messageId: 'autoLinkCollisions', messageIncludes: ['3 verified in auth0, unverified in kc'] }],
  },
  {
    name: 'auto-link on email, collisions only between other stores: warn',
    inventory: scan({ stores: [kc(google(AUTO_EMAIL))] }),
    graph: graphWith(collision('auth0', 'okta', 4)),
    expected: [{ targetId: 'kc', outcome: 'warn', messageId: 'autoLinkNoCollisions', evidence: { emailCollisions: 0 } }],
  },
  {
    name: 'linking needs confirmation: pass, with the collision count as context',
    inventory: scan({ stores: [kc(google({ mode: 'reauthenticate', matchOn: 'email' }), idp({ alias: 'corp', linking: { mode: 'automatic', matchOn: 'username' } }))] }),
    graph: graphWith(collision('kc', 'auth0', 7)),
    expected: [{ targetId: 'kc', outcome: 'pass', messageId: 'noAutoLink', messageIncludes: ['None of the 2 enabled', '7 email address(es) verified in one store and unverified in another observed'], evidence: { emailCollisions: 7 } }],
  },
  {
    name: 'no automatic path: pass even without the graph (the configuration decides)',
    inventory: scan({ stores: [kc(google({ mode: 'confirm', matchOn: 'email' }))] }),
    graph: NOT_BUILT,
    expected: [{ targetId: 'kc', outcome: 'pass', messageId: 'noAutoLink', messageIncludes: ['colliding email addresses not observed'], evidence: { emailCollisions: null } }],
  },
  {
    name: 'only a disabled auto-linking provider: N/A',
    inventory: scan({ stores: [kc(google(AUTO_EMAIL, { enabled: false }))] }),
    graph: graphWith(),
    expected: [{ targetId: 'kc', outcome: 'n/a', messageId: 'noIdentityProviders', messageIncludes: ['0 email address(es)'] }],
  },
  {
    name: 'auto-link on email and the graph not built: unknown (fail or warn cannot be told)',
    inventory: scan({ stores: [kc(google(AUTO_EMAIL))] }),
    graph: NOT_BUILT,
    expected: [{ targetId: 'kc', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['google link accounts automatically by email, but colliding addresses are not observed', 'identity graph was not built'] }],
  },
  {
    name: 'auto-link on email and the store\'s profiles not read: unknown',
    inventory: scan({ stores: [{ ...kc(google(AUTO_EMAIL)), datasets: [unreadProfiles()] }] }),
    graph: graphOf([store('auth0', 800)], { emailCollisions: [] }),
    expected: [{ targetId: 'kc', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['profiles.read is false'] }],
  },
  {
    name: 'custom linking code (Auth0 Actions): unknown; another store side by side',
    inventory: scan({ stores: [kc(google({ mode: 'confirm', matchOn: 'email' })), { ...AUTH0, facts: { ...AUTH0.facts, identityProviders: ok([google({ mode: 'custom', detail: 'Auth0 Actions' })]) } }] }),
    graph: graphWith(),
    expected: [
      { targetId: 'auth0', subject: 'tenant acme', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['google (custom: Auth0 Actions)'] },
      { targetId: 'kc', outcome: 'pass', messageId: 'noAutoLink' },
    ],
  },
  {
    name: 'identity providers not readable, a store without providers, and an issuer without a credential: unknown, nothing, unknown',
    inventory: scan({ stores: [{ targetId: 'kc', facts: { identityProviders: noPermission('view-identity-providers') } }, OKTA], extra: asInventory({ targetId: 'op' }).snapshots }),
    graph: graphWith(),
    expected: [
      { targetId: 'kc', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['403'] },
      { targetId: 'op', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['needs a read-only admin credential'] },
    ],
  },
]);
