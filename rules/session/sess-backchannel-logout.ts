import { defineRule } from '../../src/rules-engine/define.js';
import { claimsOpenIdConnect, forEachAuthorizationServer, list } from '../../src/rules-engine/subjects.js';

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
    },
    rationale:
      'When logout does not reach the other apps, their sessions survive; front-channel logout and the session iframe depend on third-party cookies that browsers now block, back-channel logout does not.',
    remediation: 'Support OpenID Connect Back-Channel Logout 1.0 (`backchannel_logout_supported: true`) and register back-channel logout URIs on the clients that keep sessions.',
    references: [
      { spec: 'OpenID Connect Back-Channel Logout 1.0', section: '2.1, 2.2' },
      { spec: 'OpenID Connect Front-Channel Logout 1.0', section: '3, 4.1' },
      { spec: 'OpenID Connect Session Management 1.0', section: '3.3, 5.1' },
    ],
  },
  check(inventory) {
    return forEachAuthorizationServer(inventory, (entry, metadata) => {
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
  },
});
