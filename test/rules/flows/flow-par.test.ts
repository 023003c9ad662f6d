import rule from '../../../rules/flows/flow-par.js';
import { asInventory, baseMetadata, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';

const PAR = `${ISSUER}/par`;
const withPar = { ...baseMetadata(), pushed_authorization_request_endpoint: PAR };
const enforced = { ...withPar, require_pushed_authorization_requests: true };

// Catalog §3 FLOW-PAR (RFC 9126 §2, §5; FAPI 2.0 SP §5.3.2.2): INFO "available" when the endpoint is
// present, "enforced" when require_pushed_authorization_requests is true (§1.4 default false); FAIL only
// under the FAPI 2.0 target when PAR is not enforced, at high severity.
testRule(rule, [
  {
    name: 'PAR endpoint and AS-level requirement: INFO enforced',
    inventory: asInventory({ metadata: enforced }),
    expected: [{ outcome: 'info', messageId: 'enforced' }],
  },
  {
    name: 'PAR endpoint without the requirement (absent, default false): INFO available',
    inventory: asInventory({ metadata: withPar }),
    expected: [{ outcome: 'info', messageId: 'available', messageIncludes: [PAR] }],
  },
  {
    name: 'no PAR endpoint: INFO unavailable',
    inventory: asInventory({}),
    expected: [{ outcome: 'info', messageId: 'unavailable' }],
  },
  {
    name: 'a requirement flag without an endpoint means PAR cannot be used: INFO unavailable',
    inventory: asInventory({ metadata: { ...baseMetadata(), require_pushed_authorization_requests: true } }),
    expected: [{ outcome: 'info', messageId: 'unavailable' }],
  },
  {
    name: 'FAPI 2.0: PAR required passes',
    inventory: asInventory({ metadata: enforced }, { profile: 'fapi2' }),
    expected: [{ outcome: 'pass', messageId: 'enforced' }],
  },
  {
    name: 'FAPI 2.0: PAR available but not required fails at high severity',
    inventory: asInventory({ metadata: withPar }, { profile: 'fapi2' }),
    expected: [{ outcome: 'fail', messageId: 'fapiNotEnforced', severity: 'high', messageIncludes: ['available, not required'] }],
  },
  {
    name: 'FAPI 2.0: no PAR endpoint fails',
    inventory: asInventory({}, { profile: 'fapi2' }),
    expected: [{ outcome: 'fail', messageId: 'fapiNotEnforced', severity: 'high', messageIncludes: ['not offered'] }],
  },
  {
    name: 'no discovery document: unknown (precondition)',
    inventory: asInventory({ metadata: null }, { profile: 'fapi2' }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
]);
