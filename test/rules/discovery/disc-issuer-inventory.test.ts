import rule from '../../../rules/discovery/disc-issuer-inventory.js';
import { asInventory, emptyInventory } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { nonOidcInventory } from '../support.js';

const SHOP = 'https://login.shop.example.com';
const LOYALTY = 'https://id.loyalty.example.net/realms/members';
const LEGACY = 'https://legacy-sso.example.org';

// Catalog §2 DISC-ISSUER-INVENTORY (OIDC Core §5.7): scan-wide (target '*') INFO count of independent
// customer-facing issuers. The WARN (several issuers serving the same customers without brokering)
// needs identity-store evidence this scan does not read, so more than one issuer is reported as INFO
// that says so. Unknown when the scan holds no authorization server at all.
testRule(rule, [
  {
    name: 'one issuer scanned: INFO count 1 for the whole scan',
    inventory: asInventory({ issuer: SHOP }),
    expected: [{ targetId: '*', subject: 'issuers', outcome: 'info', messageId: 'count', messageIncludes: ['1 authorization server(s)', SHOP] }],
  },
  {
    name: 'two independent issuers: one scan-wide INFO that names both',
    inventory: asInventory([{ targetId: 'shop', issuer: SHOP }, { targetId: 'loyalty', issuer: LOYALTY }]),
    expected: [
      {
        targetId: '*',
        outcome: 'info',
        messageId: 'countNoPopulation',
        messageIncludes: ['2 independent issuers', `${LOYALTY}, ${SHOP}`],
        evidence: { issuers: [LOYALTY, SHOP], targets: ['loyalty', 'shop'] },
      },
    ],
  },
  {
    name: 'two targets configured for the same issuer count once',
    inventory: asInventory([{ targetId: 'web', issuer: SHOP }, { targetId: 'app', issuer: SHOP }]),
    expected: [{ targetId: '*', outcome: 'info', messageId: 'count', messageIncludes: ['1 authorization server(s)'], evidence: { targets: ['app', 'web'] } }],
  },
  {
    name: 'an issuer whose discovery failed still counts by its configured issuer',
    inventory: asInventory([{ targetId: 'shop', issuer: SHOP }, { targetId: 'loyalty', issuer: LOYALTY }, { targetId: 'legacy', issuer: LEGACY, metadata: null }]),
    expected: [{ targetId: '*', outcome: 'info', messageId: 'countNoPopulation', messageIncludes: ['3 independent issuers', LEGACY] }],
  },
  {
    name: 'a scan without any authorization server target: unknown',
    inventory: nonOidcInventory(),
    expected: [{ targetId: '*', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['no authorization server'] }],
  },
  {
    name: 'an empty scan yields no finding',
    inventory: emptyInventory(),
    expected: [],
  },
]);
