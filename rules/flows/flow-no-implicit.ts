import { activeClients, forEachStoreSection, nameOffenders, offenderEvidence, storeBase } from '../../src/rules-engine/clients.js';
import { defineRule, type Finding } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer, idTokenResponseTypes, list, tokenResponseTypes } from '../../src/rules-engine/subjects.js';

export default defineRule({
  meta: {
    id: 'FLOW-NO-IMPLICIT',
    title: 'No response type returns an access token from the authorization endpoint',
    severity: 'high',
    area: 'flows',
    process: 'authorization',
    tier: 'T0',
    messages: {
      none: 'No advertised response type returns an access token from the authorization endpoint, and the implicit grant is not advertised.',
      advertised: 'The server advertises implicit flows: {{problems}}. Whether any client may use them needs T2 evidence.',
      idTokenOnly: 'ID tokens, but no access tokens, are returned from the authorization endpoint ({{responseTypes}}).',
      clientsImplicit: '{{count}} of {{active}} enabled client(s) may use the implicit grant: {{clients}}.',
      builtInImplicit: 'Only built-in vendor client(s) have the implicit grant enabled ({{clients}}); no application client uses it.',
      noClientImplicit: 'None of the {{active}} enabled client(s) may use the implicit grant.',
      noActiveClients: 'The store has no enabled client, so no client can use the implicit grant.',
    },
    rationale:
      'Access tokens in the front channel leak through browser history, referrers and logs, and cannot be sender-constrained; RFC 9700 says the implicit grant should not be used and OAuth 2.1 removes it.',
    remediation:
      'Switch clients to the authorization code flow with PKCE and disable the implicit grant on every client (Keycloak: Implicit Flow Enabled off; Auth0: remove `implicit` from the application\'s grant types; Okta: untick Implicit (hybrid) and drop the `token` response types), then publish grant_types_supported without `implicit`.',
    references: [
      { spec: 'RFC 9700', section: '2.1.2, 4.3' },
      { spec: 'OAuth 2.1 (draft)', section: '10.1' },
      { spec: 'OpenID Connect Discovery 1.0', section: '3' },
    ],
  },
  check(inventory) {
    const servers: Finding[] = forEachAuthorizationServer(inventory, (entry) => {
      const { responseTypes, grantTypes, defaulted } = entry.as.effective;
      const tokenTypes = tokenResponseTypes(responseTypes);
      const grantsDefaulted = defaulted.includes('grant_types_supported');
      const problems: string[] = [];
      if (tokenTypes.length) problems.push(`response types ${list(tokenTypes)}`);
      if (grantsDefaulted) problems.push('grant_types_supported is absent, which means authorization_code and implicit');
      else if (grantTypes.includes('implicit')) problems.push('grant_types_supported lists implicit');
      const evidence = { tokenResponseTypes: tokenTypes, grantTypes, grantTypesDefaulted: grantsDefaulted };
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer, evidence };
      if (problems.length) return { ...base, outcome: 'warn', messageId: 'advertised', data: { problems: problems.join('; ') } };
      // "id_token-only" means an ID token and no access token from the authorization endpoint (hybrid `code id_token` included).
      const idTokenOnly = idTokenResponseTypes(responseTypes);
      if (idTokenOnly.length) return { ...base, outcome: 'info', messageId: 'idTokenOnly', data: { responseTypes: list(idTokenOnly) } };
      return { ...base, outcome: 'pass', messageId: 'none' };
    });
    // T2: per store, aggregated over its enabled clients (Keycloak implicitFlowEnabled, Auth0 and Okta
    // grant_types / `token` response types; connectors normalise all of them to the `implicit` grant).
    const stores = forEachStoreSection(inventory, (s) => s.clients, (entry, clients) => {
      const active = activeClients(clients);
      const base = storeBase(entry);
      if (active.length === 0) return { ...base, outcome: 'n/a', messageId: 'noActiveClients', evidence: { clients: clients.length, active: 0 } };
      const implicit = active.filter((c) => c.grants.includes('implicit'));
      // Built-in vendor clients are judged leniently: implicit on them alone is a WARN, since no application depends on it.
      const apps = implicit.filter((c) => c.builtIn !== true).map((c) => c.id);
      const builtIn = implicit.filter((c) => c.builtIn === true).map((c) => c.id);
      const evidence = { active: active.length, offenders: offenderEvidence(apps), builtInOffenders: offenderEvidence(builtIn) };
      if (apps.length) return { ...base, outcome: 'fail', messageId: 'clientsImplicit', data: { count: apps.length, active: active.length, clients: nameOffenders(apps) }, evidence };
      if (builtIn.length) return { ...base, outcome: 'warn', messageId: 'builtInImplicit', data: { clients: nameOffenders(builtIn) }, evidence };
      return { ...base, outcome: 'pass', messageId: 'noClientImplicit', data: { active: active.length }, evidence };
    });
    return [...servers, ...stores];
  },
});
