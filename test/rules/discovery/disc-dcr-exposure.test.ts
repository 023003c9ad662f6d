import rule from '../../../rules/discovery/disc-dcr-exposure.js';
import { asInventory, baseMetadata, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { oauthMetadata, offlineInventory, rfc8414Served, without } from '../support.js';

// Catalog §2 DISC-DCR-EXPOSURE (RFC 7591 §3, §5; OIDC Discovery §3): at T0, INFO when registration_endpoint
// is advertised (whether it is open needs T2, and it is never tested by POSTing); N/A when none is
// advertised (the precondition is false as far as T0 can see).
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
]);
