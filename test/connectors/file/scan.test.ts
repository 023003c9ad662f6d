import { describe, expect, it } from 'vitest';
import { fileConnector } from '../../../connectors/file/index.js';
import { RULES } from '../../../rules/index.js';
import type { AnyConnector } from '../../../src/connector.js';
import { silentLogger } from '../../../src/log.js';
import { ConfigError } from '../../../src/model/errors.js';
import { Redactor } from '../../../src/privacy/redact.js';
import { runScan, type PlannedTarget } from '../../../src/scan.js';
import { FIXTURES, fileTarget } from './helpers.js';

/** The connector inside a whole scan: rules and the report take its snapshots; a config mistake stops the scan. */
function live(overrides: Record<string, unknown>): PlannedTarget {
  return { kind: 'live', target: fileTarget(overrides), connector: fileConnector as unknown as AnyConnector };
}

async function scan(targets: PlannedTarget[]) {
  const redactor = new Redactor();
  return runScan({ targets, config: {}, baseDir: FIXTURES, rules: RULES, log: silentLogger(redactor), redactor, now: () => new Date('2026-11-01T00:00:00Z') });
}

describe('file targets in a scan', () => {
  it('a users export and a contacts export become an identity store and a CRM in the report; rejected rows make it incomplete', async () => {
    const { report, snapshots, ruleProblems } = await scan([
      live({ id: 'auth0-export', path: 'auth0-users.jsonl', product: 'auth0', mapping: { status: { column: 'blocked', disabled: ['true'] } } }),
      live({ id: 'crm-export', path: 'rejected-rows.csv', records: 'contacts' }),
    ]);
    expect(ruleProblems).toEqual([]);
    expect(snapshots.map((s) => [s.targetId, s.kind, s.profiles?.size])).toEqual([
      ['auth0-export', 'identity-store', 7],
      ['crm-export', 'crm', 2],
    ]);
    expect(report.targets.map((t) => [t.id, t.kind, t.location, t.complete])).toEqual([
      ['auth0-export', 'identity-store', 'auth0-users.jsonl', true],
      ['crm-export', 'crm', 'rejected-rows.csv', false],
    ]);
    expect(report.summary.complete).toBe(false);
    const text = JSON.stringify(report);
    expect(text).toContain('rejected-rows.csv: 4 of 6 rows rejected');
    // Reports carry counts and line numbers, never the people.
    for (const value of ['ava.lindqvist', 'Lindqvist', 'olga.petrova', 'quinn.reid']) expect(text).not.toContain(value);
  });

  it('a mapped column missing from the header stops the scan as a config error (exit 2)', async () => {
    await expect(scan([live({ path: 'users-default-columns.csv', mapping: { emails: 'mail' } })])).rejects.toBeInstanceOf(ConfigError);
  });
});
