import rule from '../../../rules/provisioning/prov-scim-auth-enforced.js';
import type { ProvisioningFacts } from '../../../src/model/store-facts.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, notRead, ok, storeInventory } from '../../support/store-inventory.js';

const scimStore = (p: ProvisioningFacts, targetId = 'scim') => ({ targetId, product: 'scim', facts: { scope: { kind: 'scim-service' as const, name: 'crm-sync' }, provisioning: ok(p) } });
const probe = (status: number, totalResults?: number): ProvisioningFacts => ({ scimAnonymousRead: ok(totalResults === undefined ? { status } : { status, totalResults }) });

// Catalog §10 PROV-SCIM-AUTH-ENFORCED (RFC 7644 §2, §3.4.2.4, §7), T1: PASS on 401/403; FAIL (critical)
// on 200 with totalResults as the only evidence; unknown when not probed.
testRule(rule, [
  {
    name: '401 passes',
    inventory: storeInventory(scimStore(probe(401))),
    expected: [{ outcome: 'pass', messageId: 'enforced', subject: 'scim-service crm-sync', messageIncludes: ['HTTP 401'] }],
  },
  {
    name: '403 passes',
    inventory: storeInventory(scimStore(probe(403))),
    expected: [{ outcome: 'pass', messageId: 'enforced', messageIncludes: ['HTTP 403'] }],
  },
  {
    name: '200 fails, critical, with totalResults only',
    inventory: storeInventory(scimStore(probe(200, 48213))),
    expected: [{ outcome: 'fail', messageId: 'open', severity: 'critical', messageIncludes: ['totalResults 48213'], evidence: { status: 200, totalResults: 48213 } }],
  },
  {
    name: '200 without totalResults still fails',
    inventory: storeInventory(scimStore(probe(200))),
    expected: [{ outcome: 'fail', messageId: 'open', evidence: { totalResults: null } }],
  },
  {
    name: 'another status (404) is unknown',
    inventory: storeInventory(scimStore(probe(404))),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['HTTP 404'] }],
  },
  {
    name: 'probe not made (T1 off): unknown, saying how to enable it',
    inventory: storeInventory(scimStore({})),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['(T1) was not made'] }],
  },
  {
    name: 'probe failed: unknown with the error',
    inventory: storeInventory(scimStore({ scimAnonymousRead: notRead() })),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['TIMEOUT'] }],
  },
  {
    name: 'several stores: SCIM services judged; a realm without SCIM, or whose provisioning was denied, gives nothing',
    inventory: storeInventory([scimStore(probe(401), 'a'), scimStore(probe(200, 3), 'b'), { targetId: 'kc', facts: { provisioning: noPermission('view-realm') } }]),
    expected: [
      { outcome: 'pass', messageId: 'enforced', targetId: 'a' },
      { outcome: 'fail', messageId: 'open', targetId: 'b' },
    ],
  },
]);
