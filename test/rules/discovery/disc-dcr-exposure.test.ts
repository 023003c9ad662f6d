import rule from '../../../rules/discovery/disc-dcr-exposure.js';
import { asInventory, baseMetadata, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, ok, storeInventory } from '../../support/store-inventory.js';
import { oauthMetadata, offlineInventory, rfc8414Served, without } from '../support.js';

// Catalog §2 DISC-DCR-EXPOSURE (RFC 7591 §3, §5; OIDC Discovery §3): at T0, INFO when registration_endpoint
// is advertised (whether it is open needs T2, and it is never tested by POSTing); N/A when none is
// advertised (the precondition is false as far as T0 can see). T2 (per store, the registration policy
// read with the admin credential): FAIL anonymous and unrestricted; WARN anonymous but restricted; PASS otherwise.
testRule(rule, [
  {
    name: 'an advertised registration endpoint is INFO and names it',
    inventory: asInventory({}),
    expected: [{ outcome: 'info', messageId: 'advertised', messageIncludes: [`${ISSUER}/register`, 'T2'], evidence: { registrationEndpoint: `${ISSUER}/register` } }],
  },
  {
    name: 'no registration endpoint is N/A',
    inventory: asInventory({ metadata: without(baseMetadata(), 'registration_endpoint') }),
    expected: [{ outcome: 'n/a', messageId: 'notAdvertised', evidence: { registrationEndpoint: null } }],
  },
  {
    name: 'a registration endpoint in RFC 8414 metadata is INFO',
    inventory: asInventory({ metadata: null, rfc8414Exchange: rfc8414Served({ ...oauthMetadata(), registration_endpoint: `${ISSUER}/oauth/register` }) }),
    expected: [{ outcome: 'info', messageId: 'advertised', messageIncludes: [`${ISSUER}/oauth/register`] }],
  },
  {
    name: 'a saved (offline) document is judged from its members',
    inventory: offlineInventory(baseMetadata()),
    expected: [{ outcome: 'info', messageId: 'advertised' }],
  },
  {
    name: 'no discovery document: unknown (precondition)',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
  {
    name: 'T2: anonymous registration without restrictions fails',
    inventory: storeInventory({ facts: { clientRegistration: ok({ anonymousAllowed: true, restricted: false, detail: 'anonymous policies: none' }) } }),
    expected: [{ targetId: 'store', subject: 'realm customers', outcome: 'fail', messageId: 'anonymousOpen', severity: 'medium', messageIncludes: ['anonymous policies: none'], evidence: { anonymousAllowed: true, restricted: false } }],
  },
  {
    name: 'T2: anonymous registration restricted by Trusted Hosts warns',
    inventory: storeInventory({ facts: { clientRegistration: ok({ anonymousAllowed: true, restricted: true, detail: 'Trusted Hosts: app.example.com' }) } }),
    expected: [{ outcome: 'warn', messageId: 'anonymousRestricted', messageIncludes: ['Trusted Hosts: app.example.com'] }],
  },
  {
    name: 'T2: registration needs an initial access token: pass',
    inventory: storeInventory({ product: 'auth0', facts: { scope: { kind: 'tenant', name: 'acme' }, clientRegistration: ok({ anonymousAllowed: false, restricted: true, detail: 'enable_dynamic_client_registration: false' }) } }),
    expected: [{ subject: 'tenant acme', outcome: 'pass', messageId: 'registrationProtected' }],
  },
  {
    name: 'T2: registration policies not readable: unknown with the permission',
    inventory: storeInventory({ facts: { clientRegistration: noPermission('view-realm') } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
  {
    name: 'T0 and T2 side by side: the endpoint is advertised (INFO) and open (FAIL); a store without the section is silent',
    inventory: storeInventory(
      [
        { targetId: 'kc', facts: { clientRegistration: ok({ anonymousAllowed: true, restricted: false, detail: 'anonymous policies: none' }) } },
        { targetId: 'scim', product: 'scim', facts: { scope: { kind: 'scim-service', name: 'users' } } },
      ],
      { extra: asInventory({}).snapshots },
    ),
    expected: [
      { targetId: 'kc', outcome: 'fail', messageId: 'anonymousOpen' },
      { targetId: 'op', outcome: 'info', messageId: 'advertised' },
    ],
  },
]);
