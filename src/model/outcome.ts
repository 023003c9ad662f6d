/** Outcome and severity vocabularies shared by rules, the report and the maturity assessment. */

export const OUTCOMES = ['pass', 'fail', 'warn', 'info', 'n/a', 'unknown'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export const PROCESSES = [
  'registration',
  'provisioning',
  'authentication',
  'authorization',
  'user-management',
  'monitoring',
] as const;
export type Process = (typeof PROCESSES)[number];

export const TIERS = ['T0', 'T1', 'T2', 'T3'] as const;
export type Tier = (typeof TIERS)[number];

export const SYSTEM_KINDS = ['authorization-server', 'identity-store', 'crm'] as const;
export type SystemKind = (typeof SYSTEM_KINDS)[number];
