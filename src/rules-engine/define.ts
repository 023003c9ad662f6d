import type { z } from 'zod';
import type { Inventory } from '../inventory.js';
import type { IdentityGraph } from '../model/identity.js';
import type { UnknownReason } from '../model/observation.js';
import type { Outcome, Process, Severity, Tier } from '../model/outcome.js';
import type { Reference } from '../model/result.js';

/** Rule areas: the folder a rule lives in under rules/. */
export const RULE_AREAS = [
  'discovery',
  'flows',
  'keys',
  'session',
  'federation',
  'mfa',
  'registration',
  'provisioning',
  'crm',
  'identity-graph',
  'monitoring',
] as const;
export type RuleArea = (typeof RULE_AREAS)[number];

export interface RuleMeta<O extends Record<string, unknown> = Record<string, unknown>> {
  /** The catalog id, e.g. `OIDC-PKCE-S256`. Never reused. */
  id: string;
  /** A statement of the desired state ("Authorization responses carry iss"), not "Ensure ...". */
  title: string;
  severity: Severity;
  area: RuleArea;
  process: Process;
  /** The lowest evidence tier at which the rule can decide anything. */
  tier: Tier;
  /** Message templates by id; `{{name}}` is replaced from the finding's data. */
  messages: Record<string, string>;
  rationale: string;
  remediation: string;
  references: Reference[];
  /** Options with defaults (a zod object schema); overridable per rule in the config. */
  options?: z.ZodType<O>;
}

/** What a check returns for one subject. The engine adds severity defaults, message text and fingerprints. */
export interface Finding {
  targetId: string;
  subject: string;
  outcome: Outcome;
  messageId: string;
  data?: Record<string, string | number | boolean | undefined>;
  evidence?: Record<string, unknown>;
  /** Overrides the rule's severity for this finding (e.g. critical for an http token endpoint). */
  severity?: Severity;
  /** Required when outcome is `unknown`. */
  unknownReason?: UnknownReason;
}

export interface Rule<O extends Record<string, unknown> = Record<string, unknown>> {
  meta: RuleMeta<O>;
  /** Pure and synchronous: no I/O, no clock, no randomness. */
  check(inventory: Inventory, graph: IdentityGraph, options: O): Finding[];
}

/** Built-in message used for `unknown` findings: every rule can say why it could not decide. */
export const NOT_OBSERVED_MESSAGE_ID = 'notObserved';
export const NOT_OBSERVED_MESSAGE = 'Not observed: {{detail}}';

export function defineRule<O extends Record<string, unknown> = Record<string, unknown>>(rule: Rule<O>): Rule<O> {
  return rule;
}

/** An `unknown` finding that carries its reason, for the common case. */
export function notObserved(targetId: string, subject: string, reason: UnknownReason): Finding {
  return {
    targetId,
    subject,
    outcome: 'unknown',
    messageId: NOT_OBSERVED_MESSAGE_ID,
    data: { detail: reason.detail },
    unknownReason: reason,
  };
}
