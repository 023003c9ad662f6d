import type { Process } from '../model/outcome.js';
import { PROCESSES } from '../model/outcome.js';
import type {
  Confidence,
  EvidenceRef,
  MaturityAssessment,
  MaturityBlocker,
  MaturityVerdict,
} from '../model/report.js';
import type { RuleResult } from '../model/result.js';
import type { CatalogRuleId } from './catalog.js';
import { MATURITY_MODEL, OVERALL_LEVEL_NAMES, PROCESS_LEVEL_NAMES, type LevelCell, type MaturityModel } from './model.js';

/**
 * Results become evidence for a level: "evidence supports ≥ Ln", never a certified level. A level is
 * credited when none of its gates failed, at least half of its gates were observed, and at least
 * half of its observed signals are present; levels are cumulative. What could not be observed
 * lowers confidence and is listed; it never passes or fails a level.
 */
export function assessMaturity(
  results: readonly RuleResult[],
  options: { complete: boolean; model?: MaturityModel },
): MaturityAssessment {
  const model = options.model ?? MATURITY_MODEL;
  const index = indexResults(results);
  const overall = assessLadder(model.overall, index, model, { baseLevel: 0, names: OVERALL_LEVEL_NAMES, complete: options.complete, kind: 'overall' });
  const processes = Object.fromEntries(
    PROCESSES.map((process) => [
      process,
      assessLadder(model.processes[process], index, model, { baseLevel: 1, names: PROCESS_LEVEL_NAMES, complete: options.complete, kind: process }),
    ]),
  ) as Record<Process, MaturityVerdict>;
  return { model: { name: model.name, version: model.version }, overall, processes, attestation: model.attestation };
}

type ResultIndex = Map<string, RuleResult[]>;

function indexResults(results: readonly RuleResult[]): ResultIndex {
  const index: ResultIndex = new Map();
  for (const r of results) index.set(r.ruleId, [...(index.get(r.ruleId) ?? []), r]);
  return index;
}

function observedResults(index: ResultIndex, ruleId: string): RuleResult[] {
  return (index.get(ruleId) ?? []).filter((r) => r.outcome !== 'unknown');
}

function isPresent(result: RuleResult, model: MaturityModel): boolean {
  if (result.outcome === 'pass') return true;
  return (result.outcome === 'info' || result.outcome === 'warn') && (model.infoPresent[result.ruleId as CatalogRuleId] ?? []).includes(result.messageId);
}

function ref(result: RuleResult, role: EvidenceRef['role'], level: number): EvidenceRef {
  return { ruleId: result.ruleId, targetId: result.targetId, subject: result.subject, outcome: result.outcome, role, level, fingerprint: result.fingerprint };
}

interface CellEvaluation {
  cell: LevelCell;
  credited: boolean;
  failedGates: string[];
  unobserved: string[];
  observedCount: number;
  totalCount: number;
  missingSignals: string[];
  supports: EvidenceRef[];
  contradicts: EvidenceRef[];
  reason: string;
}

function evaluateCell(cell: LevelCell, index: ResultIndex, model: MaturityModel): CellEvaluation {
  const supports: EvidenceRef[] = [];
  const contradicts: EvidenceRef[] = [];
  const failedGates: string[] = [];
  const unobserved: string[] = [];
  let observedGates = 0;
  for (const gate of cell.gates) {
    const seen = observedResults(index, gate);
    if (seen.length === 0) {
      unobserved.push(gate);
      continue;
    }
    observedGates++;
    if (seen.some((r) => r.outcome === 'fail')) failedGates.push(gate);
    for (const r of seen) {
      if (r.outcome === 'fail' || r.outcome === 'warn') contradicts.push(ref(r, 'gate', cell.level));
      else supports.push(ref(r, 'gate', cell.level));
    }
  }
  let observedSignals = 0;
  let presentSignals = 0;
  const missingSignals: string[] = [];
  for (const signal of cell.signals) {
    const seen = observedResults(index, signal);
    if (seen.length === 0) {
      unobserved.push(signal);
      continue;
    }
    observedSignals++;
    const present = seen.filter((r) => isPresent(r, model));
    if (present.length) {
      presentSignals++;
      supports.push(...present.map((r) => ref(r, 'signal', cell.level)));
    } else {
      missingSignals.push(signal);
      contradicts.push(...seen.map((r) => ref(r, 'signal', cell.level)));
    }
  }
  for (const ruleId of cell.evidenceOnProblem ?? []) {
    for (const r of observedResults(index, ruleId)) {
      if (r.outcome === 'fail' || r.outcome === 'warn' || (r.outcome === 'info' && !isPresent(r, model))) supports.push(ref(r, 'evidence', cell.level));
    }
  }
  const gatesObservedEnough = cell.gates.length === 0 || observedGates * 2 >= cell.gates.length;
  const signalsEnough = cell.signals.length === 0 || (observedSignals > 0 && presentSignals * 2 >= observedSignals);
  const hasEvidence = cell.gates.length + cell.signals.length > 0;
  let reason = '';
  if (!hasEvidence) reason = 'no observable evidence exists for this level; it can only be attested';
  else if (failedGates.length) reason = `gates fail: ${failedGates.join(', ')}`;
  else if (!gatesObservedEnough) reason = `too few gates observed (${observedGates} of ${cell.gates.length})`;
  else if (!signalsEnough) {
    reason = observedSignals === 0 ? 'none of its signals was observed' : `too few signals present (${presentSignals} of ${observedSignals} observed)`;
  }
  return {
    cell,
    credited: hasEvidence && reason === '',
    failedGates,
    unobserved,
    observedCount: observedGates + observedSignals,
    totalCount: cell.gates.length + cell.signals.length,
    missingSignals,
    supports,
    contradicts,
    reason,
  };
}

