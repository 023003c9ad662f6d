import { z } from 'zod';
import { defineRule } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer, list } from '../../src/rules-engine/subjects.js';

/** Members whose plain-http use puts credentials or signing keys in clear: critical. */
const CRITICAL = new Set(['token_endpoint', 'jwks_uri', 'mtls_endpoint_aliases.token_endpoint']);

export default defineRule({
  meta: {
    id: 'DISC-HTTPS-ENDPOINTS',
    title: 'Every advertised endpoint uses https',
    severity: 'high',
    area: 'discovery',
    process: 'authentication',
    tier: 'T0',
    messages: {
      https: 'All {{count}} advertised endpoints use https on the issuer\'s site.',
      plainHttp: 'Endpoints that do not use https: {{endpoints}}.',
      offSite: 'All endpoints use https, but some are outside the issuer\'s registrable domain and not allow-listed: {{endpoints}}.',
    },
    rationale:
      'Codes, tokens, client credentials and signing keys travel over these endpoints; every one of them MUST use https. Endpoints on an unrelated domain can mean a misconfiguration or metadata an attacker controls.',
    remediation:
      'Serve every endpoint over https. Where an endpoint legitimately lives on another domain (a CDN-hosted JWKS), add that host to the target\'s allowHosts after confirming it belongs to the deployment.',
    references: [
      { spec: 'OpenID Connect Discovery 1.0', section: '3' },
      { spec: 'RFC 8414', section: '2' },
      { spec: 'RFC 9700', section: '2.6' },
      { spec: 'RFC 9126', section: '2' },
      { spec: 'OpenID Connect RP-Initiated Logout 1.0', section: '2.1' },
    ],
    options: z.strictObject({
      /** Hosts accepted off the issuer's registrable domain, besides the target's allowHosts. */
      allowHosts: z.array(z.string()).default([]),
    }),
  },
  check(inventory, _graph, options) {
    const extra = new Set(options.allowHosts.map((h) => h.toLowerCase()));
    return forEachAuthorizationServer(inventory, (entry) => {
      const endpoints = entry.as.endpoints;
      const insecure = endpoints.filter((e) => e.scheme !== 'https');
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer };
      if (insecure.length) {
        const critical = insecure.some((e) => CRITICAL.has(e.member));
        return {
          ...base,
          outcome: 'fail',
          severity: critical ? 'critical' : 'high',
          messageId: 'plainHttp',
          data: { endpoints: list(insecure.map((e) => `${e.member} (${e.parseError ?? e.scheme})`)) },
          evidence: { insecure: insecure.map((e) => ({ member: e.member, url: e.url })) },
        };
      }
      const offSite = endpoints.filter((e) => !e.sameSiteAsIssuer && !e.contactable && !extra.has(e.host));
      if (offSite.length) {
        return {
          ...base,
          outcome: 'warn',
          messageId: 'offSite',
          data: { endpoints: list(offSite.map((e) => `${e.member} (${e.host})`)) },
          evidence: { offSite: offSite.map((e) => ({ member: e.member, host: e.host })) },
        };
      }
      return { ...base, outcome: 'pass', messageId: 'https', data: { count: endpoints.length }, evidence: { endpoints: endpoints.length } };
    });
  },
});
