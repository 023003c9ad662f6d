import { z } from 'zod';
import { forEachStoreSection, storeBase } from '../../src/rules-engine/clients.js';
import { defineRule, notObserved, type Finding } from '../../src/rules-engine/define.js';
import type { HttpExchange, Observation } from '../../src/model/observation.js';
import { forEachAuthorizationServer, list } from '../../src/rules-engine/subjects.js';
import { ADDRESS_BLOCKED_ERRNO } from '../../src/http/address-guard.js';

const ONE_YEAR = 31_536_000;

/** Probe errors that mean the host was never reached: they say nothing about its TLS configuration. */
function unreached(error: string): boolean {
  return /^(ENOTFOUND|EAI_[A-Z]+|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT)$|^no handshake within /.test(error) || error === ADDRESS_BLOCKED_ERRNO;
}

export function hstsMaxAge(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const match = /(?:^|;)\s*max-age\s*=\s*"?(\d+)"?/i.exec(header);
  return match?.[1] !== undefined ? Number(match[1]) : undefined;
}

export default defineRule({
  meta: {
    id: 'DISC-TLS-BASELINE',
    title: 'TLS 1.2 or later, a valid certificate, and HSTS on browser-facing endpoints',
    severity: 'high',
    area: 'discovery',
    process: 'authentication',
    tier: 'T0',
    messages: {
      baseline: 'TLS baseline met on {{hosts}}: legacy TLS refused, certificates valid, HSTS on browser-facing endpoints.',
      broken: 'TLS baseline broken: {{problems}}.',
      weak: 'TLS is sound but hardening is missing: {{problems}}.',
      sslRequiredNone: 'The store accepts plain http from any address (Keycloak sslRequired "none"): passwords, codes and tokens can cross the network in clear.',
      sslRequiredAll: 'The store requires https for every request (Keycloak sslRequired "all").',
      sslRequiredExternal:
        'The store requires https for requests from public addresses (Keycloak sslRequired "external"); requests from private and loopback addresses may use plain http, so a TLS-terminating proxy in front of it must forward only https.',
    },
    rationale:
      'Accepting TLS 1.0/1.1 or an invalid certificate exposes codes, tokens and passwords to downgrade and interception; without HSTS, a first plain-http visit to the login page can be stripped.',
    remediation:
      'Disable TLS 1.0 and 1.1 (BCP 195), serve a certificate that chains to a trusted root and matches the host, renew well before expiry, send `Strict-Transport-Security: max-age=31536000` (or more) on the login and logout pages, redirect port 80 to https, and set Keycloak\'s realm "Require SSL" (sslRequired) to "all requests" (or at least "external requests").',
    references: [
      { spec: 'FAPI 2.0 Security Profile', section: '5.2.1, 5.2.3' },
      { spec: 'RFC 9325 (BCP 195)', section: '3.1.1' },
      { spec: 'RFC 8996' },
      { spec: 'RFC 6797' },
      { spec: 'OpenID Connect Core 1.0', section: '16.17' },
      { spec: 'OpenID Connect Discovery 1.0', section: '7.1' },
    ],
    options: z.strictObject({
      minHstsMaxAgeSeconds: z.number().int().min(0).default(ONE_YEAR),
      minCertificateDays: z.number().int().min(0).default(14),
    }),
  },
  check(inventory, _graph, options) {
    const servers: Finding[] = forEachAuthorizationServer(inventory, (entry) => {
      const { tls, authorizationEndpoint, endSessionEndpoint, plainHttp } = entry.as.probes;
      if (tls.state === 'unknown') return notObserved(entry.targetId, entry.as.configuredIssuer, tls.reason);
      const broken: string[] = [];
      const weak: string[] = [];
      const untested: string[] = [];
      const notReached: string[] = [];
      for (const host of tls.value) {
        const name = `${host.host}:${host.port}`;
        for (const v of host.versions) {
          if ((v.version === 'TLSv1' || v.version === 'TLSv1.1') && v.accepted) broken.push(`${name} accepts ${v.version}`);
          if ((v.version === 'TLSv1' || v.version === 'TLSv1.1') && v.untestable) untested.push(`${name} ${v.version}`);
        }
        const cert = host.certificate;
        if (!cert) {
          if (host.error && unreached(host.error)) notReached.push(`${name} (${host.error})`);
          else if (host.error) broken.push(`${name}: no TLS handshake succeeded (${host.error})`);
          continue;
        }
        if (!cert.trusted) broken.push(`${name} certificate not trusted (${cert.trustError ?? 'unknown reason'})`);
        if (!cert.hostnameMatch) broken.push(`${name} certificate does not match the host name`);
        if (cert.daysToExpiry < 0) broken.push(`${name} certificate expired ${-cert.daysToExpiry} days ago`);
        else if (cert.daysToExpiry < options.minCertificateDays) weak.push(`${name} certificate expires in ${cert.daysToExpiry} days`);
      }
      const pages: Array<[string, Observation<HttpExchange>]> = [
        ['authorization_endpoint', authorizationEndpoint],
        ['end_session_endpoint', endSessionEndpoint],
      ];
      const hsts: Record<string, number | null> = {};
      for (const [member, page] of pages) {
        if (page.state !== 'observed' || page.value.error || !page.value.url.startsWith('https:')) continue;
        const maxAge = hstsMaxAge(page.value.headers['strict-transport-security']);
        hsts[member] = maxAge ?? null;
        if (maxAge === undefined) weak.push(`no HSTS on ${member}`);
        else if (maxAge < options.minHstsMaxAgeSeconds) weak.push(`HSTS max-age ${maxAge} s on ${member} (below ${options.minHstsMaxAgeSeconds})`);
      }
      if (plainHttp.state === 'observed' && plainHttp.value.behaviour === 'serves-content') {
        weak.push(`http:// on port 80 serves content (status ${plainHttp.value.status ?? '?'}) instead of redirecting to https`);
      }
      const evidence = {
        hosts: tls.value.map((h) => ({
          host: `${h.host}:${h.port}`,
          accepted: h.versions.filter((v) => v.accepted).map((v) => v.version),
          untestable: h.versions.filter((v) => v.untestable).map((v) => v.version),
          certificate: h.certificate ? { trusted: h.certificate.trusted, hostnameMatch: h.certificate.hostnameMatch, daysToExpiry: h.certificate.daysToExpiry, issuer: h.certificate.issuer } : null,
        })),
        hsts,
        port80: plainHttp.state === 'observed' ? plainHttp.value.behaviour : 'not observed',
        untestedLegacyVersions: untested,
        hostsNotReached: notReached,
      };
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer, evidence };
      if (broken.length) return { ...base, outcome: 'fail', messageId: 'broken', data: { problems: list(broken) } };
      if (weak.length) return { ...base, outcome: 'warn', messageId: 'weak', data: { problems: list(weak) } };
      if (tls.value.length === 0) {
        return notObserved(entry.targetId, entry.as.configuredIssuer, { kind: 'not-observed', detail: 'no https host of this server could be probed' });
      }
      if (untested.length || notReached.length) {
        // Legacy versions this runtime cannot offer, or hosts never reached, were not tested: not a pass.
        const detail = [untested.length ? `legacy TLS not testable by this runtime: ${list(untested)}` : '', notReached.length ? `hosts not reached: ${list(notReached)}` : ''].filter(Boolean).join('; ');
        return notObserved(entry.targetId, entry.as.configuredIssuer, { kind: 'not-observed', detail });
      }
      return { ...base, outcome: 'pass', messageId: 'baseline', data: { hosts: list(tls.value.map((h) => `${h.host}:${h.port}`)) } };
    });
    // T2: the store's own transport requirement (Keycloak realm `sslRequired`).
    const stores = forEachStoreSection(inventory, (s) => s.transportSecurity, (entry, transport) => {
      const base = { ...storeBase(entry), evidence: { sslRequired: transport.sslRequired } };
      if (transport.sslRequired === 'none') return { ...base, outcome: 'fail', messageId: 'sslRequiredNone' };
      if (transport.sslRequired === 'all') return { ...base, outcome: 'pass', messageId: 'sslRequiredAll' };
      if (transport.sslRequired === 'external') return { ...base, outcome: 'pass', messageId: 'sslRequiredExternal' };
      // `other`: a value the connector did not recognise; it may or may not allow plain http.
      return { ...notObserved(base.targetId, base.subject, { kind: 'not-observed', detail: 'the realm\'s sslRequired value is none of all, external or none, so whether plain http is accepted is unknown' }), evidence: base.evidence };
    });
    return [...servers, ...stores];
  },
});
