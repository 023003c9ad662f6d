/**
 * A scan of two identity stores and a CRM with profiles read, its identity graph built by the real
 * engine at import time: a synthetic population (src/synthetic, 1,000 people, fixed seed) loaded
 * into profile stores, resolved by src/identity with a fixed pseudonym key. The world is shaped so
 * that every part of the identity section has something to show:
 *
 * - `customer-idp` (the customer IAM, social login) and `legacy-shop` (an old web shop's account
 *   table, numeric ids) overlap, and a share of the shop's accounts hold the IdP's subject in an
 *   `idp_subject` column: joined by an external-id edge;
 * - `sales-crm` (Salesforce contacts) stores the IdP subject in `IdP_Subject__c` for about half of
 *   its contacts (crm-key edge, explicit links), has leads no store knows, consent that disagrees,
 *   and a few contacts whose stored key names an IdP account that no longer exists (dangling);
 * - `legacy-shop` and `sales-crm` share customers and nothing joins them: a silo;
 * - every system holds duplicates; the report lists the 30 largest of several hundred clusters.
 *
 * The rest of the report (targets, rule results, maturity) is written by hand around the graph.
 */
import { buildIdentityGraph } from '../../src/identity/graph.js';
import type { ProfileStore } from '../../src/identity/profile-store.js';
import { buildInventory } from '../../src/inventory.js';
import type { IdentityGraph } from '../../src/model/identity.js';
import { REPORT_SCHEMA_VERSION, type ReportRule, type ScanReport } from '../../src/model/report.js';
import type { RuleResult } from '../../src/model/result.js';
import { emptyCoverage, type SystemSnapshot } from '../../src/model/snapshot.js';
import { Pseudonymizer } from '../../src/privacy/pseudonym.js';
import { loadStore } from '../../src/synthetic/profiles.js';
import type { WorldSpec } from '../../src/synthetic/world.js';
import { makeResult, processes, summarize, target, verdict, type ResultInput } from './helpers.js';

export const IDENTITY_SCANNED_AT = '2025-05-04T12:00:00.000Z';
/** A fixed key: pseudonyms and fingerprints are the same on every run (source `configured`). */
export const IDENTITY_PSEUDONYM_KEY = 'ciamscan-report-fixture-key-0001';

export const IDENTITY_WORLD: WorldSpec = {
  seed: 20250504,
  people: 1000,
  householdRate: 0.12,
  roleMailboxRate: 0.3,
  stores: [
    { id: 'customer-idp', kind: 'identity-store', coverage: 0.85, duplicateRate: 0.04, socialLogin: true, disabledRate: 0.05, idStyle: 'uuid' },
    {
      id: 'legacy-shop',
      kind: 'identity-store',
      coverage: 0.55,
      range: [0, 700],
      duplicateRate: 0.09,
      idStyle: 'numeric',
      disabledRate: 0.04,
      links: { toStore: 'customer-idp', kind: 'external-id', via: 'idp_subject', rate: 0.3 },
    },
    {
      id: 'sales-crm',
      kind: 'crm',
      coverage: 0.6,
      duplicateRate: 0.05,
      idStyle: 'salesforce',
      consentFlipRate: 0.06,
      disabledRate: 0.03,
      leads: 60,
      links: { toStore: 'customer-idp', kind: 'crm-key', via: 'IdP_Subject__c', rate: 0.55 },
    },
  ],
};

const LOCATIONS: Record<string, { type: string; product: string; location: string }> = {
  'customer-idp': { type: 'keycloak', product: 'keycloak', location: 'https://login.example.com/realms/customers' },
  'legacy-shop': { type: 'file', product: 'legacy-shop', location: 'exports/shop-accounts.csv' },
  'sales-crm': { type: 'salesforce', product: 'salesforce', location: 'https://example.my.salesforce.com' },
};

