import rule from '../../../rules/discovery/disc-https-endpoints.js';
import { asInventory, baseMetadata, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';

const CDN_JWKS = 'https://keys.cdn-provider.net/login/jwks.json';

// Catalog §2 DISC-HTTPS-ENDPOINTS (OIDC Discovery §3, RFC 8414 §2, RFC 9126 §2, RP-Initiated Logout §2.1,
// RFC 8705 §5 aliases): FAIL if any endpoint uses http — critical when token_endpoint or jwks_uri does;
// WARN when an endpoint is outside the issuer's registrable domain and not allow-listed.
testRule(rule, [
  {
    name: 'every endpoint https on the issuer host passes',
    inventory: asInventory({}),
    expected: [{ outcome: 'pass', messageId: 'https', messageIncludes: ['All 6 advertised endpoints'] }],
  },
  {
    name: 'an http userinfo_endpoint fails at high severity',
    inventory: asInventory({ metadata: { ...baseMetadata(), userinfo_endpoint: 'http://login.example.com/userinfo' } }),
    expected: [{ outcome: 'fail', messageId: 'plainHttp', severity: 'high', messageIncludes: ['userinfo_endpoint (http)'] }],
  },
  {
    name: 'an http token_endpoint fails at critical severity',
    inventory: asInventory({ metadata: { ...baseMetadata(), token_endpoint: 'http://login.example.com/token' } }),
    expected: [{ outcome: 'fail', messageId: 'plainHttp', severity: 'critical', messageIncludes: ['token_endpoint (http)'] }],
  },
  {
    name: 'an http jwks_uri fails at critical severity',
    inventory: asInventory({ metadata: { ...baseMetadata(), jwks_uri: 'http://login.example.com/jwks' } }),
    expected: [{ outcome: 'fail', messageId: 'plainHttp', severity: 'critical', messageIncludes: ['jwks_uri (http)'] }],
  },
  {
    name: 'an http PAR endpoint and check_session_iframe both fail and are listed',
    inventory: asInventory({
      metadata: {
        ...baseMetadata(),
        pushed_authorization_request_endpoint: 'http://login.example.com/par',
        check_session_iframe: 'http://login.example.com/check-session',
      },
    }),
    expected: [{ outcome: 'fail', messageId: 'plainHttp', severity: 'high', messageIncludes: ['check_session_iframe (http)', 'pushed_authorization_request_endpoint (http)'] }],
  },
  {
    name: 'an http value inside mtls_endpoint_aliases fails',
    inventory: asInventory({
      metadata: { ...baseMetadata(), mtls_endpoint_aliases: { token_endpoint: 'https://mtls.login.example.com/token', userinfo_endpoint: 'http://mtls.login.example.com/userinfo' } },
    }),
    expected: [{ outcome: 'fail', messageId: 'plainHttp', severity: 'high', messageIncludes: ['mtls_endpoint_aliases.userinfo_endpoint (http)'] }],
  },
  {
    name: 'an endpoint that is not an absolute URL fails',
    inventory: asInventory({ metadata: { ...baseMetadata(), revocation_endpoint: '/revoke' } }),
    expected: [{ outcome: 'fail', messageId: 'plainHttp', messageIncludes: ['revocation_endpoint (not an absolute URL)'] }],
  },
  {
    name: 'endpoints on another host of the issuer registrable domain pass',
    inventory: asInventory({ metadata: { ...baseMetadata(), token_endpoint: 'https://api.example.com/oauth/token', jwks_uri: 'https://keys.example.com/jwks' } }),
    expected: [{ outcome: 'pass', messageId: 'https' }],
  },
  {
    name: 'a JWKS on an unrelated domain that is not allow-listed warns',
    inventory: asInventory({ metadata: { ...baseMetadata(), jwks_uri: CDN_JWKS } }),
    expected: [{ outcome: 'warn', messageId: 'offSite', messageIncludes: ['jwks_uri (keys.cdn-provider.net)'] }],
  },
  {
    name: 'an off-site host named in the target allowHosts passes',
    inventory: asInventory({ metadata: { ...baseMetadata(), jwks_uri: CDN_JWKS }, allowHosts: ['keys.cdn-provider.net'] }),
    expected: [{ outcome: 'pass', messageId: 'https' }],
  },
  {
    name: 'an off-site host allowed by the rule option allowHosts passes',
    inventory: asInventory({ metadata: { ...baseMetadata(), jwks_uri: CDN_JWKS } }),
    options: { allowHosts: ['KEYS.cdn-provider.net'] },
    expected: [{ outcome: 'pass', messageId: 'https', subject: ISSUER }],
  },
  {
    name: 'no discovery document: unknown (precondition)',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
]);
