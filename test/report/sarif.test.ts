/**
 * SARIF 2.1.0 checks without the network: a hand-written subset of the OASIS schema covering the
 * members that are required (sarifLog.version/runs, run.tool, toolComponent.name, result.message,
 * message.text, reportingDescriptor.id, invocation.executionSuccessful, notification.message) and
 * the shapes and enums of the members we emit.
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/model/report.js';
import { FINGERPRINT_KEY, renderSarif } from '../../src/report/sarif.js';
import { emptyReport } from '../fixtures-report/empty.js';
import { hostileReport } from '../fixtures-report/hostile.js';
import { identityScanReport } from '../fixtures-report/identity-scan.js';
import { oidcScanReport } from '../fixtures-report/oidc-scan.js';

const level = { enum: ['none', 'note', 'warning', 'error'] };
const message = { type: 'object', required: ['text'], properties: { text: { type: 'string', minLength: 1 } } };
const multiformat = { type: 'object', required: ['text'], properties: { text: { type: 'string' }, markdown: { type: 'string' } } };
const propertyBag = { type: 'object', properties: { tags: { type: 'array', items: { type: 'string' }, uniqueItems: true } } };

const SARIF_SUBSET = {
  type: 'object',
  required: ['version', 'runs'],
  properties: {
    $schema: { type: 'string', format: 'uri' },
    version: { const: '2.1.0' },
    runs: {
      type: 'array',
      minItems: 1,
      maxItems: 1,
      items: {
        type: 'object',
        required: ['tool', 'results'],
        properties: {
          tool: {
            type: 'object',
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                required: ['name', 'version', 'rules'],
                properties: {
                  name: { const: 'ciamscan' },
                  version: { type: 'string' },
                  semanticVersion: { type: 'string' },
                  rules: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['id', 'name', 'shortDescription', 'fullDescription', 'help', 'defaultConfiguration', 'properties'],
                      properties: {
                        id: { type: 'string', minLength: 1 },
                        name: { type: 'string', pattern: '^[A-Za-z0-9]+$' },
                        shortDescription: multiformat,
                        fullDescription: multiformat,
                        help: multiformat,
                        helpUri: { type: 'string', format: 'uri', pattern: '^https?://' },
                        defaultConfiguration: { type: 'object', required: ['level'], properties: { level } },
                        properties: {
                          type: 'object',
                          required: ['tags', 'security-severity'],
                          properties: { ...propertyBag.properties, 'security-severity': { type: 'string', pattern: '^\\d+\\.\\d$' } },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          invocations: {
            type: 'array',
            items: {
              type: 'object',
              required: ['executionSuccessful'],
              properties: {
                executionSuccessful: { type: 'boolean' },
                startTimeUtc: { type: 'string', format: 'date-time' },
                endTimeUtc: { type: 'string', format: 'date-time' },
                toolExecutionNotifications: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['message'],
                    properties: { message, level, descriptor: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } },
                  },
                },
              },
            },
          },
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['ruleId', 'message', 'level', 'locations', 'partialFingerprints', 'properties'],
              properties: {
                ruleId: { type: 'string' },
                ruleIndex: { type: 'integer', minimum: 0 },
                kind: { enum: ['notApplicable', 'pass', 'fail', 'review', 'open', 'informational'] },
                level: { enum: ['note', 'warning', 'error'] },
                message,
                locations: {
                  type: 'array',
                  minItems: 1,
                  items: {
                    type: 'object',
                    anyOf: [{ required: ['physicalLocation'] }, { required: ['logicalLocations'] }],
                    properties: {
                      physicalLocation: {
                        type: 'object',
                        required: ['artifactLocation'],
                        properties: {
                          artifactLocation: { type: 'object', required: ['uri'], properties: { uri: { type: 'string', format: 'uri-reference' } } },
                        },
                      },
                      logicalLocations: {
                        type: 'array',
                        minItems: 1,
                        items: { type: 'object', required: ['name', 'fullyQualifiedName'], properties: { name: { type: 'string' }, kind: { type: 'string' } } },
                      },
                    },
                  },
                },
                partialFingerprints: {
                  type: 'object',
                  required: [FINGERPRINT_KEY],
                  additionalProperties: { type: 'string' },
                  properties: { [FINGERPRINT_KEY]: { type: 'string', pattern: '^[0-9a-f]{32}$' } },
                },
                properties: {
                  type: 'object',
                  required: ['targetId', 'subject', 'outcome', 'severity'],
                  properties: { outcome: { enum: ['fail', 'warn'] } },
                },
              },
            },
          },
        },
      },
    },
  },
};

// strictRequired would reject `required` inside anyOf branches, which is how SARIF's location rule reads.
const ajv = new Ajv.default({ allErrors: true, strict: true, strictRequired: false });
addFormats.default(ajv);
const validate = ajv.compile(SARIF_SUBSET);

function parse(report: ScanReport) {
  const text = renderSarif(report);
  const log = JSON.parse(text);
  const ok = validate(log);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(ok).toBe(true);
  return { text, log, run: log.runs[0] };
}

describe('renderSarif', () => {
  it.each([
    ['oidc', oidcScanReport],
    ['hostile', hostileReport],
    ['empty', emptyReport],
    ['identity', identityScanReport],
  ] as const)('%s: is valid against the SARIF 2.1.0 subset', (_name, report) => {
    const { text, run } = parse(report);
    expect(text.endsWith('}\n')).toBe(true);
    // Every ruleIndex points at the rule with the same id.
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  const { run } = parse(oidcScanReport);

  it('carries identity findings as rule results and nothing of the identity graph itself', () => {
    const { text, run: identityRun } = parse(identityScanReport);
    const flagged = identityScanReport.results.filter((r) => r.outcome === 'fail' || r.outcome === 'warn');
    expect(identityRun.results).toHaveLength(flagged.length);
    expect(identityRun.results.map((r: { ruleId: string }) => r.ruleId)).toContain('IDG-SILO-OVERLAP');
    // Pseudonyms, masked examples and cluster fingerprints stay in report.json and the page.
    for (const c of identityScanReport.identity.clusters) {
      expect(text).not.toContain(c.fingerprint);
      for (const m of c.members) expect(text).not.toContain(m.pseudonym);
    }
    expect(text).not.toMatch(/\*\*\*@/);
    // Without the identity section, SARIF is byte-identical: it never reads it.
    const bare = structuredClone(identityScanReport);
    bare.identity = { built: false, reason: 'x', profilesPerTarget: [], clusters: [], overlaps: [], linkRates: [] };
    expect(renderSarif(bare)).toBe(text);
  });

  it('describes the tool and every evaluated rule, sorted by id', () => {
    expect(run.tool.driver.name).toBe('ciamscan');
    expect(run.tool.driver.version).toBe('0.1.0');
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(oidcScanReport.rules.map((r) => r.id).sort());
    const pkce = run.tool.driver.rules.find((r: { id: string }) => r.id === 'OIDC-PKCE-S256');
    expect(pkce).toMatchObject({
      name: 'OidcPkceS256',
      shortDescription: { text: 'PKCE with S256 is advertised' },
      fullDescription: { text: expect.stringContaining('PKCE binds the authorization code') },
      helpUri: 'https://www.rfc-editor.org/rfc/rfc7636#section-4.2',
      defaultConfiguration: { level: 'error' },
      properties: { tags: expect.arrayContaining(['process:authentication', 'area:flows', 'tier:T0']), 'security-severity': '8.0' },
    });
    expect(pkce.help.text).toContain('Advertise code_challenge_methods_supported');
    expect(pkce.help.text).toContain('RFC 7636 §4.2 (https://www.rfc-editor.org/rfc/rfc7636#section-4.2)');
    const levels = Object.fromEntries(run.tool.driver.rules.map((r: { id: string; defaultConfiguration: { level: string } }) => [r.id, r.defaultConfiguration.level]));
    expect(levels).toMatchObject({ 'OIDC-JWKS-KEY-STRENGTH': 'error', 'OIDC-ISS-PARAMETER': 'warning', 'OIDC-PAR-SUPPORTED': 'note', 'OIDC-EVENTS-STREAMED': 'note' });
  });

  it('reports fail and warn only, with levels mapped from severity', () => {
    const expected = oidcScanReport.results.filter((r) => r.outcome === 'fail' || r.outcome === 'warn');
    expect(run.results).toHaveLength(expected.length);
    const byFingerprint = new Map(run.results.map((r: { partialFingerprints: Record<string, string> }) => [r.partialFingerprints[FINGERPRINT_KEY], r]));
    for (const r of expected) expect(byFingerprint.has(r.fingerprint), r.ruleId).toBe(true);
    type Result = { ruleId: string; level: string; properties: { targetId: string } };
    const results = run.results as Result[];
    const level = (ruleId: string, targetId: string) => results.find((r) => r.ruleId === ruleId && r.properties.targetId === targetId)?.level;
    expect(level('OIDC-JWKS-KEY-STRENGTH', 'corp-oidc')).toBe('error'); // fail, critical
    expect(level('OIDC-PKCE-S256', 'partner-oidc')).toBe('error'); // fail, high
    expect(level('OIDC-ISS-PARAMETER', 'corp-oidc')).toBe('warning'); // fail, medium
    expect(level('OIDC-PAR-SUPPORTED', 'partner-oidc')).toBe('note'); // fail, low
    expect(level('OIDC-IMPLICIT-DISABLED', 'corp-oidc')).toBe('warning'); // warn, medium
    // Most severe first.
    expect(run.results[0].ruleId).toBe('OIDC-JWKS-KEY-STRENGTH');
  });

  it('locates each result at its target and subject', () => {
    const r = run.results.find((x: { ruleId: string }) => x.ruleId === 'OIDC-PKCE-S256');
    expect(r.message.text).toBe('Only plain is advertised in code_challenge_methods_supported.');
    expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe('https://id.partner.example/');
    expect(r.locations[0].logicalLocations[0]).toEqual({
      name: 'https://id.partner.example',
      fullyQualifiedName: 'partner-oidc/https://id.partner.example',
      kind: 'resource',
    });
    expect(r.properties).toMatchObject({ targetId: 'partner-oidc', subject: 'https://id.partner.example', outcome: 'fail', severity: 'high' });
  });

  it('turns scan errors into notifications and marks an incomplete scan', () => {
    const invocation = run.invocations[0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.startTimeUtc).toBe('2025-05-04T09:30:00.000Z');
    expect(invocation.toolExecutionNotifications.map((n: { descriptor: { id: string } }) => n.descriptor.id)).toEqual(['RATE_LIMITED', 'TIMEOUT']);
    expect(invocation.toolExecutionNotifications[1].message.text).toBe(
      'partner-oidc: GET jwks_uri timed out after 10000 ms (Retry later or raise targets[].timeoutMs.)',
    );
  });

  it('keeps hostile values as JSON strings and never as link targets', () => {
    const { run: hostile, text } = parse(hostileReport);
    const uri: string = hostile.results.find((r: { level: string }) => r.level === 'error').locations[0].physicalLocation.artifactLocation.uri;
    expect(uri).not.toMatch(/[<>"` |]/);
    expect(uri.startsWith('https://evil.example/')).toBe(true);
    expect(text).not.toContain('"helpUri": "javascript');
    const rule = hostile.tool.driver.rules.find((r: { id: string }) => r.id === 'OIDC-DISCOVERY-VALID');
    expect(rule.help.markdown).toContain('Remediate &lt;script&gt;');
    expect(rule.help.markdown).not.toContain('(<javascript:');
    // A start time that is not a date is left out rather than copied.
    expect(hostile.invocations[0].startTimeUtc).toBeUndefined();
  });

  it('renders an empty scan as a run without results', () => {
    const { run: empty } = parse(emptyReport);
    expect(empty.results).toEqual([]);
    expect(empty.tool.driver.rules).toEqual([]);
    expect(empty.invocations[0].executionSuccessful).toBe(true);
  });
});
