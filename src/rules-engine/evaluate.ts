import { createHash } from 'node:crypto';
import type { Inventory } from '../inventory.js';
import type { IdentityGraph } from '../model/identity.js';
import type { Severity } from '../model/outcome.js';
import type { RuleResult } from '../model/result.js';
import { NOT_OBSERVED_MESSAGE, NOT_OBSERVED_MESSAGE_ID, type Finding, type Rule } from './define.js';

/** Per-rule settings from the config: switch off, change severity, set options. */
export interface RuleSetting {
  enabled?: boolean;
  severity?: Severity;
  options?: Record<string, unknown>;
}

/** hex(SHA-256(ruleId, targetId, subject))[0..32]: stable across scans of an unchanged system. */
export function fingerprint(ruleId: string, targetId: string, subject: string): string {
  return createHash('sha256').update(`${ruleId}\u0000${targetId}\u0000${subject}`).digest('hex').slice(0, 32);
}

export function interpolate(template: string, data: Record<string, string | number | boolean | undefined> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const value = data[name];
    return value === undefined ? whole : String(value);
  });
}

export function messageTemplate(rule: Rule, messageId: string): string | undefined {
  if (messageId === NOT_OBSERVED_MESSAGE_ID) return rule.meta.messages[messageId] ?? NOT_OBSERVED_MESSAGE;
  return rule.meta.messages[messageId];
}

/** Resolve a rule's options: its schema's defaults merged with the operator's overrides. */
export function resolveOptions(rule: Rule, overrides: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!rule.meta.options) return {};
  return rule.meta.options.parse(overrides ?? {});
}

/** Turn one finding into a report result, or throw when the rule broke its own contract. */
export function toResult(rule: Rule, finding: Finding, severityOverride?: Severity): RuleResult {
  const template = messageTemplate(rule, finding.messageId);
  if (template === undefined) {
    throw new Error(`rule ${rule.meta.id} used unknown message id "${finding.messageId}"`);
  }
  if (finding.outcome === 'unknown' && !finding.unknownReason) {
    throw new Error(`rule ${rule.meta.id} returned unknown without a reason`);
  }
  const result: RuleResult = {
    ruleId: rule.meta.id,
    targetId: finding.targetId,
    subject: finding.subject,
    outcome: finding.outcome,
    severity: severityOverride ?? finding.severity ?? rule.meta.severity,
    process: rule.meta.process,
    tier: rule.meta.tier,
    messageId: finding.messageId,
    message: interpolate(template, finding.data),
    evidence: finding.evidence ?? {},
    references: rule.meta.references,
    fingerprint: fingerprint(rule.meta.id, finding.targetId, finding.subject),
  };
  if (finding.unknownReason) result.unknownReason = finding.unknownReason;
  return result;
}

export function compareResults(a: RuleResult, b: RuleResult): number {
  return (
    a.ruleId.localeCompare(b.ruleId) || a.targetId.localeCompare(b.targetId) || a.subject.localeCompare(b.subject)
  );
}

export interface EvaluationProblem {
  ruleId: string;
  message: string;
}

/**
 * Run every enabled rule. A rule that throws yields one `unknown` result per target instead of
 * aborting the scan, and the problem is returned so the CLI can report the bug.
 */
export function evaluateRules(
  rules: readonly Rule[],
  inventory: Inventory,
  graph: IdentityGraph,
  settings: Record<string, RuleSetting> = {},
): { results: RuleResult[]; problems: EvaluationProblem[] } {
  const results: RuleResult[] = [];
  const problems: EvaluationProblem[] = [];
  for (const rule of rules) {
    const setting = settings[rule.meta.id];
    if (setting?.enabled === false) continue;
    try {
      const options = resolveOptions(rule, setting?.options);
      const findings = rule.check(inventory, graph, options);
      const seen = new Set<string>();
      for (const finding of findings) {
        const result = toResult(rule, finding, setting?.severity);
        // Two findings for one subject would collide in diffs and suppressions.
        if (seen.has(result.fingerprint)) {
          throw new Error(`rule ${rule.meta.id} returned two findings for ${finding.targetId} / ${finding.subject}`);
        }
        seen.add(result.fingerprint);
        results.push(result);
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      problems.push({ ruleId: rule.meta.id, message });
      for (const snapshot of inventory.snapshots) {
        results.push(
          toResult(rule, {
            targetId: snapshot.targetId,
            subject: snapshot.targetId,
            outcome: 'unknown',
            messageId: NOT_OBSERVED_MESSAGE_ID,
            data: { detail: `the rule failed to evaluate (${message})` },
            unknownReason: { kind: 'collection-error', detail: `rule error: ${message}` },
          }),
        );
      }
    }
  }
  results.sort(compareResults);
  return { results, problems };
}
