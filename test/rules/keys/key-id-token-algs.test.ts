import rule from '../../../rules/keys/key-id-token-algs.js';
import { asInventory, baseMetadata } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';

const meta = (members: Record<string, unknown>) => asInventory({ metadata: { ...baseMetadata(), ...members } });

// Catalog §5 KEY-ID-TOKEN-ALGS (OIDC Discovery §3; OIDC Core §10.1, §16.19; RFC 8725 §3.1–3.2): FAIL if
// id_token_signing_alg_values_supported contains none while a response type returns an ID token from the
// authorization endpoint; WARN for none with code-only response types and for HS256/384/512 (ID token or
// UserInfo); INFO (message data) which FAPI algorithms are offered.
testRule(rule, [
  {
    name: 'RS256 and PS256 pass and name the FAPI algorithms offered',
    inventory: asInventory({}),
    expected: [{ outcome: 'pass', messageId: 'safe', messageIncludes: ['RS256, PS256', 'FAPI algorithms offered: PS256'] }],
  },
  {
    name: 'none with the id_token response type fails',
    inventory: meta({ id_token_signing_alg_values_supported: ['RS256', 'none'], response_types_supported: ['code', 'id_token'] }),
    expected: [{ outcome: 'fail', messageId: 'unsignedFrontChannel', severity: 'high', messageIncludes: ['id_token'] }],
  },
  {
    name: 'none with the hybrid code id_token response type fails',
    inventory: meta({ id_token_signing_alg_values_supported: ['RS256', 'none'], response_types_supported: ['code', 'code id_token'] }),
    expected: [{ outcome: 'fail', messageId: 'unsignedFrontChannel', messageIncludes: ['code id_token'] }],
  },
  {
    name: 'none with code-only response types warns',
    inventory: meta({ id_token_signing_alg_values_supported: ['RS256', 'none'] }),
    expected: [{ outcome: 'warn', messageId: 'weak', messageIncludes: ['"none" is offered for ID tokens'] }],
  },
  {
    name: 'HS256 for ID tokens warns',
    inventory: meta({ id_token_signing_alg_values_supported: ['RS256', 'HS256'] }),
    expected: [{ outcome: 'warn', messageId: 'weak', messageIncludes: ['MAC-signed with the client secret (HS256)'] }],
  },
  {
    name: 'HS512 for UserInfo responses warns',
    inventory: meta({ userinfo_signing_alg_values_supported: ['RS256', 'HS512'] }),
    expected: [{ outcome: 'warn', messageId: 'weak', messageIncludes: ['UserInfo responses may be MAC-signed (HS512)'] }],
  },
  {
    name: 'none for UserInfo responses warns',
    inventory: meta({ userinfo_signing_alg_values_supported: ['none'] }),
    expected: [{ outcome: 'warn', messageId: 'weak', messageIncludes: ['"none" is offered for signed UserInfo responses'] }],
  },
  {
    name: 'HS256 only among request-object algorithms is not graded: pass',
    inventory: meta({ request_object_signing_alg_values_supported: ['HS256', 'RS256'], id_token_signing_alg_values_supported: ['RS256', 'ES256', 'EdDSA'] }),
    expected: [{ outcome: 'pass', messageId: 'safe', messageIncludes: ['FAPI algorithms offered: ES256, EdDSA'] }],
  },
  {
    name: 'no discovery document: unknown (precondition)',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
]);
