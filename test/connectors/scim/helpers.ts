import { scimConnector } from '../../../connectors/scim/index.js';
import { RULES } from '../../../rules/index.js';
import { buildInventory } from '../../../src/inventory.js';
import { emptyIdentityGraph } from '../../../src/model/identity.js';
import { evaluateRules } from '../../../src/rules-engine/evaluate.js';
import type { ScimTargetConfig } from '../../../connectors/scim/config.js';
import type { ScimSeedUser } from '../../../src/demo/scim-server.js';
import type { HttpLimits } from '../../../src/http/types.js';
import type { DatasetCoverage, SystemSnapshot } from '../../../src/model/snapshot.js';
import type { IdentityStoreFacts } from '../../../src/model/store-facts.js';
import { nonReadRequests, testCollectContext, type RecordedRequest } from '../../support/collect-context.js';

export const TOKEN = 'scim-test-token-5f1c0e7a9b2d4c6e';

const GIVEN = ['Ada', 'Bo', 'Cy', 'Dee', 'Eli', 'Fay', 'Gus', 'Hal'];
const FAMILY = ['Example', 'Sample', 'Tester', 'Demo', 'Mock'];

/** Deterministic synthetic users: user00001 ... (no real person). */
export function syntheticUsers(n: number): ScimSeedUser[] {
  return Array.from({ length: n }, (_, i) => {
    const k = i + 1;
    const handle = `user${String(k).padStart(5, '0')}`;
    const user: ScimSeedUser = {
      userName: handle,
      name: { givenName: GIVEN[i % GIVEN.length]!, familyName: FAMILY[i % FAMILY.length]! },
      emails: [{ value: `${handle}@example.test`, type: 'work', primary: true }],
      active: k % 10 !== 0,
      created: new Date(Date.UTC(2022, 0, 1) + k * 3_600_000).toISOString(),
    };
    if (k % 3 === 0) user.phoneNumbers = [{ value: `+1555${String(k).padStart(7, '0')}`, type: 'mobile' }];
    if (k % 2 === 0) user.externalId = `crm-${k}`;
    return user;
  });
}

export function scimTarget(baseUrl: string, extra: Partial<ScimTargetConfig> = {}): ScimTargetConfig {
  return { id: 'scim-test', type: 'scim', baseUrl, token: TOKEN, ...extra };
}

export interface Run {
  snapshot: SystemSnapshot;
  facts: IdentityStoreFacts;
  requests: RecordedRequest[];
}

/** Collect through the real HTTP client; every run asserts the read-only allow-list. */
export async function runScim(config: ScimTargetConfig, options: { ca?: string; limits?: Partial<HttpLimits> } = {}): Promise<Run> {
  const secrets = [config.token, config.password].filter((s): s is string => s !== undefined);
  const { ctx, requests } = testCollectContext(scimConnector, config, { secrets, ...(options.ca ? { ca: options.ca } : {}), ...(options.limits ? { limits: options.limits } : {}) });
  const snapshot = await scimConnector.collect(config, ctx);
  const offending = nonReadRequests(scimConnector, requests);
  if (offending.length > 0) throw new Error(`non-read requests: ${JSON.stringify(offending)}`);
  const facts = snapshot.facts.identityStore;
  if (!facts) throw new Error('no identity-store facts');
  return { snapshot, facts, requests };
}

export function dataset(snapshot: SystemSnapshot, name: string): DatasetCoverage | undefined {
  return snapshot.coverage.datasets.find((d) => d.name === name);
}

/** Request paths (and query) without the origin, in order. */
export function paths(requests: RecordedRequest[]): string[] {
  return requests.map((r) => {
    const url = new URL(r.url);
    return `${url.pathname.replace(/^\/scim\/v2/, '')}${url.search}`;
  });
}

/** Everything a report could carry from this snapshot, for leak checks (profiles never serialise). */
export function printable(snapshot: SystemSnapshot): string {
  return JSON.stringify({ facts: snapshot.facts, coverage: snapshot.coverage, errors: snapshot.errors });
}

/** The outcomes of the SCIM rules on one snapshot: what the facts mean to the rules that read them. */
export function scimRuleOutcomes(snapshot: SystemSnapshot): Record<string, string> {
  const inventory = buildInventory([snapshot], { scannedAt: '2026-11-01T00:00:00.000Z' });
  const { results } = evaluateRules(RULES.filter((r) => r.meta.id.startsWith('PROV-SCIM-')), inventory, emptyIdentityGraph('n/a'));
  return Object.fromEntries(results.map((r) => [r.ruleId, r.outcome]));
}
