/** Limits and client options for the suites: generous, so only the limit under test binds. */
import type { HttpClientOptions, HttpLimits } from '../../../src/http/types.js';
import { ScanFailure } from '../../../src/model/errors.js';
import type { ScanError } from '../../../src/model/errors.js';

export function testLimits(overrides: Partial<HttpLimits> = {}): HttpLimits {
  return {
    requestsPerSecond: 10_000,
    burst: 10_000,
    concurrency: 16,
    windows: [],
    connectTimeoutMs: 5_000,
    timeoutMs: 10_000,
    maxResponseBytes: 1024 * 1024,
    maxRetries: 2,
    maxRetryWaitMs: 60_000,
    ...overrides,
  };
}

export function testOptions(overrides: Partial<HttpClientOptions> = {}, limits: Partial<HttpLimits> = {}): HttpClientOptions {
  return { targetId: 'test-target', allowedHosts: ['127.0.0.1'], limits: testLimits(limits), ...overrides };
}

/** The ScanError a promise rejects with (fails the test if it resolves or throws something else). */
export async function scanErrorOf(promise: Promise<unknown>): Promise<ScanError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ScanFailure) return error.scanError;
    throw new Error(`expected a ScanFailure, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a ScanFailure, but the promise resolved');
}
