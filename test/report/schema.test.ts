import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { offlineOidcSnapshot } from '../../connectors/oidc/offline.js';
import { RULES } from '../../rules/index.js';
import { silentLogger } from '../../src/log.js';
import { Redactor } from '../../src/privacy/redact.js';
import { runScan } from '../../src/scan.js';
import { expectValidReport, reportSchemaErrors } from '../support/report-schema.js';
import { REAL_WORLD_CASES } from '../connectors/oidc/real-world-expectations.js';
import { emptyReport } from '../fixtures-report/empty.js';
import { hostileReport } from '../fixtures-report/hostile.js';
import { identityScanReport } from '../fixtures-report/identity-scan.js';
import { oidcScanReport } from '../fixtures-report/oidc-scan.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/real-world/', import.meta.url));

describe('schema/report.schema.json', () => {
  it('accepts the renderer fixtures (the hostile one breaks the schema on purpose: renderers must survive it)', () => {
    for (const report of [emptyReport, oidcScanReport, identityScanReport]) expectValidReport(report);
    expect(reportSchemaErrors(hostileReport).length).toBeGreaterThan(0);
  });

  it('accepts the identity fixture, whose graph the real engine built', () => {
    expect(identityScanReport.schemaVersion).toBe('1.1.0');
    expect(identityScanReport.identity.built).toBe(true);
    expectValidReport(JSON.parse(JSON.stringify(identityScanReport)));
  });

  it('accepts the report of a real scan of every published discovery document', async () => {
    const redactor = new Redactor();
    const { report } = await runScan({
      targets: REAL_WORLD_CASES.map((c, i) => {
        const id = `rw-${i}`;
        return {
          kind: 'prepared' as const,
          description: { id, type: 'oidc', location: c.issuer },
          snapshot: offlineOidcSnapshot({ targetId: id, discoveryFile: FIXTURES + c.file, issuer: c.issuer, ...(c.jwksFile ? { jwksFile: FIXTURES + c.jwksFile } : {}) }),
        };
      }),
      config: {},
      baseDir: FIXTURES,
      rules: RULES,
      log: silentLogger(redactor),
      redactor,
    });
    expectValidReport(report);
    expectValidReport(JSON.parse(JSON.stringify(report)));
  });
});
