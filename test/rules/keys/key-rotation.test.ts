import rule from '../../../rules/keys/key-rotation.js';
import type { KeySighting } from '../../../src/inventory.js';
import { asInventory, ISSUER, jwksOf, RSA_2048 } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
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
]);
