import { defineRule, notObserved } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer, list } from '../../src/rules-engine/subjects.js';

const KNOWN_KTY = new Set(['RSA', 'EC', 'OKP']);
/** No answer at all: the set's state is not observed. A TLS failure is an answer: clients cannot fetch either. */
const UNANSWERED = new Set(['CONNECT_TIMEOUT', 'TIMEOUT', 'DNS', 'CONNECTION_REFUSED', 'NETWORK', 'ABORTED', 'BUDGET_EXHAUSTED', 'RATE_LIMITED', 'ADDRESS_BLOCKED', 'HOST_NOT_ALLOWED']);

export default defineRule({
  meta: {
    id: 'KEY-JWKS-VALID',
    title: 'The JWKS is reachable and well-formed',
    severity: 'critical',
    area: 'keys',
    process: 'authentication',
    tier: 'T0',
    messages: {
      valid: 'The JWKS holds {{count}} well-formed key(s) ({{ktys}}).',
      validWrongType: 'The JWKS holds {{count}} well-formed key(s) but is served as {{contentType}} instead of JSON.',
      invalid: 'The JWKS is not usable: {{problems}}.',
      validOffline: 'Not observed: the saved JWKS holds {{count}} well-formed key(s), but whether jwks_uri serves it cannot be seen offline.',
    },
    rationale: 'Relying parties validate ID tokens and signed responses with these keys; an unreachable or malformed set breaks every login.',
    remediation: 'Serve the JWK Set at jwks_uri over https with status 200, a JSON content type and a non-empty `keys` array of RSA, EC or OKP keys.',
    references: [
      { spec: 'RFC 7517', section: '4.1, 5' },
      { spec: 'OpenID Connect Discovery 1.0', section: '3' },
      { spec: 'FAPI 2.0 Security Profile', section: '5.4.2' },
    ],
  },
  check(inventory) {
    return forEachAuthorizationServer(inventory, (entry) => {
      const subject = entry.as.configuredIssuer;
      const jwks = entry.as.jwks;
      if (jwks.state === 'unknown') return notObserved(entry.targetId, subject, jwks.reason);
      const { document, keys, problems: setProblems } = jwks.value;
      if (document.error && UNANSWERED.has(document.error.code)) {
        return notObserved(entry.targetId, subject, { kind: 'collection-error', detail: `${document.error.code}: ${document.error.message}`, error: document.error });
      }
      const problems = [...setProblems];
      if (document.error) problems.unshift(`${document.error.code}: ${document.error.message}`);
      else if (document.problem === 'http-status') problems.unshift(`HTTP ${document.status ?? '?'}`);
      else if (document.problem === 'invalid-json') problems.unshift('the body is not JSON');
      for (const key of keys) {
        if (key.problem) problems.push(`key ${key.index}${key.kid ? ` (${key.kid})` : ''}: ${key.problem}`);
        else if (key.kty && !KNOWN_KTY.has(key.kty) && key.kty !== 'oct') problems.push(`key ${key.index}: unrecognised kty ${key.kty}`);
      }
      const ktys = [...new Set(keys.map((k) => k.kty ?? '?'))].sort();
      const evidence = { status: document.status ?? null, contentType: document.contentType ?? null, keys: keys.length, ktys, problems };
      const base = { targetId: entry.targetId, subject, evidence };
      if (problems.length) return { ...base, outcome: 'fail', messageId: 'invalid', data: { problems: list(problems) } };
      if (entry.as.discovery.offline) {
        return {
          ...notObserved(entry.targetId, subject, { kind: 'offline', detail: 'evaluated from a saved JWKS: reachability at jwks_uri was not observed' }),
          messageId: 'validOffline',
          data: { count: keys.length },
          evidence,
        };
      }
      if (document.problem === 'content-type') {
        return { ...base, outcome: 'warn', severity: 'low', messageId: 'validWrongType', data: { count: keys.length, contentType: document.contentType ?? 'no content type' } };
      }
      return { ...base, outcome: 'pass', messageId: 'valid', data: { count: keys.length, ktys: list(ktys) } };
    });
  },
});
