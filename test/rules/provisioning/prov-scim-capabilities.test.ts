import rule from '../../../rules/provisioning/prov-scim-capabilities.js';
import type { JsonDocument } from '../../../src/model/observation.js';
import type { ProvisioningFacts, ScimCapabilities } from '../../../src/model/store-facts.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, ok, storeInventory } from '../../support/store-inventory.js';
import { scanError } from '../support.js';

const SPC = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const URL = 'https://scim.example.com/scim/v2/ServiceProviderConfig';

function doc(overrides: Partial<JsonDocument> = {}): JsonDocument {
  return { method: 'GET', url: URL, status: 200, contentType: 'application/scim+json', headers: {}, valid: false, problem: 'content-type', json: { schemas: [SPC] }, ...overrides };
}
function scim(overrides: Partial<ScimCapabilities> = {}): ScimCapabilities {
  return {
    document: doc(),
    validSchema: true,
    patch: true,
    bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1_048_576 },
    filter: { supported: true, maxResults: 200 },
    changePassword: false,
    sort: true,
    etag: true,
    authenticationSchemes: ['oauthbearertoken'],
    resourceTypes: ['User', 'Group'],
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    enterpriseUser: true,
    ...overrides,
  };
}
const scimStore = (p: ProvisioningFacts, targetId = 'scim') => ({ targetId, product: 'scim', facts: { scope: { kind: 'scim-service' as const, name: 'https://scim.example.com/scim/v2' }, provisioning: ok(p) } });

// Catalog §10 PROV-SCIM-CAPABILITIES (RFC 7644 §4, §3.4.2.2, §3.5.2, §3.7, §3.14; RFC 7643 §5): PASS when
// the document is valid and PATCH, filter and a token-based scheme are supported; WARN without ETag or with
// only httpbasic (and, beyond the catalog, without PATCH or filter); FAIL when the document is invalid;
// bulk limits are evidence.
testRule(rule, [
  {
    name: 'a full-featured SCIM service (application/scim+json) passes, with bulk limits as evidence',
    inventory: storeInventory(scimStore({ scim: scim() })),
    expected: [{ outcome: 'pass', messageId: 'capable', subject: 'scim-service https://scim.example.com/scim/v2', messageIncludes: ['oauthbearertoken'], evidence: { bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1_048_576 } } }],
  },
  {
    name: 'no ETag support warns',
    inventory: storeInventory(scimStore({ scim: scim({ etag: false }) })),
    expected: [{ outcome: 'warn', messageId: 'gaps', severity: 'medium', messageIncludes: ['ETags are not supported'] }],
  },
  {
    name: 'only HTTP Basic warns',
    inventory: storeInventory(scimStore({ scim: scim({ authenticationSchemes: ['httpbasic'] }) })),
    expected: [{ outcome: 'warn', messageId: 'gaps', messageIncludes: ['only httpbasic authentication'] }],
  },
  {
    name: 'no PATCH, no filter and no scheme at all: warn with every gap',
    inventory: storeInventory(scimStore({ scim: scim({ patch: false, filter: { supported: false }, authenticationSchemes: [] }) })),
    expected: [{ outcome: 'warn', messageId: 'gaps', messageIncludes: ['PATCH is not supported', 'filtering is not supported', 'no authentication scheme'] }],
  },
  {
    name: 'a document without the ServiceProviderConfig schema fails',
    inventory: storeInventory(scimStore({ scim: scim({ validSchema: false, document: doc({ json: { patch: { supported: true } } }) }) })),
    expected: [{ outcome: 'fail', messageId: 'invalid', messageIncludes: ['"schemas" does not contain'] }],
  },
  {
    name: 'a 404 for ServiceProviderConfig fails',
    inventory: storeInventory(scimStore({ scim: scim({ validSchema: false, document: doc({ status: 404, json: undefined }) }) })),
    expected: [{ outcome: 'fail', messageId: 'invalid', messageIncludes: ['HTTP 404'] }],
  },
  {
    name: 'a 401 even with the token: unknown (no permission)',
    inventory: storeInventory(scimStore({ scim: scim({ validSchema: false, document: doc({ status: 401, json: undefined }) }) })),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['HTTP 401'] }],
  },
  {
    name: 'a timeout: unknown (collection error)',
    inventory: storeInventory(scimStore({ scim: scim({ validSchema: false, document: doc({ status: undefined, json: undefined, error: scanError('TIMEOUT', URL) }) }) })),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['could not be fetched'] }],
  },
  {
    name: 'provisioning facts of a SCIM service not readable: unknown; a Keycloak realm without SCIM gives nothing',
    inventory: storeInventory([
      { targetId: 'scim', product: 'scim', facts: { scope: { kind: 'scim-service', name: 'scim' }, provisioning: noPermission('scim token') } },
      { targetId: 'kc', facts: { provisioning: ok({ directoryFederation: [] }) } },
      { targetId: 'kc-2', facts: { provisioning: noPermission('view-realm') } },
    ]),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', targetId: 'scim', messageIncludes: ['HTTP 403'] }],
  },
  {
    name: 'several SCIM services judged separately',
    inventory: storeInventory([scimStore({ scim: scim() }, 'a'), scimStore({ scim: scim({ etag: false }) }, 'b')]),
    expected: [
      { outcome: 'pass', messageId: 'capable', targetId: 'a' },
      { outcome: 'warn', messageId: 'gaps', targetId: 'b' },
    ],
  },
]);
