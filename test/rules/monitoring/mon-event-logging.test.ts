import rule from '../../../rules/monitoring/mon-event-logging.js';
import type { MonitoringFacts } from '../../../src/model/store-facts.js';
import { asInventory, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, ok, storeInventory } from '../../support/store-inventory.js';

function mon(overrides: Partial<MonitoringFacts> = {}): MonitoringFacts {
  return {
    userEvents: { enabled: true, retentionDays: 90, types: 'all' },
    adminEvents: { enabled: true, details: true },
    streams: [],
    listeners: ['jboss-logging'],
    riskAnalytics: { produced: 'unknown' },
    ...overrides,
  };
}
const store = (m: MonitoringFacts, targetId = 'store') => ({ targetId, facts: { monitoring: ok(m) } });
const auth0 = (m: MonitoringFacts) => ({ targetId: 'auth0', product: 'auth0', facts: { scope: { kind: 'tenant' as const, name: 'acme' }, monitoring: ok(m) } });

// Catalog §12 MON-EVENT-LOGGING (NIST SP 800-63B-4 §2.4.1): FAIL when user or admin events are disabled
// (Keycloak) or the log API returns nothing; WARN when retention is below minRetentionDays (30) or
// LOGIN_ERROR/REGISTER/UPDATE_PASSWORD (mapped for Auth0/Okta) are not recorded; PASS otherwise.
testRule(rule, [
  {
    name: 'Keycloak with user and admin events, all types, 90 days: pass',
    inventory: storeInventory(store(mon())),
    expected: [{ outcome: 'pass', messageId: 'recorded', subject: 'realm customers', messageIncludes: ['User and admin events', 'for 90 days'] }],
  },
  {
    name: 'explicit event types including the required ones (UPDATE_CREDENTIAL for newer Keycloak), no expiry: pass',
    inventory: storeInventory(store(mon({ userEvents: { enabled: true, retentionDays: null, types: ['LOGIN', 'LOGIN_ERROR', 'REGISTER', 'UPDATE_CREDENTIAL'] } }))),
    expected: [{ outcome: 'pass', messageId: 'recorded', messageIncludes: ['without expiry'], evidence: { missingEventTypes: [] } }],
  },
  {
    name: 'user events disabled: fail',
    inventory: storeInventory(store(mon({ userEvents: { enabled: false } }))),
    expected: [{ outcome: 'fail', messageId: 'notRecorded', severity: 'high', messageIncludes: ['user events are disabled'] }],
  },
  {
    name: 'admin events disabled: fail',
    inventory: storeInventory(store(mon({ adminEvents: { enabled: false } }))),
    expected: [{ outcome: 'fail', messageId: 'notRecorded', messageIncludes: ['admin events are disabled'] }],
  },
  {
    name: 'Auth0: the log API answers with no event: fail',
    inventory: storeInventory(auth0(mon({ userEvents: { enabled: 'unknown', types: 'all' }, adminEvents: undefined, logApi: { reachable: true, recentEvents: 0 } }))),
    expected: [{ outcome: 'fail', messageId: 'notRecorded', subject: 'tenant acme', messageIncludes: ['the log API returns no event'] }],
  },
  {
    name: 'Auth0: events in the log API prove recording; plan retention of 2 days warns',
    inventory: storeInventory(auth0(mon({ userEvents: { enabled: 'unknown', retentionDays: 2, types: 'all' }, adminEvents: undefined, logApi: { reachable: true, recentEvents: 1 } }))),
    expected: [{ outcome: 'warn', messageId: 'gaps', severity: 'medium', messageIncludes: ['kept 2 days (target 30) and no active stream'] }],
  },
  {
    name: 'retention target raised by option: 90 days warns against 180',
    inventory: storeInventory(store(mon())),
    options: { minRetentionDays: 180 },
    expected: [{ outcome: 'warn', messageId: 'gaps', messageIncludes: ['kept 90 days (target 180)'] }],
  },
  {
    name: 'required event types missing: warn naming them',
    inventory: storeInventory(store(mon({ userEvents: { enabled: true, retentionDays: 30, types: ['LOGIN', 'LOGOUT'] } }))),
    expected: [{ outcome: 'warn', messageId: 'gaps', messageIncludes: ['LOGIN_ERROR, REGISTER, UPDATE_PASSWORD are not recorded'] }],
  },
  {
    name: 'Auth0: retention not exposed, but an active log stream keeps the events: pass',
    inventory: storeInventory(auth0(mon({ userEvents: { enabled: true, types: 'all' }, adminEvents: undefined, streams: [{ name: 'splunk', type: 'splunk', status: 'active' }], logApi: { reachable: true, recentEvents: 1 } }))),
    expected: [{ outcome: 'pass', messageId: 'recorded', messageIncludes: ['User events are recorded, kept by an active stream, including'], evidence: { activeStreams: 1 } }],
  },
  {
    name: 'retention not observable: unknown, not a pass',
    inventory: storeInventory(auth0(mon({ userEvents: { enabled: true, types: 'all' }, adminEvents: undefined }))),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['how long events are retained'] }],
  },
  {
    name: 'events config denied: unknown; an issuer without a store: unknown (no credential)',
    inventory: storeInventory({ facts: { monitoring: noPermission('view-events') } }, { extra: [asInventory({}).snapshots[0]!] }),
    expected: [
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'op', subject: ISSUER, messageIncludes: ['admin credential'] },
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'store', messageIncludes: ['HTTP 403'] },
    ],
  },
  {
    name: 'several stores judged separately',
    inventory: storeInventory([store(mon(), 'a'), store(mon({ userEvents: { enabled: false }, adminEvents: { enabled: false } }), 'b')]),
    expected: [
      { outcome: 'pass', messageId: 'recorded', targetId: 'a' },
      { outcome: 'fail', messageId: 'notRecorded', targetId: 'b', messageIncludes: ['user events are disabled; admin events are disabled'] },
    ],
  },
]);
