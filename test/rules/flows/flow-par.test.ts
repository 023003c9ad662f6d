import rule from '../../../rules/flows/flow-par.js';
import { asInventory, baseMetadata, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { client, ok, storeInventory } from '../../support/store-inventory.js';

const web = (id: string, parRequired?: boolean) => client({ id, appType: 'web', ...(parRequired === undefined ? {} : { parRequired }) });
const spa = client({ id: 'spa', type: 'public', appType: 'spa', authMethod: 'none', parRequired: false });
const machine = client({ id: 'batch', grants: ['client_credentials'], serviceAccount: true, parRequired: false });

const PAR = `${ISSUER}/par`;
const withPar = { ...baseMetadata(), pushed_authorization_request_endpoint: PAR };
const enforced = { ...withPar, require_pushed_authorization_requests: true };

// Catalog §3 FLOW-PAR (RFC 9126 §2, §5; FAPI 2.0 SP §5.3.2.2): INFO "available" when the endpoint is
// present, "enforced" when require_pushed_authorization_requests is true (§1.4 default false); FAIL only
// under the FAPI 2.0 target when PAR is not enforced, at high severity.
// T2 (per store): high-value clients = enabled, non-built-in, confidential clients that use the
// authorization endpoint; "enforced" when all of them set the per-client flag or a server of the store
// requires PAR; under FAPI 2.0 a high-value client without it fails (high).
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
  {
    name: 'T2: every high-value client requires PAR (SPA and machine clients do not count): INFO enforced',
    inventory: storeInventory({ facts: { clients: ok([web('shop', true), web('loyalty', true), spa, machine]) } }),
    expected: [{ targetId: 'store', subject: 'realm customers', outcome: 'info', messageId: 'clientsEnforced', messageIncludes: ['all 2 high-value client(s)'], evidence: { highValue: 2, required: 2 } }],
  },
  {
    name: 'T2: one of two high-value clients does not require PAR: INFO not enforced, with the share',
    inventory: storeInventory({ facts: { clients: ok([web('shop', true), web('loyalty', false)]) } }),
    expected: [{ outcome: 'info', messageId: 'clientsNotEnforced', messageIncludes: ['1 of 2 (50 %)', 'loyalty'] }],
  },
  {
    name: 'T2 under FAPI 2.0: a high-value client without PAR fails at high severity',
    inventory: storeInventory({ facts: { clients: ok([web('shop', true), web('loyalty', false)]) } }, { profile: 'fapi2' }),
    expected: [{ outcome: 'fail', messageId: 'fapiClientsNotEnforced', severity: 'high', messageIncludes: ['loyalty'] }],
  },
  {
    name: 'T0 and T2 side by side: the org\'s authorization server requires PAR, so the store is enforced whatever the client flags say',
    inventory: storeInventory(
      { targetId: 'okta', product: 'okta', facts: { scope: { kind: 'org', name: 'acme' }, clients: ok([web('shop', false)]) }, authorizationServers: [{ metadata: enforced }] },
      { profile: 'fapi2' },
    ),
    expected: [
      { targetId: 'okta', subject: ISSUER, outcome: 'pass', messageId: 'enforced' },
      { targetId: 'okta', subject: 'org acme', outcome: 'pass', messageId: 'clientsEnforced', messageIncludes: ['the server requires it'] },
    ],
  },
  {
    name: 'T2: no confidential client uses the authorization endpoint: N/A',
    inventory: storeInventory({ facts: { clients: ok([spa, machine]) } }),
    expected: [{ outcome: 'n/a', messageId: 'noHighValueClients' }],
  },
  {
    name: 'T2: the product does not report per-client PAR: unknown, not "not enforced"',
    inventory: storeInventory({ product: 'okta', facts: { clients: ok([web('shop'), web('loyalty', true)]) } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['okta does not report whether PAR is required for 1 high-value client(s): shop'] }],
  },
]);
