import rule from '../../../rules/flows/flow-request-uri-fetch.js';
import { asInventory, baseMetadata } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { without } from '../support.js';

const meta = (members: Record<string, unknown>) => asInventory({ metadata: { ...baseMetadata(), ...members } });

// Catalog §3 FLOW-REQUEST-URI-FETCH (OIDC Discovery §3 defaults, §1.4): WARN if request_uri is supported
// (explicitly or by the default true), registration is not required (default false) and PAR is not
// mandatory (default false); PASS otherwise.
testRule(rule, [
  {
    name: 'request_uri not supported passes',
    inventory: asInventory({}),
    expected: [{ outcome: 'pass', messageId: 'constrained', messageIncludes: ['not supported'] }],
  },
  {
    name: 'request_uri_parameter_supported absent means true: warn',
    inventory: asInventory({ metadata: without(baseMetadata(), 'request_uri_parameter_supported') }),
    expected: [{ outcome: 'warn', messageId: 'open', messageIncludes: ['absent, default true', 'absent, default false'] }],
  },
  {
    name: 'explicitly supported without registration requirement warns',
    inventory: meta({ request_uri_parameter_supported: true, require_request_uri_registration: false }),
    expected: [{ outcome: 'warn', messageId: 'open', messageIncludes: ['supported (true)', 'required (false)'] }],
  },
  {
    name: 'supported but request_uri values must be pre-registered passes',
    inventory: meta({ request_uri_parameter_supported: true, require_request_uri_registration: true }),
    expected: [{ outcome: 'pass', messageId: 'constrained', messageIncludes: ['pre-registered'] }],
  },
  {
    name: 'supported by default but PAR mandatory passes',
    inventory: asInventory({ metadata: { ...without(baseMetadata(), 'request_uri_parameter_supported'), require_pushed_authorization_requests: true } }),
    expected: [{ outcome: 'pass', messageId: 'constrained', messageIncludes: ['PAR is mandatory'] }],
  },
  {
    name: 'no discovery document: unknown (precondition)',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
]);
