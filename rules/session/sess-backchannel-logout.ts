import { forEachStoreSection, interactiveClients, nameOffenders, offenderEvidence, percent, serversOfStore, share, storeBase } from '../../src/rules-engine/clients.js';
import { defineRule, notObserved, type Finding } from '../../src/rules-engine/define.js';
import { claimsOpenIdConnect, forEachAuthorizationServer, list } from '../../src/rules-engine/subjects.js';

/**
 * Products whose clients can register a back-channel logout URI, from their documentation: Keycloak
 * (client attribute `backchannel.logout.url`), Auth0 (`oidc_logout.backchannel_logout_urls`).
 */
const BACKCHANNEL_PRODUCTS = new Set(['keycloak', 'auth0']);

export default defineRule({
  meta: {
    id: 'SESS-BACKCHANNEL-LOGOUT',
    title: 'Logout propagates server to server',
    severity: 'medium',
    area: 'session',
    process: 'user-management',
    tier: 'T0',
    messages: {
      backchannel: 'Back-channel logout is supported{{sessionNote}}; whether the clients that hold sessions registered a back-channel URL needs T2 evidence.',
      browserOnly: 'Only browser-based logout propagation is offered ({{mechanisms}}); browsers that block third-party cookies break it.',
      none: 'No logout propagation mechanism is advertised: signing out of one app leaves the others signed in.',
      notOidc: 'The server does not present itself as an OpenID Provider, so OIDC logout propagation does not apply.',
      clientsConfigured: 'All {{count}} interactive client(s) registered a back-channel logout URI.',
      clientsMissing: 'Back-channel logout URIs are registered for {{share}} interactive client(s); missing on {{clients}}{{frontNote}}.',
      noInteractiveClients: 'The store has no enabled interactive client that could hold a session.',
      storeUnsupported: 'The authorization server of this store does not support back-channel logout ({{issuers}}), so clients cannot register it; see the server finding.',
    },
    rationale:
      'When logout does not reach the other apps, their sessions survive; front-channel logout and the session iframe depend on third-party cookies that browsers now block, back-channel logout does not.',
    remediation:
      'Support OpenID Connect Back-Channel Logout 1.0 (`backchannel_logout_supported: true`) and register a back-channel logout URI on every client that keeps a session (Keycloak client "Backchannel logout URL"; Auth0 application `oidc_logout.backchannel_logout_urls`).',
    references: [
      { spec: 'OpenID Connect Back-Channel Logout 1.0', section: '2.1, 2.2' },
      { spec: 'OpenID Connect Front-Channel Logout 1.0', section: '3, 4.1' },
      { spec: 'OpenID Connect Session Management 1.0', section: '3.3, 5.1' },
    ],
  },
  check(inventory) {
    const servers: Finding[] = forEachAuthorizationServer(inventory, (entry, metadata) => {
      const e = entry.as.effective;
      const iframe = typeof metadata.check_session_iframe === 'string';
      const evidence = {
        backchannelLogoutSupported: e.backchannelLogoutSupported,
        backchannelLogoutSessionSupported: e.backchannelLogoutSessionSupported,
        frontchannelLogoutSupported: e.frontchannelLogoutSupported,
        checkSessionIframe: iframe,
      };
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer, evidence };
      if (!claimsOpenIdConnect(entry, metadata)) return { ...base, outcome: 'n/a', messageId: 'notOidc' };
      if (e.backchannelLogoutSupported) {
        return { ...base, outcome: 'pass', messageId: 'backchannel', data: { sessionNote: e.backchannelLogoutSessionSupported ? ' with session ids (sid)' : '' } };
      }
      const browser = [e.frontchannelLogoutSupported ? 'front-channel logout' : '', iframe ? 'session-management iframe' : ''].filter(Boolean);
      if (browser.length) return { ...base, outcome: 'warn', messageId: 'browserOnly', data: { mechanisms: list(browser) } };
      return { ...base, outcome: 'info', messageId: 'none' };
    });
    // T2: the enabled, non-built-in interactive clients (they hold sessions for a person) and whether
    // each registered a back-channel logout URI; judged only where the store supports it.
    const stores = forEachStoreSection(inventory, (s) => s.clients, (entry, clients) => {
      const base = storeBase(entry);
      const interactive = interactiveClients(clients);
      if (interactive.length === 0) return { ...base, outcome: 'n/a', messageId: 'noInteractiveClients', evidence: { clients: clients.length, interactive: 0 } };
      const configured = interactive.filter((c) => c.backchannelLogoutUri !== undefined && c.backchannelLogoutUri !== '');
      const missing = interactive.filter((c) => !configured.includes(c));
      const frontOnly = missing.filter((c) => c.frontchannelLogoutUri !== undefined && c.frontchannelLogoutUri !== '').length;
      const storeServers = serversOfStore(inventory, entry).filter((s) => s.as.discovery.metadata !== undefined);
      const advertised = storeServers.some((s) => s.as.effective.backchannelLogoutSupported);
      const evidence = {
        interactive: interactive.length,
        configured: configured.length,
        sharePercent: percent(configured.length, interactive.length),
        missing: offenderEvidence(missing.map((c) => c.id)),
        frontChannelOnly: frontOnly,
        supportedBy: configured.length ? 'clients' : advertised ? 'metadata' : storeServers.length ? 'none' : BACKCHANNEL_PRODUCTS.has(entry.product) ? 'product' : 'unknown',
      };
      if (!configured.length && !advertised) {
        if (storeServers.length) return { ...base, outcome: 'n/a', messageId: 'storeUnsupported', data: { issuers: storeServers.map((s) => s.as.configuredIssuer).join(', ') }, evidence };
        if (!BACKCHANNEL_PRODUCTS.has(entry.product)) {
          return { ...notObserved(base.targetId, base.subject, { kind: 'not-observed', detail: `whether ${entry.product} supports back-channel logout was not observed: no client registered a URI and no server of this store was scanned` }), evidence };
        }
      }
      if (missing.length === 0) return { ...base, outcome: 'pass', messageId: 'clientsConfigured', data: { count: interactive.length }, evidence };
      const frontNote = frontOnly ? ` (${frontOnly} of them use front-channel logout only, which third-party cookie blocking breaks)` : '';
      return { ...base, outcome: 'warn', messageId: 'clientsMissing', data: { share: share(configured.length, interactive.length), clients: nameOffenders(missing.map((c) => c.id)), frontNote }, evidence };
    });
    return [...servers, ...stores];
  },
});
