import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { offlineOidcSnapshot } from '../../../connectors/oidc/offline.js';
import { buildInventory } from '../../../src/inventory.js';
import { emptyIdentityGraph } from '../../../src/model/identity.js';
import { evaluateRules } from '../../../src/rules-engine/evaluate.js';
import { RULES } from '../../../rules/index.js';
import { REAL_WORLD_CASES, REAL_WORLD_JWKS_FACTS, REAL_WORLD_RULE_IDS, REAL_WORLD_VARIANTS, type RealWorldCase } from './real-world-expectations.js';
import { interpretOidc } from '../../../connectors/oidc/interpret.js';
import { offlineOidcCollection } from '../../../connectors/oidc/offline.js';

/**
 * interpret.ts and the rules on every real published document in fixtures/real-world, offline,
 * against an oracle written from the standards (REAL-WORLD-EXPECTATIONS.md), not from the code.
 */
const FIXTURES = fileURLToPath(new URL('../../../fixtures/real-world/', import.meta.url));

function outcomes(c: RealWorldCase): Record<string, string> {
  const snapshot = offlineOidcSnapshot({
    targetId: 'rw',
    discoveryFile: FIXTURES + c.file,
    issuer: c.issuer,
    ...(c.jwksFile ? { jwksFile: FIXTURES + c.jwksFile } : {}),
  });
  const inventory = buildInventory([snapshot], { scannedAt: '2026-11-01T00:00:00.000Z' });
  const { results, problems } = evaluateRules(RULES, inventory, emptyIdentityGraph('n/a'));
  expect(problems).toEqual([]);
  return Object.fromEntries(results.filter((r) => r.targetId === 'rw').map((r) => [r.ruleId, r.outcome]));
}

describe('real-world discovery documents (offline)', () => {
  it('covers all 14 documents and every tabulated rule', () => {
    expect(REAL_WORLD_CASES).toHaveLength(14);
    for (const c of REAL_WORLD_CASES) expect(Object.keys(c.expected).sort()).toEqual([...REAL_WORLD_RULE_IDS].sort());
  });

  for (const c of [...REAL_WORLD_CASES, ...REAL_WORLD_VARIANTS]) {
    it(`${c.vendor}: every rule gives the outcome the standards require`, () => {
      const actual = outcomes(c);
      const mismatches = REAL_WORLD_RULE_IDS.filter((id) => actual[id] !== c.expected[id]).map(
        (id) => `${id}: expected ${c.expected[id]} (${c.why[id] ?? 'pass'}), got ${actual[id] ?? 'nothing'}`,
      );
      expect(mismatches).toEqual([]);
    });
  }
});

describe('real-world JWKS facts', () => {
  for (const [file, facts] of Object.entries(REAL_WORLD_JWKS_FACTS)) {
    it(`${file}: key sizes and curves`, () => {
      const discovery = REAL_WORLD_CASES.find((c) => c.jwksFile === file);
      expect(discovery).toBeDefined();
      const raw = offlineOidcCollection({ targetId: 'rw', discoveryFile: FIXTURES + discovery!.file, issuer: discovery!.issuer, jwksFile: FIXTURES + file });
      const { facts: as } = interpretOidc(raw);
      expect(as.jwks.state).toBe('observed');
      if (as.jwks.state !== 'observed') return;
      const keys = as.jwks.value.keys;
      expect(keys.filter((k) => k.kty === 'RSA').map((k) => k.sizeBits)).toEqual(facts.rsaBits);
      expect(keys.filter((k) => k.kty === 'EC').map((k) => k.crv)).toEqual(facts.ec);
      expect(keys.filter((k) => k.kty === 'OKP').map((k) => k.crv)).toEqual(facts.okp);
      if (facts.x5c === 'none') expect(keys.some((k) => k.hasX5c)).toBe(false);
      else expect(keys.filter((k) => k.hasX5c).every((k) => k.x5cMatches === true)).toBe(true);
      expect(keys.every((k) => k.privateMembers.length === 0)).toBe(true);
    });
  }
});
