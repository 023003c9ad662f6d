import rule from '../../../rules/session/sess-backchannel-logout.js';
import { asInventory, baseMetadata, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { client, ok, storeInventory } from '../../support/store-inventory.js';

const withLogout = (id: string) => client({ id, backchannelLogoutUri: `https://${id}.example.com/backchannel-logout` });
const machine = client({ id: 'batch', grants: ['client_credentials'], serviceAccount: true });
const accountConsole = client({ id: 'account-console', type: 'public', builtIn: true });
import { oauthMetadata, rfc8414Served, without } from '../support.js';

const NO_BACKCHANNEL = without(baseMetadata(), 'backchannel_logout_supported');
const meta = (members: Record<string, unknown>) => asInventory({ metadata: { ...NO_BACKCHANNEL, ...members } });

// Catalog §6 SESS-BACKCHANNEL-LOGOUT (Back-Channel Logout §2.1; Front-Channel Logout §3; Session
// Management §3.3, §5.1): PASS if back-channel logout is supported; WARN if only front-channel logout or the
// session iframe is offered; INFO if none. §1.4: the *_logout_supported flags default to false.
// T2 (per store): the enabled, non-built-in interactive clients without a back-channel logout URI WARN,
// with the share, where the store supports it (a client has one, a server of the store advertises it,
// or the product documents it); N/A when the store's server does not support it.
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
  {
    name: 'T2: every interactive client registered a back-channel URI (machine and built-in clients do not count): pass',
    inventory: storeInventory({ facts: { clients: ok([withLogout('shop'), withLogout('loyalty'), machine, accountConsole]) } }),
    expected: [{ targetId: 'store', subject: 'realm customers', outcome: 'pass', messageId: 'clientsConfigured', messageIncludes: ['All 2 interactive'] }],
  },
  {
    name: 'T2: Keycloak supports it, but two of three interactive clients lack it (one uses front-channel only): warn with the share',
    inventory: storeInventory({ facts: { clients: ok([withLogout('shop'), client({ id: 'loyalty', frontchannelLogoutUri: 'https://loyalty.example.com/fc' }), client({ id: 'blog' })]) } }),
    expected: [
      {
        outcome: 'warn',
        messageId: 'clientsMissing',
        messageIncludes: ['1 of 3 (33 %)', 'loyalty, blog', '1 of them use front-channel logout only'],
        evidence: { sharePercent: 33, missing: { count: 2 }, frontChannelOnly: 1 },
      },
    ],
  },
  {
    name: 'T2: support read from the metadata of the store\'s server (another target): warn when no client registered',
    inventory: storeInventory({ targetId: 'idp', product: 'custom-idp', facts: { issuers: ok([ISSUER]), clients: ok([client({ id: 'shop' })]) } }, { extra: asInventory({}).snapshots }),
    expected: [
      { targetId: 'idp', outcome: 'warn', messageId: 'clientsMissing', evidence: { supportedBy: 'metadata' } },
      { targetId: 'op', outcome: 'pass', messageId: 'backchannel' },
    ],
  },
  {
    name: 'T0 and T2 side by side: the org\'s server does not support back-channel logout: INFO at the server, N/A for the store',
    inventory: storeInventory({ targetId: 'okta', product: 'okta', facts: { scope: { kind: 'org', name: 'acme' }, clients: ok([client({ id: 'shop' })]) }, authorizationServers: [{ metadata: NO_BACKCHANNEL }] }),
    expected: [
      { targetId: 'okta', subject: ISSUER, outcome: 'info', messageId: 'none' },
      { targetId: 'okta', subject: 'org acme', outcome: 'n/a', messageId: 'storeUnsupported' },
    ],
  },
  {
    name: 'T2: no interactive client: N/A',
    inventory: storeInventory({ facts: { clients: ok([machine, accountConsole]) } }),
    expected: [{ outcome: 'n/a', messageId: 'noInteractiveClients' }],
  },
  {
    name: 'T2: a product whose support is not documented, no server scanned and no URI registered: unknown',
    inventory: storeInventory({ product: 'okta', facts: { clients: ok([client({ id: 'shop' })]) } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['whether okta supports back-channel logout'] }],
  },
]);
