import rule, { lifecycleKinds } from '../../../rules/provisioning/prov-lifecycle-events.js';
import type { ProvisioningFacts } from '../../../src/model/store-facts.js';
import { asInventory, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, ok, storeInventory } from '../../support/store-inventory.js';
import { expect, it } from 'vitest';

type Channel = NonNullable<ProvisioningFacts['lifecycleChannels']>[number];
const ch = (overrides: Partial<Channel> & { name: string }): Channel => ({ kind: 'event-hook', active: true, events: ['user.lifecycle.create', 'user.account.update_profile', 'user.lifecycle.delete.initiated'], ...overrides });
const store = (channels: Channel[] | undefined, targetId = 'store') => ({ targetId, facts: { provisioning: ok(channels ? { lifecycleChannels: channels } : {}) } });

// Catalog §10 PROV-LIFECYCLE-EVENTS (RFC 8935/8936; SSF 1.0 §6; vendor APIs): PASS when at least one
// active (and, where the product verifies, verified) outbound channel carries create/update/delete-type
// events; INFO otherwise (batch sync may exist: attestation).
testRule(rule, [
  {
    name: 'an active, verified Okta event hook with create/update/delete passes',
    inventory: storeInventory(store([ch({ name: 'crm-sync', verified: true })])),
    expected: [{ outcome: 'pass', messageId: 'pushed', subject: 'realm customers', messageIncludes: ['event-hook crm-sync', 'create, update, delete'], evidence: { kindsCovered: ['create', 'update', 'delete'] } }],
  },
  {
    name: 'a Keycloak listener carrying only REGISTER passes and names what is not covered',
    inventory: storeInventory(store([ch({ kind: 'event-listener', name: 'kafka', events: ['REGISTER', 'LOGIN'] })])),
    expected: [{ outcome: 'pass', messageId: 'pushed', messageIncludes: ['covering create (not update, delete)'] }],
  },
  {
    name: 'an Auth0 http log stream with every event passes',
    inventory: storeInventory(store([ch({ kind: 'log-stream', name: 'http-siem', events: ['*'] })])),
    expected: [{ outcome: 'pass', messageId: 'pushed', evidence: { kindsCovered: ['create', 'update', 'delete'] } }],
  },
  {
    name: 'an unverified event hook does not count: INFO',
    inventory: storeInventory(store([ch({ name: 'crm-sync', verified: false })])),
    expected: [{ outcome: 'info', messageId: 'none', severity: 'low', messageIncludes: ['not verified: event-hook crm-sync'] }],
  },
  {
    name: 'inactive hooks and channels without lifecycle events: INFO naming why',
    inventory: storeInventory(store([ch({ name: 'old', active: false }), ch({ kind: 'action', name: 'login-audit', events: ['LOGIN', 'LOGIN_ERROR'] })])),
    expected: [{ outcome: 'info', messageId: 'none', messageIncludes: ['inactive: event-hook old', 'no lifecycle events: action login-audit'] }],
  },
  {
    name: 'no channel at all: INFO',
    inventory: storeInventory(store([])),
    expected: [{ outcome: 'info', messageId: 'none', evidence: { channels: 0 } }],
  },
  {
    name: 'provisioning denied: unknown; an issuer without a store: unknown (no credential)',
    inventory: storeInventory({ facts: { provisioning: noPermission('okta.eventHooks.read') } }, { extra: [asInventory({}).snapshots[0]!] }),
    expected: [
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'op', subject: ISSUER, messageIncludes: ['admin credential'] },
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'store', messageIncludes: ['HTTP 403'] },
    ],
  },
  {
    name: 'several stores: judged separately; a SCIM service and a store without channels give nothing',
    inventory: storeInventory([
      store([ch({ name: 'crm' })], 'a'),
      store([], 'b'),
      store(undefined, 'c'),
      { targetId: 'd', product: 'scim', facts: { scope: { kind: 'scim-service', name: 'scim' }, provisioning: noPermission('scim token') } },
    ]),
    expected: [
      { outcome: 'pass', messageId: 'pushed', targetId: 'a' },
      { outcome: 'info', messageId: 'none', targetId: 'b' },
    ],
  },
]);

it('classifies vendor event names into lifecycle kinds', () => {
  expect([...lifecycleKinds(['user.lifecycle.deactivate'])]).toEqual(['delete']);
  expect([...lifecycleKinds(['user.lifecycle.activate'])]).toEqual(['create']);
  expect([...lifecycleKinds(['ss', 'scp', 'sdu'])].sort()).toEqual(['create', 'delete', 'update']);
  expect([...lifecycleKinds(['UPDATE_PROFILE', 'DELETE_ACCOUNT'])].sort()).toEqual(['delete', 'update']);
  expect([...lifecycleKinds(['post-user-registration'])]).toEqual(['create']);
  expect(lifecycleKinds(['LOGIN', 'LOGIN_ERROR', 'user.session.start']).size).toBe(0);
});
