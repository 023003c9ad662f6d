import rule from '../../../rules/monitoring/mon-siem-streaming.js';
import type { MonitoringFacts } from '../../../src/model/store-facts.js';
import { asInventory, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, ok, storeInventory } from '../../support/store-inventory.js';

type Stream = MonitoringFacts['streams'][number];
function mon(streams: Stream[], listeners?: string[]): MonitoringFacts {
  return { userEvents: { enabled: true, retentionDays: 30, types: 'all' }, streams, ...(listeners ? { listeners } : {}), riskAnalytics: { produced: false } };
}
const tenant = (m: MonitoringFacts, targetId = 'auth0') => ({ targetId, product: 'auth0', facts: { scope: { kind: 'tenant' as const, name: 'acme' }, monitoring: ok(m) } });
const realm = (m: MonitoringFacts, targetId = 'kc') => ({ targetId, facts: { monitoring: ok(m) } });

// Catalog §12 MON-SIEM-STREAMING: PASS with an active stream (Keycloak: a listener other than
// jboss-logging — and, by its documented behaviour, other than email; Okta: an active event hook too);
// WARN when streams exist but are paused/suspended; FAIL when nothing streams; operator attestation
// (option attestedTargets) counts for Keycloak log shipping.
testRule(rule, [
  {
    name: 'streams that could not be read are unknown, not "no stream"',
    inventory: storeInventory(tenant({ ...mon([]), streamsUnknown: { kind: 'no-permission', detail: 'log streams: access denied', permission: 'okta.logStreams.read' } })),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['log streams: access denied'] }],
  },
  {
    name: 'an active Auth0 log stream passes',
    inventory: storeInventory(tenant(mon([{ name: 'splunk', type: 'splunk', status: 'active' }]))),
    expected: [{ outcome: 'pass', messageId: 'streaming', subject: 'tenant acme', messageIncludes: ['splunk stream splunk'] }],
  },
  {
    name: 'a Keycloak custom event listener passes',
    inventory: storeInventory(realm(mon([], ['jboss-logging', 'kafka-event-listener']))),
    expected: [{ outcome: 'pass', messageId: 'streaming', messageIncludes: ['event listener kafka-event-listener'] }],
  },
  {
    name: 'a Keycloak listener the connector also lists as a stream is named once',
    inventory: storeInventory(realm(mon([{ name: 'siem-listener', type: 'event-listener', status: 'active' }], ['jboss-logging', 'siem-listener']))),
    expected: [{ outcome: 'pass', messageId: 'streaming', messageIncludes: ['sink: event-listener stream siem-listener.'] }],
  },
  {
    name: 'an active, verified Okta event hook passes',
    inventory: storeInventory({
      targetId: 'okta',
      product: 'okta',
      facts: { scope: { kind: 'org', name: 'acme' }, monitoring: ok(mon([])), provisioning: ok({ lifecycleChannels: [{ kind: 'event-hook', name: 'siem-hook', active: true, verified: true, events: ['user.session.start'] }] }) },
    }),
    expected: [{ outcome: 'pass', messageId: 'streaming', messageIncludes: ['event hook siem-hook'] }],
  },
  {
    name: 'paused and suspended streams only: warn',
    inventory: storeInventory(tenant(mon([{ name: 'dd', type: 'datadog', status: 'paused' }, { name: 'http', type: 'http', status: 'suspended' }]))),
    expected: [{ outcome: 'warn', messageId: 'paused', severity: 'medium', messageIncludes: ['dd paused', 'http suspended'] }],
  },
  {
    name: 'Keycloak with only jboss-logging and email: fail',
    inventory: storeInventory(realm(mon([], ['jboss-logging', 'email']))),
    expected: [{ outcome: 'fail', messageId: 'none', evidence: { listeners: ['jboss-logging', 'email'] } }],
  },
  {
    name: 'Keycloak log shipping attested by the operator: pass',
    inventory: storeInventory(realm(mon([], ['jboss-logging']))),
    options: { attestedTargets: ['kc'] },
    expected: [{ outcome: 'pass', messageId: 'attested', evidence: { attested: true } }],
  },
  {
    name: 'Auth0 with no log stream (pull-only): fail',
    inventory: storeInventory(tenant(mon([]))),
    expected: [{ outcome: 'fail', messageId: 'none' }],
  },
  {
    name: 'a stream whose status is unknown: unknown',
    inventory: storeInventory(tenant(mon([{ name: 'x', type: 'http', status: 'unknown' }]))),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['whether log stream(s) x are active'] }],
  },
  {
    name: 'log streams denied: unknown; an issuer without a store: unknown (no credential)',
    inventory: storeInventory({ facts: { monitoring: noPermission('read:log_streams') } }, { extra: [asInventory({}).snapshots[0]!] }),
    expected: [
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'op', subject: ISSUER, messageIncludes: ['admin credential'] },
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'store', messageIncludes: ['HTTP 403'] },
    ],
  },
  {
    name: 'several stores judged separately',
    inventory: storeInventory([tenant(mon([{ name: 's', type: 'http', status: 'active' }]), 'a'), realm(mon([], ['jboss-logging']), 'b')]),
    expected: [
      { outcome: 'pass', messageId: 'streaming', targetId: 'a' },
      { outcome: 'fail', messageId: 'none', targetId: 'b' },
    ],
  },
]);
