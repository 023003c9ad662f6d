import rule from '../../../rules/flows/flow-no-implicit.js';
import { asInventory, baseMetadata } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { without } from '../support.js';

const meta = (members: Record<string, unknown>) => asInventory({ metadata: { ...baseMetadata(), ...members } });

// Catalog §3 FLOW-NO-IMPLICIT (RFC 9700 §2.1.2, §4.3) at T0: WARN if a response type contains the `token`
// word or grant_types_supported lists implicit or is absent (§1.4: absent means authorization_code +
// implicit); INFO when ID tokens but no access tokens come from the authorization endpoint; PASS otherwise.
testRule(rule, [
  {
    name: 'code only, grants without implicit passes',
    inventory: asInventory({}),
    expected: [{ outcome: 'pass', messageId: 'none' }],
  },
  {
    name: 'absent grant_types_supported means implicit by default: warn',
    inventory: asInventory({ metadata: without(baseMetadata(), 'grant_types_supported') }),
    expected: [{ outcome: 'warn', messageId: 'advertised', messageIncludes: ['grant_types_supported is absent'], evidence: { grantTypesDefaulted: true } }],
  },
  {
    name: 'implicit listed in grant_types_supported warns',
    inventory: meta({ grant_types_supported: ['authorization_code', 'implicit'] }),
    expected: [{ outcome: 'warn', messageId: 'advertised', messageIncludes: ['grant_types_supported lists implicit'] }],
  },
  {
    name: 'the token response type warns',
    inventory: meta({ response_types_supported: ['code', 'token'] }),
    expected: [{ outcome: 'warn', messageId: 'advertised', messageIncludes: ['response types token'] }],
  },
  {
    name: 'hybrid response types carrying an access token warn (id_token token, code id_token token)',
    inventory: meta({ response_types_supported: ['code', 'id_token token', 'code id_token token'] }),
    expected: [{ outcome: 'warn', messageId: 'advertised', messageIncludes: ['id_token token, code id_token token'] }],
  },
  {
    name: 'code id_token (an ID token, no access token, from the authorization endpoint) is INFO',
    inventory: meta({ response_types_supported: ['code', 'code id_token'] }),
    expected: [{ outcome: 'info', messageId: 'idTokenOnly', messageIncludes: ['code id_token'] }],
  },
  {
    name: 'id_token alone with explicit grants without implicit is INFO (id_token is not the token word)',
    inventory: meta({ response_types_supported: ['id_token'], grant_types_supported: ['authorization_code'] }),
    expected: [{ outcome: 'info', messageId: 'idTokenOnly' }],
  },
  {
    name: 'no discovery document: unknown (precondition)',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
]);
