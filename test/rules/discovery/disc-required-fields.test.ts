import rule from '../../../rules/discovery/disc-required-fields.js';
import { asInventory, baseMetadata } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { oauthMetadata, rfc8414Served, without } from '../support.js';

// Catalog §2 DISC-REQUIRED-FIELDS (OIDC Discovery §3, §4.2; RFC 8414 §2): FAIL if a REQUIRED member is
// missing (token_endpoint only optional for implicit-only servers, authorization_endpoint only when no grant
// uses it) or the ID-token algorithms lack RS256; WARN for missing RECOMMENDED members, scopes without
// openid, and empty arrays. §1.4: absent grant_types_supported means authorization_code + implicit.
testRule(rule, [
  {
    name: 'every required and recommended OIDC member present passes',
    inventory: asInventory({}),
    expected: [{ outcome: 'pass', messageId: 'complete', messageIncludes: ['OpenID Connect'] }],
  },
  {
    name: 'token_endpoint missing on a code-flow OP fails',
    inventory: asInventory({ metadata: without(baseMetadata(), 'token_endpoint') }),
    expected: [{ outcome: 'fail', messageId: 'missingRequired', messageIncludes: ['token_endpoint missing'] }],
  },
  {
    name: 'absent grant_types_supported defaults to authorization_code, so token_endpoint stays required',
    inventory: asInventory({ metadata: without(baseMetadata(), 'token_endpoint', 'grant_types_supported') }),
    expected: [{ outcome: 'fail', messageId: 'missingRequired', messageIncludes: ['token_endpoint missing'] }],
  },
  {
    name: 'token_endpoint may be absent on an implicit-only OP',
    inventory: asInventory({
      metadata: { ...without(baseMetadata(), 'token_endpoint'), grant_types_supported: ['implicit'], response_types_supported: ['id_token', 'id_token token'] },
    }),
    expected: [{ outcome: 'pass', messageId: 'complete' }],
  },
  {
    name: 'jwks_uri and subject_types_supported missing fail',
    inventory: asInventory({ metadata: without(baseMetadata(), 'jwks_uri', 'subject_types_supported') }),
    expected: [{ outcome: 'fail', messageId: 'missingRequired', messageIncludes: ['jwks_uri missing', 'subject_types_supported missing'] }],
  },
  {
    name: 'ID-token algorithms without RS256 fail',
    inventory: asInventory({ metadata: { ...baseMetadata(), id_token_signing_alg_values_supported: ['ES256', 'PS256'] } }),
    expected: [{ outcome: 'fail', messageId: 'missingRequired', messageIncludes: ['lacks RS256'] }],
  },
  {
    name: 'missing recommended members (userinfo, registration) warn',
    inventory: asInventory({ metadata: without(baseMetadata(), 'userinfo_endpoint', 'registration_endpoint') }),
    expected: [{ outcome: 'warn', messageId: 'missingRecommended', messageIncludes: ['userinfo_endpoint missing', 'registration_endpoint missing'] }],
  },
  {
    name: 'scopes_supported without openid warns',
    inventory: asInventory({ metadata: { ...baseMetadata(), scopes_supported: ['email', 'profile'] } }),
    expected: [{ outcome: 'warn', messageId: 'missingRecommended', messageIncludes: ['scopes_supported lacks openid'] }],
  },
  {
    name: 'an empty array that must be omitted warns',
    inventory: asInventory({ metadata: { ...baseMetadata(), claims_supported: [] } }),
    expected: [{ outcome: 'warn', messageId: 'missingRecommended', messageIncludes: ['claims_supported is an empty array'] }],
  },
  {
    name: 'a plain OAuth server (RFC 8414) needs no jwks_uri or OIDC members',
    inventory: asInventory({ metadata: null, rfc8414Exchange: rfc8414Served(oauthMetadata()) }),
    expected: [{ outcome: 'pass', messageId: 'complete', messageIncludes: ['RFC 8414'] }],
  },
  {
    name: 'a client-credentials-only OAuth server may omit authorization_endpoint',
    inventory: asInventory({ metadata: null, rfc8414Exchange: rfc8414Served({ ...without(oauthMetadata(), 'authorization_endpoint'), grant_types_supported: ['client_credentials'] }) }),
    expected: [{ outcome: 'pass', messageId: 'complete' }],
  },
  {
    name: 'no discovery document: unknown (precondition)',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
]);
