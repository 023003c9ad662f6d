import { describe, expect, it } from 'vitest';
import { assessMaturity } from '../../src/maturity/assess.js';
import type { MaturityModel } from '../../src/maturity/model.js';
import type { Outcome } from '../../src/model/outcome.js';
import type { RuleResult } from '../../src/model/result.js';
import { fingerprint } from '../../src/rules-engine/evaluate.js';
import { RULES } from '../../rules/index.js';
import { emptyIdentityGraph } from '../../src/model/identity.js';
import { evaluateRules } from '../../src/rules-engine/evaluate.js';
import { asInventory } from '../support/oidc-inventory.js';

function result(ruleId: string, outcome: Outcome, messageId = 'm', targetId = 't'): RuleResult {
  return {
    ruleId,
    targetId,
    subject: 's',
    outcome,
    severity: 'medium',
    process: 'authentication',
    tier: 'T0',
    messageId,
    message: '',
    evidence: {},
    references: [],
    fingerprint: fingerprint(ruleId, targetId, 's'),
    ...(outcome === 'unknown' ? { unknownReason: { kind: 'not-observed' as const, detail: 'x' } } : {}),
  };
}

/** A small model so that each behaviour is visible in a few results. */
const MODEL: MaturityModel = {
  name: 'test',
  version: '0',
  overall: [
    { level: 1, name: 'Managed identity', description: '', gates: ['DISC-METADATA-PUBLISHED', 'KEY-JWKS-VALID'], signals: ['DISC-CORS-SCOPE', 'DISC-ANTI-FRAMING'] },
    { level: 2, name: 'Siloed', description: '', gates: [], signals: ['FED-IDP-INVENTORY', 'MFA-ENABLED-POLICY'], evidenceOnProblem: ['CRM-LINK-RATE'] },
    { level: 3, name: 'Connected', description: '', gates: ['CRM-LINK-RATE'], signals: ['FLOW-CROSS-DEVICE'] },
    { level: 4, name: 'Optimized', description: '', gates: ['MFA-ADAPTIVE-RISK'], signals: ['FLOW-PAR'] },
  ],
  processes: {
    registration: [
      { level: 2, name: 'Repeatable', description: '', gates: [], signals: ['REG-SELF-SERVICE-SIGNUP'] },
      { level: 3, name: 'Defined', description: '', gates: ['REG-EMAIL-VERIFICATION'], signals: [] },
      { level: 4, name: 'Managed', description: '', gates: [], signals: [] },
      { level: 5, name: 'Optimizing', description: '', gates: [], signals: [] },
    ],
    provisioning: [2, 3, 4, 5].map((level) => ({ level, name: `L${level}`, description: '', gates: [], signals: [] })),
    authentication: [
      { level: 2, name: 'Repeatable', description: '', gates: ['DISC-METADATA-PUBLISHED'], signals: [] },
      { level: 3, name: 'Defined', description: '', gates: ['KEY-JWKS-VALID'], signals: ['DISC-ANTI-FRAMING'] },
      { level: 4, name: 'Managed', description: '', gates: [], signals: ['FLOW-CROSS-DEVICE'] },
      { level: 5, name: 'Optimizing', description: '', gates: [], signals: ['MFA-ADAPTIVE-RISK'] },
    ],
    authorization: [2, 3, 4, 5].map((level) => ({ level, name: `L${level}`, description: '', gates: [], signals: [] })),
    'user-management': [2, 3, 4, 5].map((level) => ({ level, name: `L${level}`, description: '', gates: [], signals: [] })),
    monitoring: [2, 3, 4, 5].map((level) => ({ level, name: `L${level}`, description: '', gates: [], signals: [] })),
  },
  infoPresent: { 'FLOW-CROSS-DEVICE': ['available'] },
  unmapped: {},
  attestation: ['strategy'],
};

const assess = (results: RuleResult[], complete = true) => assessMaturity(results, { complete, model: MODEL });

