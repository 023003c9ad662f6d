import type { IdentityProviderFacts } from '../../src/model/store-facts.js';
import { capped, forEachStoreSection, noCredentialFindings, storeBase } from '../../src/rules-engine/clients.js';
import { defineRule } from '../../src/rules-engine/define.js';

const CATEGORIES: ReadonlyArray<IdentityProviderFacts['category']> = ['social', 'enterprise', 'national-eid', 'other'];
const LABEL: Record<IdentityProviderFacts['category'], string> = { social: 'social', enterprise: 'enterprise', 'national-eid': 'national eID', other: 'other' };

export default defineRule({
  meta: {
    id: 'FED-IDP-INVENTORY',
    title: 'Upstream identity providers are inventoried by kind',
    severity: 'info',
    area: 'federation',
    process: 'authentication',
    tier: 'T2',
    messages: {
      socialOrEnterprise: 'Customers can sign in through {{enabled}} upstream identity provider(s): {{counts}}{{disabledNote}}.',
      otherOnly: 'Upstream identity providers are enabled, but none for social or enterprise login: {{counts}}{{disabledNote}}.',
      none: 'No upstream identity provider is enabled{{disabledNote}}: customers sign in with local accounts only.',
    },
    rationale:
      'Social, enterprise and national-eID login lower sign-up friction and bring verified attributes; the broker acts as a relying party of each provider, so each one is also an entry point to review (FED-UPSTREAM-VALIDATION, FED-SAFE-ACCOUNT-LINKING).',
    remediation:
      'Keep the list of upstream identity providers intentional: enable the social and enterprise providers your customers use, disable test or legacy ones, and review each with FED-UPSTREAM-VALIDATION and FED-SAFE-ACCOUNT-LINKING.',
    references: [
      { spec: 'OpenID Connect Core 1.0', section: '3' },
      { spec: 'Vendor APIs: Keycloak identity-provider instances, Auth0 connections, Okta IdPs' },
    ],
  },
  check(inventory) {
    const stores = forEachStoreSection(inventory, (s) => s.identityProviders, (entry, idps) => {
      const base = storeBase(entry);
      const enabled = idps.filter((i) => i.enabled);
      const disabled = idps.length - enabled.length;
      const byCategory = Object.fromEntries(
        CATEGORIES.map((cat) => {
          const of = idps.filter((i) => i.category === cat);
          return [cat, { enabled: of.filter((i) => i.enabled).length, disabled: of.filter((i) => !i.enabled).length, aliases: capped(of.filter((i) => i.enabled).map((i) => i.alias)) }];
        }),
      );
      const counts = CATEGORIES.map((cat) => ({ cat, n: enabled.filter((i) => i.category === cat).length }))
        .filter((x) => x.n > 0)
        .map((x) => `${LABEL[x.cat]} ${x.n} (${[...new Set(enabled.filter((i) => i.category === x.cat).map((i) => i.provider))].slice(0, 5).join(', ')})`)
        .join(', ');
      const evidence = { total: idps.length, enabled: enabled.length, disabled, byCategory, providers: capped([...new Set(enabled.map((i) => i.provider))].sort()) };
      const disabledNote = disabled ? `; ${disabled} disabled` : '';
      if (enabled.length === 0) return { ...base, outcome: 'info', messageId: 'none', data: { disabledNote }, evidence };
      const socialOrEnterprise = enabled.some((i) => i.category === 'social' || i.category === 'enterprise');
      return { ...base, outcome: 'info', messageId: socialOrEnterprise ? 'socialOrEnterprise' : 'otherOnly', data: { enabled: enabled.length, counts, disabledNote }, evidence };
    });
    return [...noCredentialFindings(inventory), ...stores];
  },
});
