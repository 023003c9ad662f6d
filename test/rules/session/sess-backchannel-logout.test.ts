import rule from '../../../rules/session/sess-backchannel-logout.js';
import { asInventory, baseMetadata, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { oauthMetadata, rfc8414Served, without } from '../support.js';

const NO_BACKCHANNEL = without(baseMetadata(), 'backchannel_logout_supported');
const meta = (members: Record<string, unknown>) => asInventory({ metadata: { ...NO_BACKCHANNEL, ...members } });

// Catalog §6 SESS-BACKCHANNEL-LOGOUT (Back-Channel Logout §2.1; Front-Channel Logout §3; Session
// Management §3.3, §5.1): PASS if back-channel logout is supported; WARN if only front-channel logout or the
// session iframe is offered; INFO if none. §1.4: the *_logout_supported flags default to false.
testRule(rule, [
  {
    name: 'back-channel logout with session ids passes',
    inventory: meta({ backchannel_logout_supported: true, backchannel_logout_session_supported: true }),
    expected: [{ outcome: 'pass', messageId: 'backchannel', messageIncludes: ['with session ids (sid)'] }],
  },
  {
    name: 'back-channel logout next to front-channel logout and the iframe passes',
    inventory: meta({ backchannel_logout_supported: true, frontchannel_logout_supported: true, check_session_iframe: `${ISSUER}/check-session` }),
    expected: [{ outcome: 'pass', messageId: 'backchannel', evidence: { frontchannelLogoutSupported: true, checkSessionIframe: true } }],
  },
  {
    name: 'only front-channel logout (back-channel absent, default false) warns',
    inventory: meta({ frontchannel_logout_supported: true, frontchannel_logout_session_supported: true }),
    expected: [{ outcome: 'warn', messageId: 'browserOnly', messageIncludes: ['front-channel logout'] }],
  },
  {
    name: 'only the session-management iframe warns',
    inventory: meta({ check_session_iframe: `${ISSUER}/check-session` }),
    expected: [{ outcome: 'warn', messageId: 'browserOnly', messageIncludes: ['session-management iframe'] }],
  },
  {
    name: 'no logout propagation at all: INFO',
    inventory: asInventory({ metadata: NO_BACKCHANNEL }),
    expected: [{ outcome: 'info', messageId: 'none', evidence: { backchannelLogoutSupported: false } }],
  },
  {
    name: 'back-channel logout explicitly false: INFO none',
    inventory: meta({ backchannel_logout_supported: false }),
    expected: [{ outcome: 'info', messageId: 'none' }],
  },
  {
    name: 'a plain OAuth server (no OpenID Connect) is N/A',
    inventory: asInventory({ metadata: null, rfc8414Exchange: rfc8414Served(oauthMetadata()) }),
    expected: [{ outcome: 'n/a', messageId: 'notOidc' }],
  },
  {
    name: 'no discovery document: unknown (precondition)',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
]);
