import { z } from 'zod';
import type { CompletenessStats } from '../../src/model/identity.js';
import { defineRule, notObserved, type Finding } from '../../src/rules-engine/define.js';
import { graphEntries, graphGate, storesWithoutCredential } from '../../src/rules-engine/graph.js';

type Bucket = CompletenessStats['buckets'][number];

/** Account-age buckets of src/identity/graph.ts, youngest first; `unknown` (no creation date) is not an age. */
const AGE_ORDER = ['<1y', '1-2y', '2-5y', '5y+'];

/** Means are shown with two decimals (the evidence keeps the graph's four). */
function mean(value: number): number {
  return Math.round(value * 100) / 100;
}

function curveOf(buckets: readonly Bucket[]): string {
  return buckets.length ? buckets.map((b) => `${b.age}: ${mean(b.meanFilled)} (${b.profiles})`).join(', ') : '(empty)';
}

export default defineRule({
  meta: {
    id: 'IDG-PROFILE-COMPLETENESS',
    title: 'Profiles grow richer with account age',
    severity: 'info',
    area: 'identity-graph',
    process: 'registration',
    tier: 'T2',
    messages: {
      grows:
        'Older accounts carry measurably more attributes: {{oldAge}} accounts hold {{oldMean}} filled attributes on average against {{youngMean}} for {{youngAge}} accounts (mean filled attributes (profiles) by age: {{curve}}). Progressive profiling is at work.',
      flat: 'Profiles do not grow measurably with account age: {{oldAge}} accounts hold {{oldMean}} filled attributes on average against {{youngMean}} for {{youngAge}} accounts (mean filled attributes (profiles) by age: {{curve}}).',
      tooFewAges:
        'Fewer than two account-age buckets hold {{minProfiles}} profiles or more (mean filled attributes (profiles) by age: {{curve}}), so growth over time cannot be measured yet.',
      noProfiles: 'The profiles of this store were read and there are none, so there is no completeness curve.',
    },
    rationale:
      'Progressive profiling asks for data when it is needed instead of at sign-up, so sign-up stays short and profiles still become complete. Its observable trace is a completeness curve that rises with account age: customers who have been around longer have been asked more. A flat curve means profiles are either complete at sign-up (long forms) or never enriched. This is a signal, not a judgement; REG-PROGRESSIVE-PROFILING checks the configuration side.',
    remediation:
      'Collect attributes gradually: Okta profile enrollment with progressive profiling, Keycloak declarative user profile with scope-bound attributes and the VERIFY_PROFILE required action, Auth0 post-login Actions that prompt for missing data; request the claims an application needs through scopes (OIDC Core §5.4) at the moment it needs them.',
    references: [
      { spec: 'OpenID Connect Core 1.0', section: '5.4' },
      { spec: 'Okta Management API', section: 'profile enrollment policy (progressiveProfilingAction)' },
      { spec: 'Keycloak Server Administration Guide', section: 'user profile, VERIFY_PROFILE' },
    ],
    options: z.strictObject({
      /** Profiles a bucket needs to take part in the comparison. */
      minBucketProfiles: z.number().int().min(1).default(30),
      /** Extra filled attributes (mean) the oldest bucket needs over the youngest to count as growth. */
      minMeanGain: z.number().min(0).default(0.5),
    }),
  },
  check(inventory, graph, options) {
    const out: Finding[] = [];
    for (const entry of graphEntries(inventory, 'identity-store')) {
      const base = { targetId: entry.targetId, subject: entry.subject };
      const gate = graphGate(graph, entry, {
        empty: { messageId: 'noProfiles', evidence: { profiles: 0 } },
        section: (g) => g.completeness?.find((c) => c.targetId === entry.targetId),
        sectionName: `completeness statistics for ${entry.targetId}`,
      });
      if ('finding' in gate) {
        out.push(gate.finding);
        continue;
      }
      const { stats, target } = gate;
      const aged = AGE_ORDER.map((age) => stats.buckets.find((b) => b.age === age)).filter((b): b is Bucket => b !== undefined && b.profiles > 0);
      const undated = stats.buckets.find((b) => b.age === 'unknown')?.profiles ?? 0;
      const evidence = {
        curve: stats.buckets.map((b) => ({ age: b.age, profiles: b.profiles, meanFilled: b.meanFilled })),
        profilesWithoutCreationDate: undated,
        minBucketProfiles: options.minBucketProfiles,
        minMeanGain: options.minMeanGain,
      };
      if (aged.length === 0) {
        out.push({
          ...notObserved(base.targetId, base.subject, { kind: 'not-observed', detail: `none of the ${target.profiles} profile(s) read carries a creation date, so account age is unknown` }),
          evidence,
        });
        continue;
      }
      // "Measurably": the oldest and the youngest bucket that each hold at least minBucketProfiles
      // profiles (30 by default: a mean over fewer is noise) differ by at least minMeanGain (0.5)
      // filled attributes on average.
      const populated = aged.filter((b) => b.profiles >= options.minBucketProfiles);
      const young = populated[0];
      const old = populated[populated.length - 1];
      const curve = curveOf(stats.buckets);
      if (!young || !old || young === old) {
        out.push({ ...base, outcome: 'info', messageId: 'tooFewAges', data: { minProfiles: options.minBucketProfiles, curve }, evidence });
        continue;
      }
      const gain = Math.round((old.meanFilled - young.meanFilled) * 100) / 100;
      const data = { oldAge: old.age, oldMean: mean(old.meanFilled), youngAge: young.age, youngMean: mean(young.meanFilled), curve };
      const withGain = { ...evidence, compared: { young: young.age, old: old.age, gain } };
      if (gain >= options.minMeanGain) out.push({ ...base, outcome: 'pass', messageId: 'grows', data, evidence: withGain });
      else out.push({ ...base, outcome: 'info', messageId: 'flat', data, evidence: withGain });
    }
    return [...out, ...storesWithoutCredential(inventory)];
  },
});
