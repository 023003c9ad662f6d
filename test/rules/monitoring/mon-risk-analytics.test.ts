import rule from '../../../rules/monitoring/mon-risk-analytics.js';
import type { MonitoringFacts } from '../../../src/model/store-facts.js';
import { asInventory, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, notRead, ok, storeInventory } from '../../support/store-inventory.js';

const mon = (riskAnalytics: MonitoringFacts['riskAnalytics']): MonitoringFacts => ({ userEvents: { enabled: true }, streams: [], riskAnalytics });
const store = (r: MonitoringFacts['riskAnalytics'], targetId = 'store', product = 'keycloak') => ({ targetId, product, facts: { monitoring: ok(mon(r)) } });

// Catalog §12 MON-RISK-ANALYTICS (vendor docs; NIST SP 800-63B-4 §2): PASS when risk analytics are
// produced; INFO otherwise; unknown where the product cannot tell (Keycloak: attestation).
testRule(rule, [
  {
    name: 'Okta ThreatInsight in block mode passes',
    inventory: storeInventory(store({ produced: true, detail: 'ThreatInsight action block' }, 'okta', 'okta')),
    expected: [{ outcome: 'pass', messageId: 'produced', messageIncludes: ['ThreatInsight action block'] }],
  },
  {
    name: 'Auth0 risk assessment in login logs passes',
    inventory: storeInventory(store({ produced: true }, 'auth0', 'auth0')),
    expected: [{ outcome: 'pass', messageId: 'produced', subject: 'realm customers' }],
  },
  {
    name: 'ThreatInsight off is INFO (low severity)',
    inventory: storeInventory(store({ produced: false, detail: 'ThreatInsight action none' })),
    expected: [{ outcome: 'info', messageId: 'notProduced', severity: 'low', messageIncludes: ['action none'] }],
  },
  {
    name: 'Keycloak (no native analytics) is unknown',
    inventory: storeInventory(store({ produced: 'unknown', detail: 'no native analytics; operator attestation' })),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['keycloak facts do not tell', 'operator attestation'] }],
  },
  {
    name: 'Keycloak with external analytics attested by the operator passes',
    inventory: storeInventory(store({ produced: 'unknown', detail: 'no native analytics' }, 'kc')),
    options: { attestedTargets: ['kc'] },
    expected: [{ outcome: 'pass', messageId: 'attested', evidence: { attested: true } }],
  },
  {
    name: 'monitoring facts denied or failed: unknown with the reason',
    inventory: storeInventory([{ targetId: 'a', facts: { monitoring: noPermission('okta.threatInsights.read') } }, { targetId: 'b', facts: { monitoring: notRead() } }]),
    expected: [
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'a', messageIncludes: ['HTTP 403'] },
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'b', messageIncludes: ['TIMEOUT'] },
    ],
  },
  {
    name: 'an issuer without a store: unknown (no credential)',
    inventory: asInventory({}),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', targetId: 'op', subject: ISSUER, messageIncludes: ['needs a read-only admin credential (T2)'] }],
  },
  {
    name: 'several stores judged separately',
    inventory: storeInventory([store({ produced: true }, 'a'), store({ produced: false }, 'b')]),
    expected: [
      { outcome: 'pass', messageId: 'produced', targetId: 'a' },
      { outcome: 'info', messageId: 'notProduced', targetId: 'b' },
    ],
  },
]);
