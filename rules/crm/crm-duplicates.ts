import { z } from 'zod';
import type { CrmDuplicateRule } from '../../src/model/crm-facts.js';
import { nameSome } from '../../src/rules-engine/authenticators.js';
import { capped } from '../../src/rules-engine/clients.js';
import { defineRule, notObserved, type Finding } from '../../src/rules-engine/define.js';
import { crmSection, customerObjects } from '../../src/rules-engine/crm.js';
import { graphEntries, graphLacks, graphNotBuilt, pct, profileState, ratio } from '../../src/rules-engine/graph.js';

function ruleLabel(r: CrmDuplicateRule): string {
  return r.native ? `${r.object}: ${r.name}` : `${r.object}.${r.name}${r.active ? '' : ' (inactive)'}`;
}

export default defineRule({
  meta: {
    id: 'CRM-DUPLICATES',
    title: 'Duplicate customers in the CRM are prevented and rare',
    severity: 'medium',
    area: 'crm',
    process: 'user-management',
    tier: 'T2',
    messages: {
      prevented: 'Duplicates are prevented ({{rules}}) and rare: {{share}} % of the {{profiles}} contact(s) read are in duplicate clusters.',
      duplicateRate: '{{share}} % of the {{profiles}} contact(s) read are in {{clusters}} duplicate cluster(s), at or above {{warnAt}} %{{ruleNote}}.',
      noActiveRule: 'No active duplicate rule covers the customer object ({{rules}}); {{share}} % of the {{profiles}} contact(s) read are in duplicate clusters, at most {{failAt}} %.',
      unprevented:
        'No active duplicate rule covers the customer object ({{rules}}) and {{share}} % of the {{profiles}} contact(s) read are in {{clusters}} duplicate cluster(s), above {{failAt}} %: duplicates split consent, history and entitlements.',
      noContacts: 'The profiles of this CRM were read and there are none, so there is nothing to de-duplicate.',
    },
    rationale:
      'Two contacts for one customer split consent, purchase history and service entitlements, and the identity key can only be stored on one of them. Salesforce prevents duplicates only with an active matching and duplicate rule on the object; HubSpot de-duplicates contacts on the email address itself. The rate is measured by the identity graph on the contacts read (normalised email, E.164 phone, name plus another identifier); values are never reported.',
    remediation:
      'Salesforce: activate a duplicate rule (with a matching rule on email and the identity key) on Contact and person accounts, set to block or alert on create and edit, and merge the existing clusters (Duplicate Record Sets). HubSpot: keep one email per contact, use secondary emails rather than new contacts, and merge the clusters. In the identity stores, keep duplicate emails disallowed (Keycloak duplicateEmailsAllowed off) so one person maps to one identity.',
    references: [
      { spec: 'Salesforce Object Reference', section: 'DuplicateRule' },
      { spec: 'HubSpot Knowledge Base', section: 'deduplication of contacts' },
      { spec: 'OpenID Connect Core 1.0', section: '5.7' },
    ],
    options: z.strictObject({
      /** Duplicate rate from which the rule warns even with an active rule (catalog: WARN 2–5 %). */
      warnRate: z.number().min(0).max(1).default(0.02),
      /** Duplicate rate above which the rule fails when no active rule exists (catalog: 5 %). */
      failRate: z.number().min(0).max(1).default(0.05),
    }),
  },
  check(inventory, graph, options) {
    // Identity-store side, as evidence only: Keycloak duplicateEmailsAllowed (other products do not report it).
    const storeSide = graphEntries(inventory, 'identity-store').flatMap((s) => {
      const reg = s.snapshot.facts.identityStore?.registration;
      return reg?.state === 'observed' && reg.value.duplicateEmailsAllowed !== undefined ? [{ targetId: s.targetId, duplicateEmailsAllowed: reg.value.duplicateEmailsAllowed }] : [];
    });
    const out: Finding[] = [];
    for (const entry of graphEntries(inventory, 'crm')) {
      const base = { targetId: entry.targetId, subject: entry.subject };
      // Rules: an active rule on an object where customers live (any object when that is not known),
      // or native de-duplication (HubSpot contacts on email).
      const section = crmSection(entry, 'duplicateRules', 'the duplicate rules');
      const objects = customerObjects(entry);
      const rules = section.value;
      const relevant = rules?.filter((r) => r.native === true || !objects || objects.includes(r.object));
      const active = relevant?.filter((r) => r.active);
      // Rate: profiles of this CRM in duplicate clusters, from the identity graph.
      let rate: { share: number; profiles: number; clusters: number; inClusters: number } | undefined;
      let rateReason = graph.built ? undefined : graphNotBuilt(graph);
      if (graph.built) {
        const state = profileState(graph, entry);
        if (state.state === 'empty') {
          out.push({ ...base, outcome: 'n/a', messageId: 'noContacts', evidence: { profiles: 0 } });
          continue;
        }
        if (state.state === 'not-read') rateReason = state.reason;
        else {
          const stats = graph.duplicates?.find((d) => d.targetId === entry.targetId);
          if (stats) rate = { share: stats.profilesInClusters / state.target.profiles, profiles: state.target.profiles, clusters: stats.clusters, inClusters: stats.profilesInClusters };
          else rateReason = graphLacks(`duplicate statistics for ${entry.targetId}`);
        }
      }
      // HubSpot: contacts that carry secondary emails (hs_additional_emails), where native de-duplication
      // on the primary address can miss a second record (counts only).
      const objectFacts = entry.snapshot.facts.crm?.objects;
      const secondary = objectFacts?.state === 'observed' ? objectFacts.value.filter((o) => o.withSecondaryEmail !== undefined) : [];
      const evidence = {
        recordsWithSecondaryEmail: secondary.length ? secondary.reduce((n, o) => n + (o.withSecondaryEmail ?? 0), 0) : null,
        duplicateRules: rules ? capped(rules).map((r) => ({ object: r.object, name: r.name, active: r.active, ...(r.native ? { native: true } : {}) })) : null,
        duplicateRulesNotObserved: section.reason?.detail ?? null,
        customerObjects: objects ?? null,
        activeOnCustomerObject: active?.length ?? null,
        profiles: rate?.profiles ?? null,
        profilesInClusters: rate?.inClusters ?? null,
        clusters: rate?.clusters ?? null,
        duplicateRate: rate ? ratio(rate.inClusters, rate.profiles) : null,
        identityStores: storeSide,
        warnRate: options.warnRate,
        failRate: options.failRate,
      };
      const rulesText = relevant === undefined ? 'not observed' : relevant.length ? nameSome(relevant.map(ruleLabel)) : 'none configured';
      if (!rate) {
        // Without the rate neither PASS (needs "rare") nor the choice between WARN and FAIL is decidable.
        const reason = rateReason ?? graphLacks('duplicate rate');
        out.push({ ...notObserved(base.targetId, base.subject, { ...reason, detail: `the duplicate rate is not observed (${reason.detail}); duplicate rules: ${rulesText}` }), evidence });
        continue;
      }
      const data = {
        share: pct(rate.share),
        profiles: rate.profiles,
        clusters: rate.clusters,
        rules: rulesText,
        warnAt: pct(options.warnRate),
        failAt: pct(options.failRate),
        ruleNote: '',
      };
      if (!active) {
        // Rules not observed: only the 2–5 % band is decided (WARN whatever the rules say).
        if (rate.share >= options.warnRate && rate.share <= options.failRate) {
          out.push({ ...base, outcome: 'warn', messageId: 'duplicateRate', data: { ...data, ruleNote: `; whether a duplicate rule is active was not observed (${section.reason?.detail ?? 'no rules read'})` }, evidence });
        } else {
          const reason = section.reason ?? { kind: 'not-observed' as const, detail: 'the duplicate rules were not read' };
          out.push({ ...notObserved(base.targetId, base.subject, { ...reason, detail: `${pct(rate.share)} % of the contacts are duplicates, but whether a duplicate rule is active is not observed: ${reason.detail}` }), evidence });
        }
        continue;
      }
      // Catalog: FAIL with no active rule and > 5 %; WARN for 2–5 % or no active rule; PASS otherwise.
      // A rate at or above 2 % with an active rule is a WARN too (the catalog's text would pass a
      // 10 % rate when a rule exists): prevention that leaves that many duplicates is not working.
      if (active.length > 0) {
        if (rate.share < options.warnRate) out.push({ ...base, outcome: 'pass', messageId: 'prevented', data: { ...data, rules: nameSome(active.map(ruleLabel)) }, evidence });
        else out.push({ ...base, outcome: 'warn', messageId: 'duplicateRate', data: { ...data, ruleNote: ` although duplicate prevention is active (${nameSome(active.map(ruleLabel))})` }, evidence });
      } else if (rate.share > options.failRate) out.push({ ...base, outcome: 'fail', messageId: 'unprevented', data, evidence });
      else out.push({ ...base, outcome: 'warn', messageId: 'noActiveRule', data, evidence });
    }
    return out;
  },
});
