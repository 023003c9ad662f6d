import { describe, expect, it } from 'vitest';
import { CATALOG_RULE_IDS } from '../../src/maturity/catalog.js';
import { MATURITY_MODEL } from '../../src/maturity/model.js';
import { PROCESSES } from '../../src/model/outcome.js';
import { RULES } from '../../rules/index.js';

const catalog = new Set<string>(CATALOG_RULE_IDS);
const cells = [...MATURITY_MODEL.overall, ...PROCESSES.flatMap((p) => MATURITY_MODEL.processes[p])];
const named = new Set<string>(cells.flatMap((c) => [...c.gates, ...c.signals, ...(c.evidenceOnProblem ?? [])]));

describe('maturity model (data)', () => {
  it('names only catalog rule ids', () => {
    expect([...named].filter((id) => !catalog.has(id))).toEqual([]);
    expect(Object.keys(MATURITY_MODEL.infoPresent).filter((id) => !catalog.has(id))).toEqual([]);
  });

  it('maps every implemented rule, or lists it as unmapped with a reason', () => {
    const unmapped = MATURITY_MODEL.unmapped as Record<string, string>;
    const missing = RULES.map((r) => r.meta.id).filter((id) => !named.has(id) && !unmapped[id]);
    expect(missing).toEqual([]);
  });

  it('names real message ids where an info outcome counts as present', () => {
    for (const [ruleId, messageIds] of Object.entries(MATURITY_MODEL.infoPresent)) {
      const rule = RULES.find((r) => r.meta.id === ruleId);
      if (!rule) continue; // planned rule: checked when it lands
      for (const id of messageIds ?? []) expect(Object.keys(rule.meta.messages), `${ruleId}.${id}`).toContain(id);
    }
  });

  it('has the WSO2 ladder 1–4 and the CMM ladder 2–5 for each of the six processes', () => {
    expect(MATURITY_MODEL.overall.map((c) => c.level)).toEqual([1, 2, 3, 4]);
    for (const p of PROCESSES) expect(MATURITY_MODEL.processes[p].map((c) => c.level)).toEqual([2, 3, 4, 5]);
  });

  it('maps every catalog rule somewhere (the model covers the whole catalog)', () => {
    expect(CATALOG_RULE_IDS.filter((id) => !named.has(id))).toEqual([]);
  });
});
