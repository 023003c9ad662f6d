import rule from '../../../rules/discovery/disc-anti-framing.js';
import { asInventory, baseMetadata, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { failedExchange, offlineInventory, page } from '../support.js';

const FA_NONE = { 'content-security-policy': "frame-ancestors 'none'" };

function pages(login: Record<string, string>, logout: Record<string, string> = login) {
  return asInventory({
    exchanges: {
      // The parameterless request gets the error page: it counts (catalog §2 DISC-ANTI-FRAMING, Observe).
      authorizationEndpoint: page(`${ISSUER}/authorize`, { 'content-type': 'text/html', ...login }, 400),
      endSessionEndpoint: page(`${ISSUER}/logout`, { 'content-type': 'text/html', ...logout }),
    },
  });
}

// Catalog §2 DISC-ANTI-FRAMING (RFC 9700 §4.16; CSP Level 2 §7.7 frame-ancestors): PASS if frame-ancestors
// is present and not `*`, or X-Frame-Options is DENY/SAMEORIGIN; WARN if only X-Frame-Options; FAIL if
// neither protects. A frame-ancestors directive supersedes X-Frame-Options (CSP2 §7.7: "the
// X-Frame-Options policy SHOULD be ignored"), so `frame-ancestors *` leaves the page frameable.
testRule(rule, [
  {
    name: "frame-ancestors 'none' on the login error page and the logout page passes",
    inventory: pages(FA_NONE),
    expected: [{ outcome: 'pass', messageId: 'protected', messageIncludes: ['authorization_endpoint, end_session_endpoint'] }],
  },
  {
    name: 'a CSP with several directives is parsed for frame-ancestors',
    inventory: pages({ 'content-security-policy': "default-src 'self'; script-src 'self' 'nonce-abc'; frame-ancestors 'self' https://app.example.com; object-src 'none'" }),
    expected: [{ outcome: 'pass', messageId: 'protected' }],
  },
  {
    name: 'frame-ancestors in the second of two comma-joined CSP policies passes',
    inventory: pages({ 'content-security-policy': "default-src 'self', frame-ancestors 'self'" }),
    expected: [{ outcome: 'pass', messageId: 'protected' }],
  },
  {
    name: 'X-Frame-Options DENY without CSP warns',
    inventory: pages({ 'x-frame-options': 'DENY' }),
    expected: [{ outcome: 'warn', messageId: 'xfoOnly', messageIncludes: ['authorization_endpoint, end_session_endpoint'] }],
  },
  {
    name: 'X-Frame-Options sameorigin (any case) with a CSP lacking frame-ancestors warns',
    inventory: pages({ 'x-frame-options': 'sameorigin', 'content-security-policy': "default-src 'self'" }),
    expected: [{ outcome: 'warn', messageId: 'xfoOnly' }],
  },
  {
    name: 'no framing protection at all fails',
    inventory: pages({}),
    expected: [{ outcome: 'fail', messageId: 'unprotected', messageIncludes: ['authorization_endpoint, end_session_endpoint'] }],
  },
  {
    name: 'frame-ancestors * fails',
    inventory: pages({ 'content-security-policy': 'frame-ancestors *' }),
    expected: [{ outcome: 'fail', messageId: 'unprotected' }],
  },
  {
    name: 'frame-ancestors * with X-Frame-Options DENY fails (CSP overrides X-Frame-Options)',
    inventory: pages({ 'content-security-policy': 'frame-ancestors *', 'x-frame-options': 'DENY' }),
    expected: [{ outcome: 'fail', messageId: 'unprotected' }],
  },
  {
    name: 'the obsolete X-Frame-Options ALLOW-FROM does not protect',
    inventory: pages({ 'x-frame-options': 'ALLOW-FROM https://partner.example.com' }),
    expected: [{ outcome: 'fail', messageId: 'unprotected' }],
  },
  {
    name: 'a protected login page with an unprotected logout page fails on the logout page',
    inventory: pages(FA_NONE, {}),
    expected: [{ outcome: 'fail', messageId: 'unprotected', evidence: { pages: [{ member: 'authorization_endpoint', protection: 'csp' }, { member: 'end_session_endpoint', protection: 'none' }] } }],
  },
  {
    name: 'pages not probed: unknown',
    inventory: asInventory({ metadata: baseMetadata() }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
  {
    name: 'both page fetches failed in transport: unknown (collection error)',
    inventory: asInventory({ exchanges: { authorizationEndpoint: failedExchange(`${ISSUER}/authorize`), endSessionEndpoint: failedExchange(`${ISSUER}/logout`) } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['did not answer'] }],
  },
  {
    name: 'offline evaluation: unknown',
    inventory: offlineInventory(baseMetadata()),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['offline'] }],
  },
]);