/** Contacts whose IdP_Subject__c names an account the IdP no longer has (deleted, not propagated). */
function addDanglingContacts(store: ProfileStore, n: number): void {
  for (let i = 0; i < n; i++) {
    store.add({
      localId: `003DANGLING${String(i).padStart(4, '0')}`,
      emails: [{ address: `former.customer${i}@example.net`, verified: false, primary: true }],
      phones: [],
      names: { given: 'Former', family: `Customer${i}` },
      links: [{ kind: 'crm-key', via: 'IdP_Subject__c', value: `deleted-${i}-0000-4000-a000-000000000000` }],
      status: 'active',
      lifecycle: 'customer',
      consent: { marketing: true },
      createdAt: '2019-03-01T00:00:00.000Z',
      updatedAt: '2024-11-01T00:00:00.000Z',
      filledAttributes: 3,
      origin: 'local',
    });
  }
}

function identityGraph(): IdentityGraph {
  const snapshots: SystemSnapshot[] = IDENTITY_WORLD.stores.map((spec) => {
    const { store } = loadStore(IDENTITY_WORLD, spec.id);
    if (spec.id === 'sales-crm') addDanglingContacts(store, 7);
    return { targetId: spec.id, kind: spec.kind, product: LOCATIONS[spec.id]?.product ?? 'unknown', facts: {}, profiles: store, coverage: emptyCoverage(), errors: [] };
  });
  const inventory = buildInventory(snapshots, { scannedAt: IDENTITY_SCANNED_AT });
  const { graph } = buildIdentityGraph(inventory, {
    targets: IDENTITY_WORLD.stores.map((s) => ({ id: s.id, type: LOCATIONS[s.id]?.type ?? 'file', location: LOCATIONS[s.id]?.location ?? '' })),
    pseudonymizer: new Pseudonymizer(IDENTITY_PSEUDONYM_KEY),
    maxClusters: 30,
  });
  return graph;
}

const graph = identityGraph();

export const IDENTITY_RULES: ReportRule[] = [
  {
    id: 'IDG-SILO-OVERLAP',
    title: 'Systems that share customers are joined',
    severity: 'high',
    area: 'identity-graph',
    process: 'provisioning',
    tier: 'T2',
    rationale: 'Two systems that hold the same people with nothing joining them drift apart: a person deleted, blocked or opted out in one stays active in the other.',
    remediation: 'Join the two systems: federate the older one behind the customer IAM, provision it from the IAM, or store the IAM subject as an external id.',
    references: [{ spec: 'RFC 7643', section: '3.1', url: 'https://www.rfc-editor.org/rfc/rfc7643#section-3.1' }],
  },
  {
    id: 'IDG-DUPLICATES-WITHIN-STORE',
    title: 'A system holds each customer once',
    severity: 'medium',
    area: 'identity-graph',
    process: 'registration',
    tier: 'T2',
    rationale: 'Duplicate accounts split a customer’s history, consent and MFA enrolment, and one of them is usually forgotten and weakly protected.',
    remediation: 'Enforce a unique verified email at registration and merge the existing duplicates.',
    references: [],
  },
  {
    id: 'IDG-CRM-COVERAGE',
    title: 'CRM contacts are linked to identities by a stored key',
    severity: 'medium',
    area: 'identity-graph',
    process: 'provisioning',
    tier: 'T2',
    rationale: 'A contact matched to an identity only by email breaks when the email changes; a stored key survives it.',
    remediation: 'Write the IdP subject into the CRM external id field at registration and backfill the matched contacts.',
    references: [],
  },
  {
    id: 'IDG-CONSENT-CONSISTENCY',
    title: 'Marketing consent agrees across systems',
    severity: 'high',
    area: 'identity-graph',
    process: 'user-management',
    tier: 'T2',
    rationale: 'A customer who opted out in one system and is still marketable in another receives mail they refused.',
    remediation: 'Make one system the source of consent and propagate changes to the others.',
    references: [{ spec: 'GDPR', section: 'Art. 7(3)' }],
  },
  {
    id: 'IDG-EMAIL-COLLISION-TAKEOVER',
    title: 'No email is verified in one system and unverified in another',
    severity: 'high',
    area: 'identity-graph',
    process: 'authentication',
    tier: 'T2',
    rationale: 'Whoever registered the unverified account can claim the verified one when systems link accounts by email.',
    remediation: 'Link accounts by verified email only and re-verify the unverified side.',
    references: [],
  },
  {
    id: 'IDG-LIFECYCLE-DRIFT',
    title: 'Disabled identities are not active in the CRM',
    severity: 'medium',
    area: 'identity-graph',
    process: 'provisioning',
    tier: 'T2',
    rationale: 'A customer whose account was disabled is still contacted and marketable in the CRM.',
    remediation: 'Send lifecycle events from the IdP to the CRM.',
    references: [],
  },
];

