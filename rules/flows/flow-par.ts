import { activeClients, forEachStoreSection, FRONT_CHANNEL_GRANTS, nameOffenders, offenderEvidence, serversOfStore, share, storeBase, usesGrant } from '../../src/rules-engine/clients.js';
import { defineRule, notObserved, type Finding } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer } from '../../src/rules-engine/subjects.js';

export default defineRule({
  meta: {
    id: 'FLOW-PAR',
    title: 'Pushed authorization requests are available and, for high-value clients, required',
    severity: 'low',
    area: 'flows',
    process: 'authorization',
    tier: 'T0',
    messages: {
      enforced: 'PAR is available and required for every client (require_pushed_authorization_requests: true).',
      available: 'PAR is available ({{endpoint}}) but not required at server level; per-client enforcement needs T2 evidence.',
      unavailable: 'Pushed authorization requests are not offered.',
      fapiNotEnforced: 'FAPI 2.0 requires PAR for every authorization request, and this server does not require it ({{state}}).',
      clientsEnforced: 'PAR is required for {{enforcement}}.',
      clientsNotEnforced: 'PAR is required for {{share}} high-value client(s) (confidential clients that use the authorization endpoint); not for {{clients}}.',
      fapiClientsNotEnforced: 'FAPI 2.0 requires PAR for every authorization request, and it is not required for {{share}} high-value client(s): {{clients}}.',
      noHighValueClients: 'No enabled confidential client uses the authorization endpoint, so there is no high-value client that PAR should protect.',
    },
    rationale:
      'PAR moves the authorization request to the back channel, protecting its integrity and confidentiality and keeping large or sensitive parameters out of URLs; FAPI 2.0 makes it mandatory.',
    remediation:
      'Enable the PAR endpoint (RFC 9126) and require it, at least for confidential clients that reach high-value APIs (Keycloak client setting "Pushed authorization request required"; Auth0 application `require_pushed_authorization_requests: true`); under FAPI 2.0 require it server-wide (`require_pushed_authorization_requests: true`).',
    references: [
      { spec: 'RFC 9126', section: '2, 5, 6' },
      { spec: 'FAPI 2.0 Security Profile', section: '5.3.2.2' },
    ],
  },
  check(inventory) {
    const fapi = inventory.settings.profile === 'fapi2';
    const servers: Finding[] = forEachAuthorizationServer(inventory, (entry, metadata) => {
      const endpoint = typeof metadata.pushed_authorization_request_endpoint === 'string' ? metadata.pushed_authorization_request_endpoint : undefined;
      const required = entry.as.effective.requirePushedAuthorizationRequests;
      const evidence = { endpoint: endpoint ?? null, required, profile: inventory.settings.profile };
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer, evidence };
      if (endpoint && required) return { ...base, outcome: fapi ? 'pass' : 'info', messageId: 'enforced' };
      if (fapi) {
        return { ...base, outcome: 'fail', severity: 'high', messageId: 'fapiNotEnforced', data: { state: endpoint ? 'available, not required' : 'not offered' } };
      }
      if (endpoint) return { ...base, outcome: 'info', messageId: 'available', data: { endpoint } };
      return { ...base, outcome: 'info', messageId: 'unavailable' };
    });
    // T2: "high-value" clients are the enabled, non-built-in, confidential clients that use the
    // authorization endpoint (authorization code or implicit grant): they act for a person and can
    // protect a pushed request with their client authentication. PAR is enforced for the store when
    // every one of them sets the per-client flag (Keycloak `require.pushed.authorization.requests`,
    // Auth0 `require_pushed_authorization_requests`), or when a server of the store requires it.
    const stores = forEachStoreSection(inventory, (s) => s.clients, (entry, clients) => {
      const base = storeBase(entry);
      const highValue = activeClients(clients).filter((c) => c.builtIn !== true && c.type === 'confidential' && usesGrant(c, FRONT_CHANNEL_GRANTS));
      if (highValue.length === 0) return { ...base, outcome: 'n/a', messageId: 'noHighValueClients', evidence: { clients: clients.length, highValue: 0 } };
      const serverWide = serversOfStore(inventory, entry).filter((s) => s.as.effective.requirePushedAuthorizationRequests && s.as.discovery.metadata?.pushed_authorization_request_endpoint !== undefined);
      const required = highValue.filter((c) => c.parRequired === true).map((c) => c.id);
      const notRequired = highValue.filter((c) => c.parRequired === false).map((c) => c.id);
      const notReported = highValue.filter((c) => c.parRequired === undefined).map((c) => c.id);
      const evidence = {
        highValue: highValue.length,
        required: required.length,
        notRequired: offenderEvidence(notRequired),
        notReported: offenderEvidence(notReported),
        serverWide: serverWide.map((s) => s.as.configuredIssuer),
        profile: inventory.settings.profile,
      };
      if (serverWide.length || (notRequired.length === 0 && notReported.length === 0)) {
        const enforcement = serverWide.length ? `every client: the server requires it (${serverWide.map((s) => s.as.configuredIssuer).join(', ')})` : `all ${highValue.length} high-value client(s) (confidential clients that use the authorization endpoint)`;
        return { ...base, outcome: fapi ? 'pass' : 'info', messageId: 'clientsEnforced', data: { enforcement }, evidence };
      }
      if (notRequired.length) {
        const data = { share: share(required.length, highValue.length), clients: nameOffenders(notRequired) };
        return fapi
          ? { ...base, outcome: 'fail', severity: 'high', messageId: 'fapiClientsNotEnforced', data, evidence }
          : { ...base, outcome: 'info', messageId: 'clientsNotEnforced', data, evidence };
      }
      return {
        ...notObserved(base.targetId, base.subject, { kind: 'not-observed', detail: `${entry.product} does not report whether PAR is required for ${notReported.length} high-value client(s): ${nameOffenders(notReported)}` }),
        evidence,
      };
    });
    return [...servers, ...stores];
  },
});
