import { activeClients, capped, forEachStoreSection, nameOffenders, offenderEvidence, storeBase } from '../../src/rules-engine/clients.js';
import { defineRule, type Finding } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer } from '../../src/rules-engine/subjects.js';

export default defineRule({
  meta: {
    id: 'FLOW-NO-ROPC',
    title: 'The resource owner password credentials grant is disabled',
    severity: 'high',
    area: 'flows',
    process: 'authentication',
    tier: 'T0',
    messages: {
      absent: 'The password grant is not advertised.',
      advertised: 'The server advertises the resource owner password credentials grant ("password" in grant_types_supported).',
      clientsPassword: '{{count}} of {{active}} enabled client(s) may use the password grant: {{clients}}{{builtInNote}}.',
      noClientPassword: 'None of the {{active}} enabled client(s) may use the password grant.',
      noActiveClients: 'The store has no enabled client, so no client can use the password grant.',
    },
    rationale:
      'With the password grant the client handles raw passwords, MFA and phishing-resistant authenticators cannot be used, and customers learn to type passwords into apps; RFC 9700 says it MUST NOT be used.',
    remediation:
      'Disable the password grant on every client, built-in ones included (Keycloak: Direct Access Grants Enabled off, also on `admin-cli` of customer realms; Auth0: remove `password` and `http://auth0.com/oauth/grant-type/password-realm` from the grant types; Okta: untick Resource Owner Password), remove it from grant_types_supported, and migrate apps to the authorization code flow with PKCE.',
    references: [
      { spec: 'RFC 9700', section: '2.4' },
      { spec: 'OAuth 2.1 (draft)', section: '10' },
      { spec: 'FAPI 2.0 Security Profile', section: '5.3.2.1' },
    ],
  },
  check(inventory) {
    const servers: Finding[] = forEachAuthorizationServer(inventory, (entry) => {
      const grants = entry.as.effective.grantTypes;
      const evidence = { grantTypes: grants, grantTypesDefaulted: entry.as.effective.defaulted.includes('grant_types_supported') };
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer, evidence };
      return grants.includes('password') ? { ...base, outcome: 'fail', messageId: 'advertised' } : { ...base, outcome: 'pass', messageId: 'absent' };
    });
    // T2: per store over its enabled clients. Built-in clients count too (the catalog says "any active
    // client"): Keycloak's `admin-cli` accepts passwords in every realm by default, which bypasses the
    // browser login flow and its MFA. Auth0's password-realm grant is normalised to `password`.
    const stores = forEachStoreSection(inventory, (s) => s.clients, (entry, clients) => {
      const active = activeClients(clients);
      const base = storeBase(entry);
      if (active.length === 0) return { ...base, outcome: 'n/a', messageId: 'noActiveClients', evidence: { clients: clients.length, active: 0 } };
      const password = active.filter((c) => c.grants.includes('password'));
      const ids = password.map((c) => c.id);
      const builtIn = password.filter((c) => c.builtIn === true).map((c) => c.id);
      const evidence = { active: active.length, offenders: offenderEvidence(ids), builtInOffenders: capped(builtIn) };
      if (!ids.length) return { ...base, outcome: 'pass', messageId: 'noClientPassword', data: { active: active.length }, evidence };
      const builtInNote = builtIn.length ? ` (${builtIn.length} built-in)` : '';
      return { ...base, outcome: 'fail', messageId: 'clientsPassword', data: { count: ids.length, active: active.length, clients: nameOffenders(ids), builtInNote }, evidence };
    });
    return [...servers, ...stores];
  },
});
