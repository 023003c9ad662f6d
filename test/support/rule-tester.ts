import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/inventory.js';
import { emptyIdentityGraph, type IdentityGraph } from '../../src/model/identity.js';
import type { Outcome, Severity } from '../../src/model/outcome.js';
import type { RuleResult } from '../../src/model/result.js';
import { NOT_OBSERVED_MESSAGE_ID, type Rule } from '../../src/rules-engine/define.js';
import { evaluateRules } from '../../src/rules-engine/evaluate.js';

/**
 * A table-driven tester for rules, after ESLint's RuleTester: every case runs through the real
 * engine (message lookup, interpolation, fingerprints), duplicate cases are rejected, every message
 * id of the rule must be exercised, and every rule must show at least one `unknown` case, because
 * a rule that cannot say "not observed" will guess.
 */
export interface ExpectedFinding {
  outcome: Outcome;
  messageId: string;
  targetId?: string;
  subject?: string;
  severity?: Severity;
  /** Substrings the interpolated message must contain. */
  messageIncludes?: string[];
  /** A subset of the evidence. */
  evidence?: Record<string, unknown>;
}

export interface RuleCase {
  name: string;
  inventory: Inventory;
  graph?: IdentityGraph;
  options?: Record<string, unknown>;
  expected: ExpectedFinding[];
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}

function run(rule: Rule, c: RuleCase): RuleResult[] {
  const setting = c.options ? { [rule.meta.id]: { options: c.options } } : {};
  const { results, problems } = evaluateRules([rule], c.inventory, c.graph ?? emptyIdentityGraph('not built in this test'), setting);
  if (problems.length) throw new Error(`rule ${rule.meta.id} failed in case "${c.name}": ${problems.map((p) => p.message).join('; ')}`);
  return results;
}

export function validateCases(rule: Rule, cases: RuleCase[]): void {
  if (cases.length === 0) throw new Error(`${rule.meta.id}: no test cases`);
  const names = new Set<string>();
  const inputs = new Set<string>();
  for (const c of cases) {
    if (!c.name.trim()) throw new Error(`${rule.meta.id}: a case has an empty name`);
    if (names.has(c.name)) throw new Error(`${rule.meta.id}: duplicate case name "${c.name}"`);
    names.add(c.name);
    const input = JSON.stringify([c.inventory, c.graph ?? null, c.options ?? null]);
    if (inputs.has(input)) throw new Error(`${rule.meta.id}: case "${c.name}" duplicates the input of another case`);
    inputs.add(input);
    if (c.expected.length === 0 && c.inventory.snapshots.length > 0) {
      throw new Error(`${rule.meta.id}: case "${c.name}" expects no finding for a non-empty inventory; say what the rule should report`);
    }
    for (const e of c.expected) {
      if (e.messageId !== NOT_OBSERVED_MESSAGE_ID && !(e.messageId in rule.meta.messages)) {
        throw new Error(`${rule.meta.id}: case "${c.name}" expects unknown message id "${e.messageId}"`);
      }
    }
  }
  const covered = new Set(cases.flatMap((c) => c.expected.map((e) => e.messageId)));
  const missing = Object.keys(rule.meta.messages).filter((id) => !covered.has(id));
  if (missing.length) throw new Error(`${rule.meta.id}: message id(s) never exercised by a case: ${missing.join(', ')}`);
  if (!cases.some((c) => c.expected.some((e) => e.outcome === 'unknown'))) {
    throw new Error(`${rule.meta.id}: no case shows the rule answering unknown`);
  }
}

/** Declare the suite of one rule. */
export function testRule(rule: Rule, cases: RuleCase[]): void {
  describe(rule.meta.id, () => {
    it('has a valid, complete case table', () => {
      validateCases(rule, cases);
    });
    for (const c of cases) {
      it(c.name, () => {
        deepFreeze(c.inventory);
        const results = run(rule, c);
        expect(results.map((r) => `${r.targetId} ${r.outcome} ${r.messageId}`)).toEqual(
          c.expected.map((e) => `${e.targetId ?? r0(results)?.targetId ?? ''} ${e.outcome} ${e.messageId}`),
        );
        results.forEach((result, i) => {
          const e = c.expected[i];
          if (!e) return;
          expect(result.message, 'message placeholders must all be filled').not.toMatch(/\{\{/);
          if (e.subject !== undefined) expect(result.subject).toBe(e.subject);
          if (e.severity !== undefined) expect(result.severity).toBe(e.severity);
          for (const fragment of e.messageIncludes ?? []) expect(result.message).toContain(fragment);
          if (e.evidence) expect(result.evidence).toMatchObject(e.evidence);
          if (result.outcome === 'unknown') expect(result.unknownReason?.detail).toBeTruthy();
        });
        // Pure: the same input gives the same output.
        expect(run(rule, c)).toEqual(results);
      });
    }
  });
}

function r0(results: RuleResult[]): RuleResult | undefined {
  return results[0];
}
