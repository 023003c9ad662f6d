import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { fileConnector } from '../../../connectors/file/index.js';
import { fileTargetSchema, type FileTargetConfig } from '../../../connectors/file/config.js';
import type { Profile } from '../../../src/model/profile.js';
import type { DatasetCoverage, SystemSnapshot } from '../../../src/model/snapshot.js';
import { nonReadRequests, testCollectContext } from '../../support/collect-context.js';

/** fixtures/file/, the base directory of every target in these suites unless a test says otherwise. */
export const FIXTURES = fileURLToPath(new URL('../../../fixtures/file/', import.meta.url));

/** A validated target, as the config loader would hand it to the connector. */
export function fileTarget(overrides: Record<string, unknown>): FileTargetConfig {
  return fileTargetSchema.parse({ id: 'export', type: 'file', records: 'users', mapping: {}, ...overrides });
}

/**
 * collect() through the real test context, with the HTTP client factory replaced by one that fails
 * the test: this connector must never ask for the network. Every suite also checks the read-only
 * allow-list on what was recorded (nothing).
 */
export async function collectExport(config: FileTargetConfig, baseDir = FIXTURES, signal?: AbortSignal): Promise<SystemSnapshot> {
  const { ctx, requests } = testCollectContext(fileConnector, config, { baseDir });
  let httpAsked = false;
  const guarded = {
    ...ctx,
    ...(signal ? { signal } : {}),
    http: () => {
      httpAsked = true;
      return ctx.http();
    },
  };
  const snapshot = await fileConnector.collect(config, guarded);
  expect(httpAsked).toBe(false);
  expect(requests).toEqual([]);
  expect(nonReadRequests(fileConnector, requests)).toEqual([]);
  return snapshot;
}

export function profilesOf(snapshot: SystemSnapshot): Profile[] {
  return snapshot.profiles ? [...snapshot.profiles] : [];
}

export function datasetOf(snapshot: SystemSnapshot): DatasetCoverage {
  const [dataset] = snapshot.coverage.datasets;
  expect(snapshot.coverage.datasets).toHaveLength(1);
  return dataset!;
}

/** A temporary directory removed by the returned cleanup. */
export function tempDir(): { dir: string; path: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ciamscan-file-'));
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