function confidenceOf(observed: number, total: number, complete: boolean): Confidence {
  if (total === 0 || observed === 0) return 'none';
  const share = observed / total;
  const level: Confidence = share >= 0.75 ? 'high' : share >= 0.5 ? 'medium' : 'low';
  // A partial read caps confidence: a rule may have passed on the part that was read.
  if (!complete && level === 'high') return 'medium';
  return level;
}

function blockersOf(evaluation: CellEvaluation): MaturityBlocker[] {
  const level = evaluation.cell.level;
  const blockers: MaturityBlocker[] = [];
  if (evaluation.failedGates.length) {
    blockers.push({ level, kind: 'failed-gate', ruleIds: evaluation.failedGates, detail: `gate rules fail: ${evaluation.failedGates.join(', ')}` });
  }
  if (evaluation.missingSignals.length && !evaluation.credited) {
    blockers.push({ level, kind: 'missing-signals', ruleIds: evaluation.missingSignals, detail: `signals observed but absent: ${evaluation.missingSignals.join(', ')}` });
  }
  if (evaluation.unobserved.length) {
    blockers.push({ level, kind: 'not-observed', ruleIds: evaluation.unobserved, detail: `not observed by this scan: ${evaluation.unobserved.join(', ')}` });
  }
  return blockers;
}

function assessLadder(
  cells: readonly LevelCell[],
  index: ResultIndex,
  model: MaturityModel,
  options: { baseLevel: number; names: readonly string[]; complete: boolean; kind: string },
): MaturityVerdict {
  const evaluations = cells.map((cell) => evaluateCell(cell, index, model));
  let level = options.baseLevel;
  // Process ladders start at 1 (initial) only when something about the process was observed.
  const anyObserved = evaluations.some((e) => e.observedCount > 0);
  if (options.baseLevel === 1 && !anyObserved) level = 0;
  const credited: CellEvaluation[] = [];
  let next: CellEvaluation | undefined;
  for (const evaluation of evaluations) {
    if (level === 0 && options.baseLevel === 1) {
      next = evaluation;
      break;
    }
    if (!evaluation.credited) {
      next = evaluation;
      break;
    }
    credited.push(evaluation);
    level = evaluation.cell.level;
  }
  const considered = next ? [...credited, next] : credited;
  const observed = considered.reduce((n, e) => n + e.observedCount, 0);
  const total = considered.reduce((n, e) => n + e.totalCount, 0);
  const confidence = confidenceOf(observed, total, options.complete);
  const notObserved = [...new Set(considered.flatMap((e) => e.unobserved))].sort();
  const supports = credited.flatMap((e) => e.supports);
  const contradicts = [...credited.flatMap((e) => e.contradicts), ...(next ? next.contradicts.filter((c) => c.outcome === 'fail') : [])];
  const blockers = next ? blockersOf(next) : [];
  const name = options.names[level] ?? String(level);
  return {
    level,
    name,
    confidence,
    observedShare: total === 0 ? 0 : Math.round((observed / total) * 100) / 100,
    supports: sortRefs(supports),
    contradicts: sortRefs(contradicts),
    blockers,
    notObserved,
    statement: statementFor(options, level, name, confidence, next, anyObserved),
  };
}

function statementFor(
  options: { baseLevel: number; kind: string },
  level: number,
  name: string,
  confidence: Confidence,
  next: CellEvaluation | undefined,
  anyObserved: boolean,
): string {
  if (!anyObserved) {
    return options.baseLevel === 1
      ? 'Not assessed: no evidence about this process was observed by this scan.'
      : 'No evidence was observed: the scan could not read any system.';
  }
  if (options.baseLevel === 0 && level === 0 && next) {
    return `Evidence does not support level 1 (${next.cell.name}): ${next.reason} (${confidence} confidence).`;
  }
  const tail = next ? `; level ${next.cell.level} (${next.cell.name}) is not credited: ${next.reason}` : '; this is the top of the ladder';
  return `Evidence supports level ≥ ${level} (${name}), ${confidence} confidence${tail}.`;
}

function sortRefs(refs: EvidenceRef[]): EvidenceRef[] {
  return [...refs].sort(
    (a, b) => a.level - b.level || a.ruleId.localeCompare(b.ruleId) || a.targetId.localeCompare(b.targetId) || a.subject.localeCompare(b.subject),
  );
}
