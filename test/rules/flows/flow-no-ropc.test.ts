import rule from '../../../rules/flows/flow-no-ropc.js';
import { asInventory, baseMetadata } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { oauthMetadata, rfc8414Served, without } from '../support.js';

// Catalog §3 FLOW-NO-ROPC (RFC 9700 §2.4): FAIL if `password` is in grant_types_supported (T0); PASS
// otherwise. §1.4: an absent list means authorization_code + implicit, which has no password grant.
testRule(rule, [
  {
    name: 'grants without password pass',
    inventory: asInventory({}),
    expected: [{ outcome: 'pass', messageId: 'absent' }],
  },
  {
    name: 'the password grant advertised fails',
    inventory: asInventory({ metadata: { ...baseMetadata(), grant_types_supported: ['authorization_code', 'password', 'refresh_token'] } }),
    expected: [{ outcome: 'fail', messageId: 'advertised', severity: 'high' }],
  },
  {
    name: 'absent grant_types_supported defaults to authorization_code + implicit: pass',
    inventory: asInventory({ metadata: without(baseMetadata(), 'grant_types_supported') }),
    expected: [{ outcome: 'pass', messageId: 'absent', evidence: { grantTypesDefaulted: true, grantTypes: ['authorization_code', 'implicit'] } }],
  },
  {
    name: 'the password grant in RFC 8414 metadata fails',
    inventory: asInventory({ metadata: null, rfc8414Exchange: rfc8414Served({ ...oauthMetadata(), grant_types_supported: ['password', 'client_credentials'] }) }),
    expected: [{ outcome: 'fail', messageId: 'advertised' }],
  },
  {
    name: 'no discovery document: unknown (precondition)',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
]);
