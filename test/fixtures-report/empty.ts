/** A scan that evaluated nothing: no targets, no rules, no results, maturity level 0. */
import type { ScanReport } from '../../src/model/report.js';
import { processes, summarize, verdict } from './helpers.js';

export const emptyReport: ScanReport = {
  schemaVersion: '1.0.0',
  tool: { name: 'ciamscan', version: '0.1.0' },
  startedAt: '2025-05-04T11:00:00.000Z',
  finishedAt: '2025-05-04T11:00:00.200Z',
  settings: { profile: 'default' },
  targets: [],
  rules: [],
  results: [],
  identity: { built: false, reason: 'no identity store or CRM profiles were read', profilesPerTarget: [], clusters: [], overlaps: [], linkRates: [] },
  maturity: {
    model: { name: 'ciamscan-maturity', version: '1.0.0' },
    overall: verdict({
      level: 0,
      name: 'Nonexistent',
      confidence: 'none',
      observedShare: 0,
      statement: 'Nothing was scanned, so no evidence supports any level.',
    }),
    processes: processes(
      { registration: 0, provisioning: 0, authentication: 0, authorization: 0, 'user-management': 0, monitoring: 0 },
      {
        registration: { confidence: 'none', observedShare: 0 },
        provisioning: { confidence: 'none', observedShare: 0 },
        authentication: { confidence: 'none', observedShare: 0 },
        authorization: { confidence: 'none', observedShare: 0 },
        'user-management': { confidence: 'none', observedShare: 0 },
        monitoring: { confidence: 'none', observedShare: 0 },
      },
    ),
    attestation: [],
  },
  summary: summarize([], []),
};
