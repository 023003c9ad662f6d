import rule from '../../../rules/flows/flow-iss-response-param.js';
import { asInventory, baseMetadata } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { without } from '../support.js';

const ABSENT = without(baseMetadata(), 'authorization_response_iss_parameter_supported');

// Catalog §3 FLOW-ISS-RESPONSE-PARAM (RFC 9207 §2, §3; FAPI 2.0 SP §5.3.2.2): PASS if true; WARN if
// absent (§1.4 default false) or false; FAIL under the FAPI 2.0 profile, at high severity.
testRule(rule, [
  {
    name: 'authorization_response_iss_parameter_supported true passes',
    inventory: asInventory({}),
    expected: [{ outcome: 'pass', messageId: 'supported', severity: 'medium' }],
  },
  {
    name: 'explicit false warns',
    inventory: asInventory({ metadata: { ...baseMetadata(), authorization_response_iss_parameter_supported: false } }),
    expected: [{ outcome: 'warn', messageId: 'missing', severity: 'medium', messageIncludes: ['(false)'] }],
  },
  {
    name: 'absent defaults to false and warns',
    inventory: asInventory({ metadata: ABSENT }),
    expected: [{ outcome: 'warn', messageId: 'missing', messageIncludes: ['absent, default false'] }],
  },
  {
    name: 'FAPI 2.0 profile: absent fails at high severity',
    inventory: asInventory({ metadata: ABSENT }, { profile: 'fapi2' }),
    expected: [{ outcome: 'fail', messageId: 'missingFapi', severity: 'high', messageIncludes: ['absent, default false'] }],
  },
  {
    name: 'FAPI 2.0 profile: true passes',
    inventory: asInventory({}, { profile: 'fapi2' }),
    expected: [{ outcome: 'pass', messageId: 'supported' }],
  },
  {
    name: 'no discovery document: unknown (precondition)',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
]);
