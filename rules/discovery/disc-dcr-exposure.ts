import { forEachStoreSection, storeBase } from '../../src/rules-engine/clients.js';
import { defineRule, type Finding } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer } from '../../src/rules-engine/subjects.js';

export default defineRule({
  meta: {
    id: 'DISC-DCR-EXPOSURE',
    title: 'Dynamic client registration is not open to anyone',
    severity: 'medium',
    area: 'discovery',
    process: 'authorization',
    tier: 'T0',
    messages: {
      advertised:
        'A registration endpoint is advertised ({{endpoint}}); whether anyone may register clients can only be read with a read-only admin credential (T2). ciamscan never tests it by registering.',
      notAdvertised: 'No dynamic client registration endpoint is advertised.',
      anonymousOpen: 'Anyone may register clients without an initial access token, and no policy restricts their hosts or redirect URIs ({{detail}}).',
      anonymousRestricted: 'Anonymous client registration is allowed, limited by policy ({{detail}}); registered clients still need review.',
      registrationProtected: 'Client registration requires authentication ({{detail}}).',
    },
    rationale:
      'An open registration endpoint lets anyone mint clients with attacker-chosen redirect URIs, turning the server into an open redirector and enabling client-confusion attacks.',
    remediation:
      'Require an initial access token or software statement for registration (RFC 7591 §3); where anonymous registration must stay, restrict it (Keycloak: client-registration policies "Trusted Hosts" with host and redirect-URI checks, "Max Clients", "Consent Required"; Auth0: keep `flags.enable_dynamic_client_registration` off unless third-party apps need it).',
    references: [
      { spec: 'RFC 7591', section: '3, 5' },
      { spec: 'RFC 9700', section: '4.11.2, 4.15' },
      { spec: 'OpenID Connect Discovery 1.0', section: '3' },
    ],
  },
  check(inventory) {
    const servers: Finding[] = forEachAuthorizationServer(inventory, (entry, metadata) => {
      const endpoint = typeof metadata.registration_endpoint === 'string' ? metadata.registration_endpoint : undefined;
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer };
      if (!endpoint) return { ...base, outcome: 'n/a', messageId: 'notAdvertised', evidence: { registrationEndpoint: null } };
      return { ...base, outcome: 'info', messageId: 'advertised', data: { endpoint }, evidence: { registrationEndpoint: endpoint } };
    });
    // T2: the store's registration policy as read with the admin credential (Keycloak anonymous /
    // authenticated client-registration policies and Trusted Hosts; Auth0 tenant flag). Never tested by POSTing.
    const stores = forEachStoreSection(inventory, (s) => s.clientRegistration, (entry, reg) => {
      const base = { ...storeBase(entry), data: { detail: reg.detail }, evidence: { anonymousAllowed: reg.anonymousAllowed, restricted: reg.restricted, detail: reg.detail } };
      if (reg.anonymousAllowed && !reg.restricted) return { ...base, outcome: 'fail', messageId: 'anonymousOpen' };
      if (reg.anonymousAllowed) return { ...base, outcome: 'warn', messageId: 'anonymousRestricted' };
      return { ...base, outcome: 'pass', messageId: 'registrationProtected' };
    });
    return [...servers, ...stores];
  },
});
