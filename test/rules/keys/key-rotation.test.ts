import rule from '../../../rules/keys/key-rotation.js';
import type { KeySighting } from '../../../src/inventory.js';
import { asInventory, ISSUER, jwksOf, RSA_2048 } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, ok, storeInventory } from '../../support/store-inventory.js';
import { rsaKey, sighting } from '../support.js';

// Scans happen on 2026-06-01 (the inventory's scannedAt). A is the current key of the base scenario.
const A = RSA_2048;
const B = rsaKey(2048, { kid: 'k2' });
const ENC = rsaKey(2048, { kid: 'enc', use: 'enc', alg: 'RSA-OAEP' });

function withHistory(keys: Array<Record<string, unknown>>, history: KeySighting[], targetId = 'op') {
  return asInventory({ jwks: jwksOf(...keys) }, { prior: { keySightings: { [targetId]: { [ISSUER]: history } }, since: '2024-01-01T00:00:00.000Z' } });
}

// Catalog §5 KEY-ROTATION (OIDC Core §10.1.1; FAPI 2.0 SP §6): PASS if a key change was observed within the
// window (default 365 days) with the old key kept published for an overlap; WARN if the key changed without
// overlap, or the same key has been current longer than the window. No history, or a history shorter than
// the window with no change seen, decides nothing: unknown. Keys are compared by RFC 7638 thumbprint.
// T2 (per store, from the admin API): PASS when rotation is automatic or a next/previous (or Keycloak
// passive) key is published; WARN when the single current key is older than the window; PASS when it is
// younger; unknown when no date is reported.
testRule(rule, [
  {
    name: 'no earlier scan in the history: unknown, and the keys are recorded',
    inventory: asInventory({}),
    expected: [{ outcome: 'unknown', messageId: 'noHistory', messageIncludes: ['(1 keys)'] }],
  },
  {
    name: 'history of another target is not used: unknown',
    inventory: withHistory([A], [sighting(A, '2025-01-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z')], 'other-op'),
    expected: [{ outcome: 'unknown', messageId: 'noHistory' }],
  },
  {
    name: 'a new key appears while the old one stays published: pass (rotation with overlap)',
    inventory: withHistory([A, B], [sighting(A, '2026-01-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z')]),
    expected: [{ outcome: 'pass', messageId: 'rotated', messageIncludes: ['0 days ago'] }],
  },
  {
    name: 'a rotation seen 92 days ago whose old key overlapped the new one: pass',
    inventory: withHistory([B], [sighting(A, '2025-09-01T00:00:00.000Z', '2026-03-15T00:00:00.000Z'), sighting(B, '2026-03-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z')]),
    expected: [{ outcome: 'pass', messageId: 'rotated', messageIncludes: ['92 days ago'] }],
  },
  {
    name: 'the key changed and the old one vanished in the same scan: warn (no overlap)',
    inventory: withHistory([B], [sighting(A, '2026-01-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z')]),
    expected: [{ outcome: 'warn', messageId: 'rotatedNoOverlap', messageIncludes: ['0 days ago'] }],
  },
  {
    name: 'the same key current for 516 days, beyond the 365-day window: warn',
    inventory: withHistory([A], [sighting(A, '2025-01-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z')]),
    expected: [{ outcome: 'warn', messageId: 'stale', messageIncludes: ['516 days', '365-day'] }],
  },
  {
    name: 'a rotation older than the window does not count; the current key is stale: warn',
    inventory: withHistory([B], [sighting(A, '2024-01-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z'), sighting(B, '2024-05-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z')]),
    expected: [{ outcome: 'warn', messageId: 'stale', messageIncludes: ['761 days'] }],
  },
  {
    name: 'a history of 92 days without a change, shorter than the window: unknown',
    inventory: withHistory([A], [sighting(A, '2026-03-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z')]),
    expected: [{ outcome: 'unknown', messageId: 'shortHistory', messageIncludes: ['92 days', '365 days'] }],
  },
  {
    name: 'the same 92-day history with a 60-day window option: warn',
    inventory: withHistory([A], [sighting(A, '2026-03-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z')]),
    options: { windowDays: 60 },
    expected: [{ outcome: 'warn', messageId: 'stale', messageIncludes: ['92 days', '60-day'] }],
  },
  {
    name: 'a new encryption key is not a signing-key rotation: unknown (short history)',
    inventory: withHistory([A, ENC], [sighting(A, '2026-03-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z')]),
    expected: [{ outcome: 'unknown', messageId: 'shortHistory' }],
  },
  {
    name: 'history exists but the JWKS holds no signing key: unknown, not a stale warning',
    inventory: withHistory([ENC], [sighting(A, '2025-01-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z')]),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['no signing key'] }],
  },
  {
    name: 'JWKS not fetched: unknown',
    inventory: asInventory({ jwks: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
  {
    name: 'T0 and T2 side by side: Okta org with automatic rotation passes; its server has no history yet',
    inventory: storeInventory({
      targetId: 'okta',
      product: 'okta',
      facts: { scope: { kind: 'org', name: 'acme' }, signingKeys: ok({ rotation: 'automatic', lastRotated: '2026-04-02T00:00:00.000Z', keys: [{ kid: 'k1', status: 'active' }] }) },
      authorizationServers: [{}],
    }),
    expected: [
      { targetId: 'okta', subject: ISSUER, outcome: 'unknown', messageId: 'noHistory' },
      { targetId: 'okta', subject: 'org acme', outcome: 'pass', messageId: 'storeAutomatic', messageIncludes: ['last rotation 60 days ago'] },
    ],
  },
  {
    name: 'T2: Auth0 publishes next and previous keys: pass (overlap)',
    inventory: storeInventory({
      product: 'auth0',
      facts: {
        signingKeys: ok({
          rotation: 'manual',
          keys: [
            { kid: 'a', status: 'previous', since: '2024-01-01T00:00:00.000Z' },
            { kid: 'b', status: 'current', since: '2025-01-01T00:00:00.000Z' },
            { kid: 'c', status: 'next' },
          ],
        }),
      },
    }),
    expected: [{ targetId: 'store', outcome: 'pass', messageId: 'storeOverlap', messageIncludes: ['1 next key(s) and 1 previous key(s)'] }],
  },
  {
    name: 'T2: one current key since 2024-01-01, beyond the 365-day window: warn',
    inventory: storeInventory({ facts: { signingKeys: ok({ rotation: 'manual', keys: [{ kid: 'b', status: 'current', since: '2024-01-01T00:00:00.000Z' }] }) } }),
    expected: [{ targetId: 'store', outcome: 'warn', messageId: 'storeStale', messageIncludes: ['882 days old', '365-day'] }],
  },
  {
    name: 'T2: a 30-day-old single key passes; with a 20-day window option it is stale',
    inventory: storeInventory([
      { targetId: 'kc-a', facts: { signingKeys: ok({ rotation: 'manual', keys: [{ kid: 'r', status: 'active', since: '2026-05-02T00:00:00.000Z' }] }) } },
      { targetId: 'kc-b', facts: { signingKeys: ok({ rotation: 'manual', keys: [{ kid: 's', status: 'active', since: '2026-05-22T00:00:00.000Z' }] }) } },
    ]),
    options: { windowDays: 20 },
    expected: [
      { targetId: 'kc-a', outcome: 'warn', messageId: 'storeStale', messageIncludes: ['30 days old', '20-day'] },
      { targetId: 'kc-b', outcome: 'pass', messageId: 'storeRecent', messageIncludes: ['10 days old'] },
    ],
  },
  {
    name: 'T2: no rotation date reported, or keys not readable: unknown',
    inventory: storeInventory([
      { targetId: 'kc-a', facts: { signingKeys: ok({ rotation: 'unknown', keys: [{ kid: 'r', status: 'active' }] }) } },
      { targetId: 'kc-b', facts: { signingKeys: noPermission('view-realm') } },
    ]),
    expected: [
      { targetId: 'kc-a', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['nor when the current key was created'] },
      { targetId: 'kc-b', outcome: 'unknown', messageId: 'notObserved' },
    ],
  },
]);
