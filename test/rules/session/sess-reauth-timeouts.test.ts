import rule from '../../../rules/session/sess-reauth-timeouts.js';
import type { SessionFacts } from '../../../src/model/store-facts.js';
import { asInventory } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, ok, storeInventory } from '../../support/store-inventory.js';

const HOUR = 3600;
const DAY = 24 * HOUR;
const sessions = (s: SessionFacts, product = 'keycloak', targetId = 'store') => ({ targetId, product, facts: { sessions: ok(s) } });

// Catalog §6 SESS-REAUTH-TIMEOUTS (NIST SP 800-63B-4 §2.1.3, §2.2.3, §2.3.3), T2 per store, by the targetAal
// option (default AAL2): AAL2 WARN idle > 1 h or absolute > 24 h; AAL1 WARN absolute > 30 days; AAL3 FAIL
// absolute > 12 h, WARN idle > 15 min; FAIL when there is no absolute limit (null). Remember-me sessions are
// judged too. Values not reported: unknown.
testRule(rule, [
  {
    name: 'AAL2: 10 h absolute and 30 min idle pass',
    inventory: storeInventory(sessions({ absoluteSeconds: 10 * HOUR, idleSeconds: 30 * 60 })),
    expected: [{ targetId: 'store', subject: 'realm customers', outcome: 'pass', messageId: 'withinAal', messageIncludes: ['AAL2', 'absolute 10 h, idle 30 min'] }],
  },
  {
    name: 'AAL2: Auth0-like 30-day absolute and 3-day idle sessions warn',
    inventory: storeInventory(sessions({ absoluteSeconds: 30 * DAY, idleSeconds: 3 * DAY }, 'auth0')),
    expected: [{ outcome: 'warn', messageId: 'beyondAal', severity: 'medium', messageIncludes: ['absolute 30 d > 1 d', 'idle 3 d > 1 h'] }],
  },
  {
    name: 'no absolute limit fails, whatever the idle timeout',
    inventory: storeInventory(sessions({ absoluteSeconds: null, idleSeconds: 30 * 60 })),
    expected: [{ outcome: 'fail', messageId: 'noAbsoluteLimit', evidence: { absoluteSeconds: null, idleSeconds: 1800 } }],
  },
  {
    name: 'remember-me sessions without an absolute limit fail and are named',
    inventory: storeInventory(sessions({ absoluteSeconds: 10 * HOUR, idleSeconds: 30 * 60, rememberMe: { absoluteSeconds: null, idleSeconds: 7 * DAY } })),
    expected: [{ outcome: 'fail', messageId: 'noAbsoluteLimit', messageIncludes: ['(remember-me sessions)', 'also idle (remember me) 7 d > 1 h'] }],
  },
  {
    name: 'AAL3: a 24 h absolute limit fails and a 30 min idle timeout is listed',
    inventory: storeInventory(sessions({ absoluteSeconds: DAY, idleSeconds: 30 * 60 })),
    options: { targetAal: 'AAL3' },
    expected: [{ outcome: 'fail', messageId: 'beyondAalFail', messageIncludes: ['AAL3', 'absolute 1 d > 12 h', 'idle 30 min > 15 min'] }],
  },
  {
    name: 'AAL1: 60 days absolute warns, 7 days without idle timeout passes',
    inventory: storeInventory([sessions({ absoluteSeconds: 60 * DAY, idleSeconds: null }, 'okta', 'okta-a'), sessions({ absoluteSeconds: 7 * DAY, idleSeconds: null }, 'okta', 'okta-b')]),
    options: { targetAal: 'AAL1' },
    expected: [
      { targetId: 'okta-a', outcome: 'warn', messageId: 'beyondAal', messageIncludes: ['absolute 60 d > 30 d'] },
      { targetId: 'okta-b', outcome: 'pass', messageId: 'withinAal', messageIncludes: ['idle not limited (not required at AAL1)'] },
    ],
  },
  {
    name: 'session settings not readable, or the idle timeout not reported: unknown',
    inventory: storeInventory([
      { targetId: 'kc-a', facts: { sessions: noPermission('view-realm') } },
      sessions({ absoluteSeconds: 10 * HOUR }, 'keycloak', 'kc-b'),
    ]),
    expected: [
      { targetId: 'kc-a', outcome: 'unknown', messageId: 'notObserved' },
      { targetId: 'kc-b', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['did not report the idle timeout'] },
    ],
  },
  {
    name: 'a server scanned without a store credential: unknown',
    inventory: asInventory({}),
    expected: [{ targetId: 'op', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['needs a read-only admin credential'] }],
  },
]);