describe('maturity assessment', () => {
  it('says nothing was observed when there are no results', () => {
    const m = assess([]);
    expect(m.overall).toMatchObject({ level: 0, confidence: 'none' });
    expect(m.overall.statement).toContain('No evidence was observed');
    expect(m.processes.registration).toMatchObject({ level: 0, name: 'Not assessed', confidence: 'none' });
  });

  it('credits level 1 when its gates pass and half of the observed signals are present, and stops where signals are not observed', () => {
    const m = assess([result('DISC-METADATA-PUBLISHED', 'pass'), result('KEY-JWKS-VALID', 'pass'), result('DISC-CORS-SCOPE', 'pass'), result('DISC-ANTI-FRAMING', 'fail')]);
    expect(m.overall.level).toBe(1);
    expect(m.overall.blockers).toEqual([
      { level: 2, kind: 'not-observed', ruleIds: ['FED-IDP-INVENTORY', 'MFA-ENABLED-POLICY'], detail: 'not observed by this scan: FED-IDP-INVENTORY, MFA-ENABLED-POLICY' },
    ]);
    expect(m.overall.statement).toMatch(/^Evidence supports level ≥ 1 \(Managed identity\), \w+ confidence; level 2 \(Siloed\) is not credited: none of its signals was observed\.$/);
    expect(m.overall.supports.map((s) => s.ruleId)).toEqual(['DISC-CORS-SCOPE', 'DISC-METADATA-PUBLISHED', 'KEY-JWKS-VALID']);
    expect(m.overall.contradicts.map((s) => s.ruleId)).toEqual(['DISC-ANTI-FRAMING']);
    expect(m.overall.notObserved).toEqual(['FED-IDP-INVENTORY', 'MFA-ENABLED-POLICY']);
  });

  it('a failed gate keeps the level below it and is named as the blocker', () => {
    const m = assess([result('DISC-METADATA-PUBLISHED', 'pass'), result('KEY-JWKS-VALID', 'fail'), result('DISC-CORS-SCOPE', 'pass')]);
    expect(m.overall.level).toBe(0);
    expect(m.overall.blockers[0]).toMatchObject({ level: 1, kind: 'failed-gate', ruleIds: ['KEY-JWKS-VALID'] });
    expect(m.overall.statement).toBe('Evidence does not support level 1 (Managed identity): gates fail: KEY-JWKS-VALID (high confidence).');
    expect(m.overall.contradicts.map((c) => c.ruleId)).toContain('KEY-JWKS-VALID');
  });

  it('unknown never fails a gate, but too few observed gates do not credit a level', () => {
    const m = assess([result('DISC-METADATA-PUBLISHED', 'unknown'), result('KEY-JWKS-VALID', 'unknown'), result('DISC-CORS-SCOPE', 'pass')]);
    expect(m.overall.level).toBe(0);
    expect(m.overall.blockers[0]).toMatchObject({ kind: 'not-observed', ruleIds: ['DISC-METADATA-PUBLISHED', 'KEY-JWKS-VALID', 'DISC-ANTI-FRAMING'] });
  });

  it('climbs to Siloed, records the silo evidence, and is blocked at Connected by the failing link rate', () => {
    const m = assess([
      result('DISC-METADATA-PUBLISHED', 'pass'),
      result('KEY-JWKS-VALID', 'pass'),
      result('DISC-CORS-SCOPE', 'pass'),
      result('FED-IDP-INVENTORY', 'pass'),
      result('CRM-LINK-RATE', 'fail'),
      result('FLOW-CROSS-DEVICE', 'info', 'available'),
    ]);
    expect(m.overall).toMatchObject({ level: 2, name: 'Siloed' });
    expect(m.overall.supports.filter((s) => s.role === 'evidence').map((s) => s.ruleId)).toEqual(['CRM-LINK-RATE']);
    expect(m.overall.blockers[0]).toMatchObject({ level: 3, kind: 'failed-gate', ruleIds: ['CRM-LINK-RATE'] });
  });

  it('counts an info signal as present only with a listed message id', () => {
    const base = [result('DISC-METADATA-PUBLISHED', 'pass'), result('KEY-JWKS-VALID', 'pass'), result('DISC-CORS-SCOPE', 'pass'), result('FED-IDP-INVENTORY', 'pass'), result('CRM-LINK-RATE', 'pass')];
    expect(assess([...base, result('FLOW-CROSS-DEVICE', 'info', 'available')]).overall.level).toBe(3);
    expect(assess([...base, result('FLOW-CROSS-DEVICE', 'info', 'none')]).overall.level).toBe(2);
  });

  it('an incomplete read caps confidence at medium', () => {
    const all = [result('DISC-METADATA-PUBLISHED', 'pass'), result('KEY-JWKS-VALID', 'pass'), result('DISC-CORS-SCOPE', 'pass'), result('DISC-ANTI-FRAMING', 'pass'), result('FED-IDP-INVENTORY', 'pass'), result('MFA-ENABLED-POLICY', 'pass')];
    expect(assess(all, true).overall.confidence).toBe('high');
    expect(assess(all, false).overall.confidence).toBe('medium');
  });

  it('assesses processes on the CMM ladder', () => {
    const m = assess([result('DISC-METADATA-PUBLISHED', 'pass'), result('KEY-JWKS-VALID', 'pass'), result('DISC-ANTI-FRAMING', 'pass'), result('FLOW-CROSS-DEVICE', 'info', 'none')]);
    expect(m.processes.authentication).toMatchObject({ level: 3, name: 'Defined' });
    expect(m.processes.authentication.blockers[0]).toMatchObject({ level: 4, kind: 'missing-signals', ruleIds: ['FLOW-CROSS-DEVICE'] });
    expect(m.processes.provisioning.level).toBe(0);
  });

  it('with only an authorization server scanned, the real model credits at most level 1 and lists what it could not see', () => {
    const { results } = evaluateRules(RULES, asInventory({ tls: [] }), emptyIdentityGraph('none'));
    const m = assessMaturity(results, { complete: true });
    expect(m.overall.level).toBeLessThanOrEqual(1);
    expect(m.overall.notObserved).toEqual(expect.arrayContaining(['AUTHN-ONLINE-GUESSING-LIMITS', 'MON-EVENT-LOGGING']));
    expect(m.overall.confidence).not.toBe('high');
    expect(m.processes.provisioning.level).toBe(0);
    expect(m.attestation.length).toBeGreaterThan(0);
  });
});
