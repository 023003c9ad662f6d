import { z } from 'zod';
import type { DuplicateStats } from '../../src/model/identity.js';
import { defineRule, type Finding } from '../../src/rules-engine/define.js';
import { clusterExamples, graphEntries, graphGate, membersIn, pct, ratio, storesWithoutCredential } from '../../src/rules-engine/graph.js';

// ---------------------------------------------------------------------------------------------
// IDG-DUPLICATES-WITHIN-STORE
// ---------------------------------------------------------------------------------------------

const SIZE_ORDER = ['2', '3', '4-9', '10+'];

function describeSizes(sizes: Record<string, number>): string {
  const rank = (k: string) => (SIZE_ORDER.includes(k) ? SIZE_ORDER.indexOf(k) : SIZE_ORDER.length);
  const keys = Object.keys(sizes).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const parts = keys.filter((k) => (sizes[k] ?? 0) > 0).map((k) => `${sizes[k]}× ${k}`);
  return parts.length ? parts.join(', ') : '(none)';
}

function describeReasons(reasons: DuplicateStats['topReasons']): string {
  return reasons.length ? reasons.map((r) => `${r.reason} (${r.count})`).join(', ') : '(none recorded)';
}

export default defineRule({
  meta: {
    id: 'IDG-DUPLICATES-WITHIN-STORE',
    title: 'Each customer has one account per identity store or CRM',
    severity: 'medium',
    area: 'identity-graph',
    process: 'user-management',
    tier: 'T2',
    messages: {
      noDuplicates: 'None of the {{profiles}} profile(s) read has a duplicate here: every customer has one record.',
      rare: '{{inClusters}} of {{profiles}} profile(s) ({{share}} %) are in {{clusters}} duplicate cluster(s), below the {{warnAt}} % warning threshold; top match reasons: {{reasons}}.',
      duplicates:
        '{{inClusters}} of {{profiles}} profile(s) ({{share}} %) are in {{clusters}} duplicate cluster(s) (sizes: {{sizes}}); top match reasons: {{reasons}}. Registration or import does not check for an existing record.',
      manyDuplicates:
        '{{inClusters}} of {{profiles}} profile(s) ({{share}} %) are in {{clusters}} duplicate cluster(s) (sizes: {{sizes}}), above the {{failAt}} % limit; top match reasons: {{reasons}}. Customers hold several records here, which split history, consent and security state.',
      noProfiles: 'The profiles of this target were read and there are none, so there are no duplicates to find.',
    },
    rationale:
      'Two records of one person in one system split purchase history, consent and security state (MFA enrolment, lockouts, linked identities), and make every downstream join ambiguous. They are the first symptom of registration, social sign-up or import flows that do not look for an existing identity, and a unified profile cannot coexist with them. The email address is not a unique or stable key (OIDC Core §5.7), so the graph matches on normalised email, E.164 phone and name plus another identifier.',
    remediation:
      'Find the flows that create the duplicates (the top match reasons show how they match): require a verified, unique email at sign-up (Keycloak: duplicateEmailsAllowed off, verifyEmail on; Auth0/Okta: one database connection per population, unique email), link social sign-ins to the existing account after re-authentication instead of creating a new one, and de-duplicate imports on the stable key. Merge the listed clusters (fingerprints in the evidence are stable across scans) with the product\'s account-linking or merge function; in a CRM, enable a matching and duplicate rule on the customer object.',
    references: [
      { spec: 'OpenID Connect Core 1.0', section: '5.7' },
      { spec: 'Fellegi & Sunter, A Theory for Record Linkage (JASA 64, 1969)' },
    ],
    options: z.strictObject({
      /** Share of profiles in duplicate clusters from which the rule warns (catalog: PASS below 0.5 %). */
      warnShare: z.number().min(0).max(1).default(0.005),
      /** Share above which the rule fails (catalog: WARN up to 2 %, FAIL above). */
      failShare: z.number().min(0).max(1).default(0.02),
    }),
  },
  check(inventory, graph, options) {
    const entries = [...graphEntries(inventory, 'identity-store'), ...graphEntries(inventory, 'crm')];
    const out: Finding[] = [];
    for (const entry of entries) {
      const base = { targetId: entry.targetId, subject: entry.subject };
      const gate = graphGate(graph, entry, {
        empty: { messageId: 'noProfiles', evidence: { profiles: 0 } },
        section: (g) => g.duplicates?.find((d) => d.targetId === entry.targetId),
        sectionName: `duplicate statistics for ${entry.targetId}`,
      });
      if ('finding' in gate) {
        out.push(gate.finding);
        continue;
      }
      const { stats } = gate;
      const profiles = gate.target.profiles;
      // Recomputed from the counts: the graph's `share` is rounded to four decimals.
      const share = stats.profilesInClusters / profiles;
      const evidence = {
        profiles,
        clusters: stats.clusters,
        profilesInClusters: stats.profilesInClusters,
        share: ratio(stats.profilesInClusters, profiles),
        sizes: stats.sizes,
        topReasons: stats.topReasons,
        examples: clusterExamples(graph, (c) => membersIn(c, entry.targetId) >= 2, [entry.targetId]),
        warnShare: options.warnShare,
        failShare: options.failShare,
      };
      const data = {
        profiles,
        inClusters: stats.profilesInClusters,
        share: pct(share),
        clusters: stats.clusters,
        sizes: describeSizes(stats.sizes),
        reasons: describeReasons(stats.topReasons),
        warnAt: pct(options.warnShare),
        failAt: pct(options.failShare),
      };
      if (stats.profilesInClusters === 0) out.push({ ...base, outcome: 'pass', messageId: 'noDuplicates', data, evidence });
      else if (share < options.warnShare) out.push({ ...base, outcome: 'pass', messageId: 'rare', data, evidence });
      else if (share <= options.failShare) out.push({ ...base, outcome: 'warn', messageId: 'duplicates', data, evidence });
      else out.push({ ...base, outcome: 'fail', messageId: 'manyDuplicates', data, evidence });
    }
    return [...out, ...storesWithoutCredential(inventory)];
  },
});
