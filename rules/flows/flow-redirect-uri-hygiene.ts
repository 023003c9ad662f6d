import type { HttpExchange } from '../../src/model/observation.js';
import {
  capped,
  describeUriVerdict,
  forEachStoreSection,
  frontChannelClients,
  judgeClientUris,
  nameOffenders,
  storeBase,
  URI_PROBLEM_TEXT,
} from '../../src/rules-engine/clients.js';
import { defineRule, notObserved, type Finding } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer } from '../../src/rules-engine/subjects.js';

/** The host the T1 probe puts in `redirect_uri` (connectors/oidc/collect.ts REDIRECT_PROBE_URI). */
const PROBE_HOST = 'redirect-probe.invalid';

function locationOf(exchange: HttpExchange): URL | undefined {
  const location = exchange.location ?? exchange.headers.location;
  if (!location) return undefined;
  try {
    return new URL(location, exchange.url);
  } catch {
    return undefined;
  }
}

export default defineRule({
  meta: {
    id: 'FLOW-REDIRECT-URI-HYGIENE',
    title: 'Redirect URIs are exact and https, and bad requests are not redirected',
    severity: 'high',
    area: 'flows',
    process: 'authorization',
    tier: 'T1',
    messages: {
      probeRedirected:
        'An authorization request with an unknown client_id and the unregistered redirect_uri https://redirect-probe.invalid/cb was redirected there (HTTP {{status}}): the server is an open redirector.',
      probeRefused: 'An authorization request with an unknown client_id and an unregistered redirect_uri was answered with an error page (HTTP {{status}}), not redirected.',
      probeRedirectedElsewhere: 'An authorization request with an unknown client_id and an unregistered redirect_uri was redirected to {{host}}, not to the unregistered URI (HTTP {{status}}).',
      urisUnsafe: '{{count}} of {{clients}} client(s) using redirects register unsafe redirect URIs ({{problems}}): {{offenders}}.',
      urisWeak: '{{count}} of {{clients}} client(s) using redirects register redirect URIs that deserve review ({{problems}}): {{offenders}}.',
      urisExact: 'All {{count}} redirect URI(s) of the {{clients}} enabled client(s) using redirects are exact https (or loopback) URIs.',
      noRedirectClients: 'No enabled client uses the authorization endpoint, so no redirect URI is in use.',
    },
    rationale:
      'Authorization codes and tokens go to the redirect URI: a wildcard lets an attacker who controls any matching host or path receive them, plain http exposes them on the network, and an authorization server that redirects an invalid request to an unverified URI is an open redirector.',
    remediation:
      'Register complete, exact https redirect URIs: no `*` in host or path (Keycloak: replace `https://app.example.com/*` with the exact callback; Auth0 and Okta: no `*.` subdomain wildcards), plain http only for loopback (127.0.0.1 or [::1], any port) in native apps, and claimed https URIs rather than custom schemes for mobile apps. The server must show an error page, never redirect, when the client or redirect_uri is invalid.',
    references: [
      { spec: 'RFC 9700', section: '2.1, 2.6, 4.1.3, 4.11.2' },
      { spec: 'RFC 6749', section: '4.1.2.1' },
      { spec: 'OAuth 2.1 (draft)', section: '2.3' },
      { spec: 'RFC 8252', section: '7.1, 7.3' },
    ],
  },
  check(inventory) {
    // T1: the single authorization request of catalog §14.2 (random client_id, `.invalid` redirect URI).
    const servers: Finding[] = forEachAuthorizationServer(inventory, (entry) => {
      const subject = entry.as.configuredIssuer;
      const probe = entry.as.probes.redirectUri;
      if (probe.state === 'unknown') return notObserved(entry.targetId, subject, probe.reason);
      const exchange = probe.value;
      if (exchange.error) return notObserved(entry.targetId, subject, { kind: 'collection-error', detail: exchange.error.message, error: exchange.error });
      const status = exchange.status ?? 0;
      const location = locationOf(exchange);
      const evidence = { status, locationHost: location?.hostname ?? null };
      const base = { targetId: entry.targetId, subject, evidence };
      if (status >= 300 && status < 400 && location) {
        if (location.hostname.toLowerCase() === PROBE_HOST) return { ...base, outcome: 'fail', messageId: 'probeRedirected', data: { status } };
        return { ...base, outcome: 'pass', messageId: 'probeRedirectedElsewhere', data: { status, host: location.host } };
      }
      if ((status >= 200 && status < 300) || (status >= 400 && status < 500)) return { ...base, outcome: 'pass', messageId: 'probeRefused', data: { status } };
      return notObserved(entry.targetId, subject, { kind: 'not-observed', detail: `the redirect-URI probe got HTTP ${status}, which does not show how invalid requests are handled` });
    });
    // T2: the registered redirect URIs of every enabled client that uses the authorization endpoint
    // (Keycloak redirectUris, Auth0 callbacks, Okta redirect_uris). Clients without a front-channel
    // grant never redirect, so their URIs are not judged.
    const stores = forEachStoreSection(inventory, (s) => s.clients, (entry, clients) => {
      const base = storeBase(entry);
      const inScope = frontChannelClients(clients);
      if (inScope.length === 0) return { ...base, outcome: 'n/a', messageId: 'noRedirectClients', evidence: { clients: clients.length, redirectClients: 0 } };
      const verdicts = inScope.map((c) => judgeClientUris(c, c.redirectUris));
      const failing = verdicts.filter((v) => v.outcome === 'fail');
      const warning = verdicts.filter((v) => v.outcome === 'warn');
      const uriCount = inScope.reduce((n, c) => n + c.redirectUris.length, 0);
      const problems = (list: typeof verdicts) => [...new Set(list.flatMap((v) => v.uris.flatMap((u) => u.problems.map((p) => URI_PROBLEM_TEXT[p]))))].join(', ');
      const evidence = {
        redirectClients: inScope.length,
        redirectUris: uriCount,
        failing: failing.length,
        warning: warning.length,
        globalWildcards: capped(verdicts.filter((v) => v.global).map((v) => v.client)),
        offenders: capped([...failing, ...warning]).map((v) => ({ client: v.client, builtIn: v.builtIn, outcome: v.outcome, uris: capped(v.uris, 10) })),
      };
      if (failing.length) {
        // A URI that matches any URL hands codes and tokens to anyone: critical.
        const severity = failing.some((v) => v.global) ? ('critical' as const) : undefined;
        return {
          ...base,
          outcome: 'fail',
          ...(severity ? { severity } : {}),
          messageId: 'urisUnsafe',
          data: { count: failing.length, clients: inScope.length, problems: problems(failing), offenders: nameOffenders(failing.map(describeUriVerdict)) },
          evidence,
        };
      }
      if (warning.length) {
        return { ...base, outcome: 'warn', messageId: 'urisWeak', data: { count: warning.length, clients: inScope.length, problems: problems(warning), offenders: nameOffenders(warning.map(describeUriVerdict)) }, evidence };
      }
      return { ...base, outcome: 'pass', messageId: 'urisExact', data: { count: uriCount, clients: inScope.length }, evidence };
    });
    return [...servers, ...stores];
  },
});
