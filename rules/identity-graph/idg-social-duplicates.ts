import { z } from 'zod';
import { observedValue } from '../../src/rules-engine/authenticators.js';
import { defineRule, notObserved, type Finding } from '../../src/rules-engine/define.js';
import { graphEntries, graphGate, pct, ratio, storesWithoutCredential } from '../../src/rules-engine/graph.js';

export default defineRule({
  meta: {
    id: 'IDG-SOCIAL-DUPLICATES',
    title: 'Social and password accounts of one person are linked, not separate records',
    severity: 'medium',
    area: 'identity-graph',
    process: 'user-management',
    tier: 'T2',
    messages: {
      noPairs: 'None of the {{federated}} federated (social or enterprise) account(s) is a second record of a person who also has a local password account here.',
      somePairs:
        '{{pairs}} local/federated account pair(s) belong to the same person ({{share}} % of {{federated}} federated accounts): these customers get a different profile depending on how they sign in.',
      manyPairs:
        '{{pairs}} local/federated account pair(s) belong to the same person ({{share}} % of {{federated}} federated accounts), above the {{failAt}} % limit: social sign-in creates new accounts instead of linking to the existing one.',
      noFederated: 'None of the {{profiles}} profile(s) read is a federated (social or enterprise) account, so no social duplicate can exist.',
    },
    rationale:
      'A customer who registered with a password and later signs in with Google or Apple should reach the same account. When the broker creates a second record instead, history, consent, MFA enrolment and entitlements split between two profiles and the customer sees a different account depending on the button they press. Pairs are counted when a local and a federated record of one store carry the same normalised email and resolve to one person.',
    remediation:
      'Make first sign-in through a social or enterprise provider look for an existing account and link to it after the user proves ownership (Keycloak first-broker-login: "Detect existing broker user" → "Confirm link existing account" → "Verify existing account by re-authentication"; Auth0: an account-linking Action that asks the user to log in to the existing account; Okta: IdP account link policy with verified email). Then merge the existing pairs with the product\'s link function (the evidence counts them; clusters are listed by IDG-DUPLICATES-WITHIN-STORE).',
    references: [
      { spec: 'OpenID Connect Core 1.0', section: '5.1, 5.7' },
      { spec: 'Keycloak Server Administration Guide', section: 'first broker login flow' },
    ],
    options: z.strictObject({
      /** Share of federated accounts with a local twin above which the rule fails (catalog: 1 %). */
      failShare: z.number().min(0).max(1).default(0.01),
    }),
  },
  check(inventory, graph, options) {
    const out: Finding[] = [];
    for (const entry of graphEntries(inventory, 'identity-store')) {
      const base = { targetId: entry.targetId, subject: entry.subject };
      const gate = graphGate(graph, entry, {
        empty: { messageId: 'noFederated', data: { profiles: 0 }, evidence: { profiles: 0, federatedAccounts: 0 } },
        section: (g) => g.socialDuplicates?.find((s) => s.targetId === entry.targetId),
        sectionName: `social-duplicate statistics for ${entry.targetId}`,
      });
      if ('finding' in gate) {
        out.push(gate.finding);
        continue;
      }
      const { stats, target } = gate;
      const userStats = observedValue(entry.snapshot.facts.identityStore?.userStats);
      const evidence = {
        profiles: target.profiles,
        federatedAccounts: stats.federatedAccounts,
        pairs: stats.pairs,
        share: ratio(stats.pairs, stats.federatedAccounts),
        usersWithFederatedIdentity: userStats?.withFederatedIdentity ?? null,
        failShare: options.failShare,
      };
      if (stats.federatedAccounts === 0) {
        // No profile carries the federated origin. When the store itself counts users with a linked
        // identity, the profiles simply do not say which record is federated: not observed, not N/A.
        if ((userStats?.withFederatedIdentity ?? 0) > 0) {
          out.push({
            ...notObserved(base.targetId, base.subject, {
              kind: 'not-observed',
              detail: `${entry.product} reports ${userStats?.withFederatedIdentity} user(s) with a federated identity, but the profiles read do not tell local from federated accounts`,
            }),
            evidence,
          });
        } else {
          out.push({ ...base, outcome: 'n/a', messageId: 'noFederated', data: { profiles: target.profiles }, evidence });
        }
        continue;
      }
      const share = stats.pairs / stats.federatedAccounts;
      const data = { pairs: stats.pairs, federated: stats.federatedAccounts, share: pct(share), failAt: pct(options.failShare) };
      if (stats.pairs === 0) out.push({ ...base, outcome: 'pass', messageId: 'noPairs', data, evidence });
      else if (share > options.failShare) out.push({ ...base, outcome: 'fail', messageId: 'manyPairs', data, evidence });
      else out.push({ ...base, outcome: 'warn', messageId: 'somePairs', data, evidence });
    }
    return [...out, ...storesWithoutCredential(inventory)];
  },
});