const overlap = (a: string, b: string) => graph.overlaps?.find((o) => o.targetA === a && o.targetB === b);
const dup = (t: string) => graph.duplicates?.find((d) => d.targetId === t);
const silo = overlap('legacy-shop', 'sales-crm');
const joined = overlap('customer-idp', 'legacy-shop');
const rate = graph.linkRates?.[0];
const consentStats = graph.consent?.[0];
const drift = graph.lifecycleDrift?.[0];
const collisions = graph.emailCollisions ?? [];

const inputs: ResultInput[] = [
  {
    ruleId: 'IDG-SILO-OVERLAP',
    targetId: 'legacy-shop',
    subject: 'legacy-shop ↔ sales-crm',
    outcome: 'fail',
    message: `legacy-shop and sales-crm share ${silo?.shared ?? 0} people and nothing joins them.`,
    evidence: { shared: silo?.shared, shareOfSmaller: silo?.shareOfSmaller, edges: [] },
  },
  {
    ruleId: 'IDG-SILO-OVERLAP',
    targetId: 'customer-idp',
    subject: 'customer-idp ↔ legacy-shop',
    outcome: 'pass',
    message: 'customer-idp and legacy-shop are joined by an external id.',
    evidence: { shared: joined?.shared, edges: joined?.edges?.map((e) => e.kind) },
  },
  ...(['customer-idp', 'legacy-shop', 'sales-crm'] as const).map(
    (t): ResultInput => ({
      ruleId: 'IDG-DUPLICATES-WITHIN-STORE',
      targetId: t,
      subject: t,
      outcome: (dup(t)?.share ?? 0) > 0.05 ? 'warn' : 'pass',
      message: `${dup(t)?.profilesInClusters ?? 0} profiles in ${dup(t)?.clusters ?? 0} duplicate clusters.`,
      evidence: { clusters: dup(t)?.clusters, share: dup(t)?.share },
    }),
  ),
  {
    ruleId: 'IDG-CRM-COVERAGE',
    targetId: 'sales-crm',
    subject: 'sales-crm',
    outcome: 'warn',
    message: `${rate?.linkedMatchOnly ?? 0} customer contacts are the same person as an identity by matching only.`,
    evidence: { customerContacts: rate?.customerContacts, linkedExplicit: rate?.linkedExplicit, linkedMatchOnly: rate?.linkedMatchOnly, unlinked: rate?.unlinked },
  },
  {
    ruleId: 'IDG-CONSENT-CONSISTENCY',
    targetId: 'sales-crm',
    subject: 'sales-crm',
    outcome: 'fail',
    message: `${consentStats?.disagree ?? 0} customers opted out on one side and are marketable on the other.`,
    evidence: { bothKnown: consentStats?.bothKnown, disagree: consentStats?.disagree },
  },
  {
    ruleId: 'IDG-EMAIL-COLLISION-TAKEOVER',
    targetId: 'customer-idp',
    subject: 'customer-idp ↔ legacy-shop',
    outcome: collisions.length > 0 ? 'fail' : 'pass',
    message: `${collisions.reduce((s, c) => s + c.count, 0)} emails are verified in one store and unverified in the other.`,
    evidence: { collisions: collisions.map((c) => ({ ...c })) },
  },
  {
    ruleId: 'IDG-LIFECYCLE-DRIFT',
    targetId: 'sales-crm',
    subject: 'sales-crm',
    outcome: 'warn',
    message: `${drift?.disabledButActive ?? 0} contacts are active while their identity is disabled; ${drift?.danglingKeys ?? 0} keys resolve to no identity.`,
    evidence: { disabledButActive: drift?.disabledButActive, danglingKeys: drift?.danglingKeys },
  },
];

