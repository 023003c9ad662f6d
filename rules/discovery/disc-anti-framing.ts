import { defineRule, notObserved } from '../../src/rules-engine/define.js';
import type { HttpExchange, Observation } from '../../src/model/observation.js';
import { forEachAuthorizationServer, list } from '../../src/rules-engine/subjects.js';

type Protection = 'csp' | 'xfo-only' | 'none';

/** `frame-ancestors` from every CSP header value (several policies may be joined by commas). */
export function frameAncestors(csp: string | undefined): string | undefined {
  if (!csp) return undefined;
  for (const directive of csp.split(/[;,]/)) {
    const [name, ...values] = directive.trim().split(/\s+/);
    if (name?.toLowerCase() === 'frame-ancestors') return values.join(' ');
  }
  return undefined;
}

export function framingProtection(headers: Record<string, string>): Protection {
  const ancestors = frameAncestors(headers['content-security-policy']);
  // A frame-ancestors directive supersedes X-Frame-Options (CSP Level 2 §7.7: the X-Frame-Options policy
  // SHOULD be ignored), so `frame-ancestors *` leaves the page frameable whatever X-Frame-Options says.
  if (ancestors !== undefined && ancestors !== '') return ancestors.split(/\s+/).includes('*') ? 'none' : 'csp';
  const xfo = headers['x-frame-options']?.trim().toUpperCase();
  if (xfo === 'DENY' || xfo === 'SAMEORIGIN') return 'xfo-only';
  return 'none';
}

export default defineRule({
  meta: {
    id: 'DISC-ANTI-FRAMING',
    title: 'Login, consent and error pages cannot be framed',
    severity: 'medium',
    area: 'discovery',
    process: 'authentication',
    tier: 'T0',
    messages: {
      protected: 'The pages checked ({{pages}}) forbid framing with CSP frame-ancestors.',
      xfoOnly: 'Framing is forbidden only by X-Frame-Options on {{pages}}; add CSP frame-ancestors (CSP level 2).',
      unprotected: 'Pages that can be framed (no frame-ancestors, no X-Frame-Options): {{pages}}.',
    },
    rationale: 'A login or consent page that can be framed invites clickjacking, which harvests credentials or consent.',
    remediation:
      "Send `Content-Security-Policy: frame-ancestors 'self'` (or 'none') on the authorization, login, consent, error and logout pages; keep `X-Frame-Options: DENY` for old browsers.",
    references: [
      { spec: 'RFC 9700', section: '4.16' },
      { spec: 'OAuth 2.1 (draft)', section: '7.11' },
    ],
  },
  check(inventory) {
    return forEachAuthorizationServer(inventory, (entry) => {
      const subject = entry.as.configuredIssuer;
      const pages: Array<[string, Observation<HttpExchange>]> = [
        ['authorization_endpoint', entry.as.probes.authorizationEndpoint],
        ['end_session_endpoint', entry.as.probes.endSessionEndpoint],
      ];
      const seen = pages.filter(([, p]) => p.state === 'observed' && !p.value.error) as Array<[string, { state: 'observed'; value: HttpExchange }]>;
      if (seen.length === 0) {
        const first = entry.as.probes.authorizationEndpoint;
        return notObserved(entry.targetId, subject, first.state === 'unknown' ? first.reason : { kind: 'collection-error', detail: 'the login and logout pages did not answer' });
      }
      const byPage = seen.map(([member, p]) => ({ member, status: p.value.status ?? null, protection: framingProtection(p.value.headers) }));
      const evidence = { pages: byPage };
      const base = { targetId: entry.targetId, subject, evidence };
      const none = byPage.filter((p) => p.protection === 'none').map((p) => p.member);
      const xfo = byPage.filter((p) => p.protection === 'xfo-only').map((p) => p.member);
      if (none.length) return { ...base, outcome: 'fail', messageId: 'unprotected', data: { pages: list(none) } };
      if (xfo.length) return { ...base, outcome: 'warn', messageId: 'xfoOnly', data: { pages: list(xfo) } };
      return { ...base, outcome: 'pass', messageId: 'protected', data: { pages: list(byPage.map((p) => p.member)) } };
    });
  },
});
