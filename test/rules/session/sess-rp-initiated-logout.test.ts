import rule from '../../../rules/session/sess-rp-initiated-logout.js';
import { asInventory, baseMetadata, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { oauthMetadata, offlineInventory, rfc8414Served, without } from '../support.js';

// Catalog §6 SESS-RP-INITIATED-LOGOUT (RP-Initiated Logout 1.0 §2, §2.1): PASS if end_session_endpoint is
// present and https; FAIL if it is absent on an OP that issues ID tokens (or not https). N/A for a plain
// OAuth server.
testRule(rule, [
  {
    name: 'an https end_session_endpoint passes',
    inventory: asInventory({}),
    expected: [{ outcome: 'pass', messageId: 'supported', messageIncludes: [`${ISSUER}/logout`] }],
  },
  {
    name: 'an OP without end_session_endpoint fails',
    inventory: asInventory({ metadata: without(baseMetadata(), 'end_session_endpoint') }),
    expected: [{ outcome: 'fail', messageId: 'missing', severity: 'medium' }],
  },
  {
    name: 'an http end_session_endpoint fails',
    inventory: asInventory({ metadata: { ...baseMetadata(), end_session_endpoint: 'http://login.example.com/logout' } }),
    expected: [{ outcome: 'fail', messageId: 'insecure', messageIncludes: ['http://login.example.com/logout'] }],
  },
  {
    name: 'an OP known only from RFC 8414 metadata with openid scopes and no end_session_endpoint fails',
    inventory: asInventory({ metadata: null, rfc8414Exchange: rfc8414Served(without(baseMetadata(), 'end_session_endpoint')) }),
    expected: [{ outcome: 'fail', messageId: 'missing' }],
  },
  {
    name: 'a plain OAuth server is N/A',
    inventory: asInventory({ metadata: null, rfc8414Exchange: rfc8414Served(oauthMetadata()) }),
    expected: [{ outcome: 'n/a', messageId: 'notOidc' }],
  },
  {
    name: 'offline: a saved document is judged from its members',
    inventory: offlineInventory(without(baseMetadata(), 'end_session_endpoint')),
    expected: [{ outcome: 'fail', messageId: 'missing' }],
  },
  {
    name: 'no discovery document: unknown (precondition)',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
]);
