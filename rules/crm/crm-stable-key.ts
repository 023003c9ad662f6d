import { z } from 'zod';
import { authorizationServers } from '../../src/inventory.js';
import { nameSome } from '../../src/rules-engine/authenticators.js';
import { defineRule, notObserved, type Finding } from '../../src/rules-engine/define.js';
import { crmSection } from '../../src/rules-engine/crm.js';
import { graphEntries, identityTargets, pct, profileState, ratio } from '../../src/rules-engine/graph.js';

export default defineRule({
  meta: {
    id: 'CRM-STABLE-KEY',
    title: 'The key stored in the CRM is the identity\'s id, not an email address',
    severity: 'medium',
    area: 'crm',
    process: 'user-management',
    tier: 'T2',
    messages: {
      stableKey:
        '{{resolved}} of {{withKey}} stored key(s) ({{resolvedShare}} %) resolve to an identity by its id, and they are not email addresses ({{emailShare}} % email-shaped, {{subjectShare}} % shaped like IdP subjects).',
      emailKeys:
        '{{email}} of {{withKey}} stored key(s) ({{emailShare}} %) are email addresses, not identity ids: the link breaks when the address changes and joins whoever holds the address.',
      unresolvedKeys:
        'Only {{resolved}} of {{withKey}} stored key(s) ({{resolvedShare}} %) resolve to an identity read in this scan (below {{minResolved}} %): the rest point at deleted identities, at stores that were not scanned, or are not identity ids.',
      pairwiseKeys:
        '{{subjectShare}} % of the {{withKey}} stored key(s) are shaped like subjects, and {{servers}} issue only pairwise subjects{{resolution}}: a pairwise sub is one relying party\'s view of the user and does not match when another app links.',
      noKeys: 'None of the {{records}} contact(s) read holds an identity key, so there is no key to judge (see CRM-LINK-RATE and CRM-EXTERNAL-ID-FIELD).',
    },
    rationale:
      'Only the issuer and subject (or the store\'s own user id) identify a person stably (OIDC Core §5.7): an email address changes and can be reassigned, so an email used as the CRM key silently re-links a contact to whoever holds the address next. A pairwise subject (OIDC Core §8, §8.1) is different for every sector, so a key copied from one application\'s ID token does not resolve for another. A stored key is trustworthy when it resolves to an existing identity by id.',
    remediation:
      'Store the identity store\'s user id (Keycloak user UUID, Auth0 user_id, Okta 00u… id) — or iss + sub with a public subject type — in the CRM\'s External ID field, written by the identity platform or a provisioning integration, never the email; migrate email-valued keys by looking the identity up once and replacing the value; for pairwise issuers, let the platform (not an app) write its internal id.',
    references: [{ spec: 'OpenID Connect Core 1.0', section: '5.7, 8, 8.1' }],
    options: z.strictObject({
      /** Share above which "most values" are email-shaped (FAIL) or subject-shaped (pairwise check). */
      majority: z.number().min(0).max(1).default(0.5),
      /** Share of keys that must resolve to an identity by id (below it, many keys do not resolve). */
      minResolvedShare: z.number().min(0).max(1).default(0.9),
    }),
  },
  check(inventory, graph, options) {
    const out: Finding[] = [];
    // Authorization servers whose subject_types_supported lists pairwise and nothing else.
    const pairwiseOnly = authorizationServers(inventory)
      .filter((s) => s.as.discovery.metadata !== undefined && s.as.effective.subjectTypes.length > 0 && s.as.effective.subjectTypes.every((t) => t === 'pairwise'))
      .map((s) => s.as.configuredIssuer);
    for (const entry of graphEntries(inventory, 'crm')) {
      const base = { targetId: entry.targetId, subject: entry.subject };
      const section = crmSection(entry, 'linkStats', 'the identity-link values');
      if (section.reason) {
        out.push(notObserved(base.targetId, base.subject, section.reason));
        continue;
      }
      const stats = section.value;
      // Resolution (keys that point at an identity read in this scan, by id) comes from the graph's
      // explicit links. It is observed only when the graph holds this CRM and at least one identity
      // store; `linkedExplicit` counts customer-stage contacts, so keys held by leads count as
      // unresolved (leads rarely hold an identity key).
      const rate = graph.built && profileState(graph, entry).state === 'read' && identityTargets(graph).length > 0 ? graph.linkRates?.find((r) => r.crmTargetId === entry.targetId) : undefined;
      const resolved = rate ? Math.min(rate.linkedExplicit, stats.withKey) : undefined;
      const evidence = {
        records: stats.records,
        withKey: stats.withKey,
        emailShaped: stats.emailShaped,
        subjectShaped: stats.subjectShaped,
        sharedValues: stats.sharedValues,
        emailShare: ratio(stats.emailShaped, stats.withKey),
        subjectShare: ratio(stats.subjectShaped, stats.withKey),
        resolved: resolved ?? null,
        resolvedShare: resolved === undefined ? null : ratio(resolved, stats.withKey),
        pairwiseOnlyIssuers: pairwiseOnly,
      };
      if (stats.withKey === 0) {
        out.push({ ...base, outcome: 'n/a', messageId: 'noKeys', data: { records: stats.records }, evidence });
        continue;
      }
      const emailShare = stats.emailShaped / stats.withKey;
      const subjectShare = stats.subjectShaped / stats.withKey;
      const resolvedShare = resolved === undefined ? undefined : resolved / stats.withKey;
      const data = {
        withKey: stats.withKey,
        email: stats.emailShaped,
        emailShare: pct(emailShare),
        subjectShare: pct(subjectShare),
        resolved: resolved ?? 0,
        resolvedShare: pct(resolvedShare ?? 0),
        minResolved: pct(options.minResolvedShare),
        servers: nameSome(pairwiseOnly),
        resolution: resolvedShare === undefined ? ' (whether the keys resolve to identities was not observed)' : ` (only ${pct(resolvedShare)} % of the keys resolve to an identity by id)`,
      };
      if (emailShare > options.majority) {
        out.push({ ...base, outcome: 'fail', messageId: 'emailKeys', data, evidence });
        continue;
      }
      const subjectKeys = subjectShare > options.majority;
      if (resolvedShare !== undefined) {
        // Keys that resolve by id are the store's own ids, whatever the issuers' subject type.
        if (resolvedShare >= options.minResolvedShare) out.push({ ...base, outcome: 'pass', messageId: 'stableKey', data, evidence });
        else if (pairwiseOnly.length && subjectKeys) out.push({ ...base, outcome: 'warn', messageId: 'pairwiseKeys', data, evidence });
        else out.push({ ...base, outcome: 'warn', messageId: 'unresolvedKeys', data, evidence });
        continue;
      }
      if (pairwiseOnly.length && subjectKeys) {
        out.push({ ...base, outcome: 'warn', messageId: 'pairwiseKeys', data, evidence });
        continue;
      }
      // The shape alone does not pass a key: it must be seen to resolve (catalog: "resolve to
      // existing IdP users by id").
      const why = !graph.built ? `the identity graph was not built (${graph.reason ?? 'no profiles were read'})` : 'the identity graph holds no profiles of this CRM and an identity store to resolve them against';
      out.push({
        ...notObserved(base.targetId, base.subject, {
          kind: 'not-observed',
          detail: `${pct(emailShare)} % of the ${stats.withKey} stored keys are email-shaped and ${pct(subjectShare)} % subject-shaped, but whether they resolve to identities is not observed: ${why}`,
        }),
        evidence,
      });
    }
    return out;
  },
});