export const IDENTITY_RESULTS: RuleResult[] = inputs.map((i) => makeResult(IDENTITY_RULES, i));

const targets = IDENTITY_WORLD.stores.map((spec) => {
  const where = LOCATIONS[spec.id] ?? { type: 'file', product: 'unknown', location: '' };
  const profiles = graph.profilesPerTarget.find((p) => p.targetId === spec.id)?.profiles ?? 0;
  return target({
    id: spec.id,
    type: where.type,
    product: where.product,
    location: where.location,
    kind: spec.kind,
    coverage: {
      ...emptyCoverage(),
      datasets: [{ name: spec.kind === 'crm' ? 'contacts' : 'users', state: 'complete', records: profiles, total: profiles, pages: Math.ceil(profiles / 200) }],
      requests: spec.id === 'legacy-shop' ? 0 : Math.ceil(profiles / 200) + 3,
    },
  });
});

const evidence = (ruleId: string, targetId: string, role: 'gate' | 'signal', level: number) => {
  const r = IDENTITY_RESULTS.find((x) => x.ruleId === ruleId && x.targetId === targetId);
  if (!r) throw new Error(`no result ${ruleId}/${targetId}`);
  return { ruleId, targetId, subject: r.subject, outcome: r.outcome, role, level, fingerprint: r.fingerprint };
};

export const identityScanReport: ScanReport = {
  schemaVersion: REPORT_SCHEMA_VERSION,
  tool: { name: 'ciamscan', version: '0.1.0' },
  startedAt: IDENTITY_SCANNED_AT,
  finishedAt: '2025-05-04T12:03:41.250Z',
  settings: { profile: 'default' },
  targets,
  rules: IDENTITY_RULES,
  results: IDENTITY_RESULTS,
  identity: {
    ...graph,
    profilesPerTarget: [...graph.profilesPerTarget],
    clusters: graph.clusters ?? [],
    overlaps: graph.overlaps ?? [],
    linkRates: graph.linkRates ?? [],
  },
  maturity: {
    model: { name: 'ciamscan-maturity', version: '1.0.0' },
    overall: verdict({
      level: 2,
      name: 'Siloed',
      confidence: 'medium',
      observedShare: 0.58,
      statement:
        'The evidence supports level 2 (Siloed): customers have managed identities, but legacy-shop and sales-crm share customers with nothing joining them, and consent disagrees between the IdP and the CRM.',
      supports: [evidence('IDG-SILO-OVERLAP', 'customer-idp', 'signal', 2)],
      contradicts: [evidence('IDG-SILO-OVERLAP', 'legacy-shop', 'gate', 3), evidence('IDG-CONSENT-CONSISTENCY', 'sales-crm', 'signal', 4)],
      blockers: [
        { level: 3, kind: 'failed-gate', ruleIds: ['IDG-SILO-OVERLAP', 'IDG-EMAIL-COLLISION-TAKEOVER'], detail: 'Two gates of level 3 fail.' },
      ],
      notObserved: ['CRM-STABLE-KEY'],
    }),
    processes: processes({ registration: 2, provisioning: 2, authentication: 2, authorization: 0, 'user-management': 1, monitoring: 0 }),
    attestation: ['A named owner is accountable for the customer identity roadmap.'],
  },
  summary: summarize(IDENTITY_RESULTS, targets),
};
