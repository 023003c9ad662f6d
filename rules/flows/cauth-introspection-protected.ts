import { defineRule, notObserved } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer } from '../../src/rules-engine/subjects.js';

export default defineRule({
  meta: {
    id: 'CAUTH-INTROSPECTION-PROTECTED',
    title: 'Token introspection requires caller authentication',
    severity: 'medium',
    area: 'flows',
    process: 'authorization',
    tier: 'T1',
    messages: {
      protected: 'An unauthenticated introspection request with a random token was refused (HTTP {{status}}).',
      open: 'An unauthenticated introspection request with a random token was answered with HTTP 200: anyone can probe tokens.',
      noEndpoint: 'No introspection endpoint is advertised.',
    },
    rationale:
      'An introspection endpoint that answers anonymous callers can be used to scan for valid tokens and to learn their contents.',
    remediation: 'Require client authentication (or a bearer token) on the introspection endpoint and answer 401 to anonymous callers.',
    references: [{ spec: 'RFC 7662', section: '2.1, 4' }],
  },
  check(inventory) {
    return forEachAuthorizationServer(inventory, (entry, metadata) => {
      const subject = entry.as.configuredIssuer;
      const base = { targetId: entry.targetId, subject };
      if (typeof metadata.introspection_endpoint !== 'string') return { ...base, outcome: 'n/a', messageId: 'noEndpoint' };
      const probe = entry.as.probes.introspection;
      if (probe.state === 'unknown') return notObserved(entry.targetId, subject, probe.reason);
      if (probe.value.error) return notObserved(entry.targetId, subject, { kind: 'collection-error', detail: probe.value.error.message, error: probe.value.error });
      const status = probe.value.status ?? 0;
      const evidence = { status, wwwAuthenticate: probe.value.headers['www-authenticate'] ?? null };
      if (status === 200) return { ...base, outcome: 'fail', messageId: 'open', evidence };
      if (status === 400 || status === 401 || status === 403) return { ...base, outcome: 'pass', messageId: 'protected', data: { status }, evidence };
      return notObserved(entry.targetId, subject, { kind: 'not-observed', detail: `the introspection probe got HTTP ${status}, which does not show whether callers must authenticate` });
    });
  },
});
