import { z } from 'zod';
import {
  activeClients,
  capped,
  describeUriVerdict,
  forEachStoreSection,
  judgeClientUris,
  nameOffenders,
  noCredentialFindings,
  storeBase,
  URI_PROBLEM_TEXT,
  type ClientUriVerdict,
} from '../../src/rules-engine/clients.js';
import { defineRule } from '../../src/rules-engine/define.js';

interface Judged extends ClientUriVerdict {
  inherited: boolean;
  count: number;
  broad: boolean;
}

export default defineRule({
  meta: {
    id: 'SESS-POST-LOGOUT-REDIRECT',
    title: 'Post-logout redirect URIs are exact and registered',
    severity: 'medium',
    area: 'session',
    process: 'user-management',
    tier: 'T2',
    messages: {
      unsafe: '{{count}} of {{clients}} client(s) with post-logout redirect URIs register unsafe values ({{problems}}): {{offenders}}.',
      weak: '{{count}} of {{clients}} client(s) with post-logout redirect URIs register values that deserve review ({{problems}}): {{offenders}}.',
      exact: 'All {{count}} post-logout redirect URI(s) of {{clients}} client(s) are exact https (or loopback) URIs{{inheritNote}}.',
      noPostLogoutUris: 'No enabled client registers a post-logout redirect URI, so the logout endpoint redirects nowhere.',
    },
    rationale:
      'The end-session endpoint redirects to the post_logout_redirect_uri the request names, if it matches a registered value; a wildcard or plain-http value turns logout into an open redirector that phishing pages can use with the provider\'s trusted domain.',
    remediation:
      'Register the exact post-logout URIs each app needs, over https (Keycloak client "Valid post logout redirect URIs", which "+" copies from the redirect URIs, so fix those too; Auth0 application and tenant `allowed_logout_urls`; Okta application `post_logout_redirect_uris`): no `*`, no plain http except loopback, and a short list per client.',
    references: [
      { spec: 'OpenID Connect RP-Initiated Logout 1.0', section: '2, 3' },
      { spec: 'RFC 9700', section: '4.11' },
    ],
    options: z.strictObject({
      /** More post-logout redirect URIs than this on one client is reported as a very broad list. */
      maxUris: z.number().int().min(1).default(10),
    }),
  },
  check(inventory, _graph, options) {
    const stores = forEachStoreSection(inventory, (s) => s.clients, (entry, clients) => {
      const base = storeBase(entry);
      const judged: Judged[] = [];
      for (const c of activeClients(clients)) {
        const registered = c.postLogoutRedirectUris;
        if (registered === undefined || (Array.isArray(registered) && registered.length === 0)) continue;
        // Keycloak "+": the redirect URIs are also the post-logout URIs, so FLOW-REDIRECT-URI-HYGIENE's verdict on them is inherited.
        const inherited = registered === 'same-as-redirect';
        const uris = inherited ? c.redirectUris : registered;
        const verdict = judgeClientUris(c, uris);
        const broad = uris.length > options.maxUris;
        judged.push({ ...verdict, inherited, count: uris.length, broad, outcome: verdict.outcome === 'ok' && broad ? 'warn' : verdict.outcome });
      }
      if (judged.length === 0) return { ...base, outcome: 'n/a', messageId: 'noPostLogoutUris', evidence: { clients: clients.length, withPostLogoutUris: 0 } };
      const failing = judged.filter((j) => j.outcome === 'fail');
      const warning = judged.filter((j) => j.outcome === 'warn');
      const describe = (j: Judged) => {
        const text = j.uris.length ? describeUriVerdict(j) : `${j.client} (${j.count} URIs)`;
        return j.inherited ? `${text} [inherited from the redirect URIs]` : text;
      };
      const problems = (list: Judged[]) =>
        [...new Set(list.flatMap((j) => [...j.uris.flatMap((u) => u.problems.map((p) => URI_PROBLEM_TEXT[p])), ...(j.broad ? [`more than ${options.maxUris} URIs on one client`] : [])]))].join(', ');
      const evidence = {
        withPostLogoutUris: judged.length,
        postLogoutUris: judged.reduce((n, j) => n + j.count, 0),
        inheritedFromRedirect: capped(judged.filter((j) => j.inherited).map((j) => j.client)),
        maxUris: options.maxUris,
        offenders: capped([...failing, ...warning]).map((j) => ({ client: j.client, builtIn: j.builtIn, outcome: j.outcome, inherited: j.inherited, count: j.count, uris: capped(j.uris, 10) })),
      };
      if (failing.length) {
        // A post-logout URI that matches any URL makes the logout endpoint a full open redirector.
        const severity = failing.some((j) => j.global) ? { severity: 'high' as const } : {};
        return { ...base, outcome: 'fail', ...severity, messageId: 'unsafe', data: { count: failing.length, clients: judged.length, problems: problems(failing), offenders: nameOffenders(failing.map(describe)) }, evidence };
      }
      if (warning.length) {
        return { ...base, outcome: 'warn', messageId: 'weak', data: { count: warning.length, clients: judged.length, problems: problems(warning), offenders: nameOffenders(warning.map(describe)) }, evidence };
      }
      const inheritedCount = judged.filter((j) => j.inherited).length;
      return {
        ...base,
        outcome: 'pass',
        messageId: 'exact',
        data: { count: evidence.postLogoutUris, clients: judged.length, inheritNote: inheritedCount ? ` (${inheritedCount} client(s) reuse their redirect URIs)` : '' },
        evidence,
      };
    });
    return [...noCredentialFindings(inventory), ...stores];
  },
});
