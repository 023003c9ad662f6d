import { defineRule, notObserved } from '../../src/rules-engine/define.js';
import { authorizationServers } from '../../src/inventory.js';
import type { JsonDocument, Observation } from '../../src/model/observation.js';
import { claimsOpenIdConnect } from '../../src/rules-engine/subjects.js';

/** Transport failures say nothing about what the server publishes; answered failures do. */
const TRANSPORT_CODES = new Set(['CONNECT_TIMEOUT', 'TIMEOUT', 'DNS', 'CONNECTION_REFUSED', 'NETWORK', 'RATE_LIMITED', 'ABORTED', 'BUDGET_EXHAUSTED', 'HOST_NOT_ALLOWED', 'ADDRESS_BLOCKED']);

function describe(doc: Observation<JsonDocument>): string {
  if (doc.state === 'unknown') return `not fetched (${doc.reason.detail})`;
  const d = doc.value;
  if (d.valid) return 'valid';
  if (d.problem === 'error') return `${d.error?.code ?? 'error'}: ${d.error?.message ?? ''}`;
  if (d.problem === 'http-status') return `HTTP ${d.status ?? '?'}${d.location ? ` redirect to ${d.location}` : ''}`;
  if (d.problem === 'content-type') return `JSON served as ${d.contentType ?? 'no content type'}`;
  if (d.problem === 'invalid-json') return `not parsable JSON (content type ${d.contentType ?? 'none'})`;
  return 'JSON but not an object';
}

function unreachable(doc: Observation<JsonDocument>): boolean {
  if (doc.state === 'unknown') return true;
  const d = doc.value;
  if (d.problem === 'error') return TRANSPORT_CODES.has(d.error?.code ?? '');
  // 429 and 5xx after retries: the server did not answer the question.
  return d.problem === 'http-status' && d.status !== undefined && (d.status === 429 || d.status >= 500);
}

export default defineRule({
  meta: {
    id: 'DISC-METADATA-PUBLISHED',
    title: 'Authorization server publishes discovery metadata',
    severity: 'high',
    area: 'discovery',
    process: 'authentication',
    tier: 'T0',
    messages: {
      published: 'Discovery metadata is published ({{forms}}).',
      publishedOffline: 'Not observed: the saved discovery document is a JSON object, but whether it is served at the well-known location with status 200 and a JSON content type cannot be seen offline.',
      onlyRfc8414:
        'Only the RFC 8414 document is served although the server issues ID tokens; clients that use OpenID Connect discovery break (OIDC discovery: {{oidc}}).',
      notPublished: 'No valid discovery document. OIDC discovery: {{oidc}}; RFC 8414: {{rfc8414}}.',
      notJsonOffline: 'The saved discovery document is not a JSON object ({{oidc}}).',
    },
    rationale:
      'Without metadata, clients hard-code endpoints and cannot detect or enable security features (PKCE, PAR, iss); RFC 9700 recommends publishing it and FAPI 2.0 requires it.',
    remediation:
      'Serve `{issuer}/.well-known/openid-configuration` (and, for OAuth clients, `/.well-known/oauth-authorization-server{path}`) with status 200, `Content-Type: application/json` and a JSON object.',
    references: [
      { spec: 'OpenID Connect Discovery 1.0', section: '4.1–4.2' },
      { spec: 'RFC 8414', section: '3' },
      { spec: 'RFC 9700', section: '2.6' },
      { spec: 'FAPI 2.0 Security Profile', section: '5.3.2.1' },
    ],
  },
  check(inventory) {
    return authorizationServers(inventory).map((entry) => {
      const { oidc, rfc8414, answered, offline, metadata } = entry.as.discovery;
      const subject = entry.as.configuredIssuer;
      const evidence = { answered, oidc: describe(oidc), rfc8414: describe(rfc8414), offline };
      const base = { targetId: entry.targetId, subject, evidence };
      if (offline) {
        // Offline, status, content type and the well-known location were not seen: never a pass.
        if (metadata) {
          return { ...notObserved(entry.targetId, subject, { kind: 'offline', detail: 'evaluated from a saved document: its HTTP status, content type and well-known location were not observed' }), messageId: 'publishedOffline', evidence };
        }
        return { ...base, outcome: 'fail' as const, messageId: 'notJsonOffline', data: { oidc: describe(oidc) } };
      }
      if (answered === 'both' || answered === 'oidc') {
        return { ...base, outcome: 'pass' as const, messageId: 'published', data: { forms: answered === 'both' ? 'OpenID Connect and RFC 8414' : 'OpenID Connect' } };
      }
      if (answered === 'rfc8414' && metadata) {
        if (!claimsOpenIdConnect(entry, metadata)) return { ...base, outcome: 'pass' as const, messageId: 'published', data: { forms: 'RFC 8414' } };
        // The WARN needs the OIDC document observed as missing; an unanswered fetch decides nothing.
        if (unreachable(oidc)) {
          return notObserved(entry.targetId, subject, { kind: 'collection-error', detail: `the RFC 8414 document is valid, but the OpenID Connect document could not be fetched (${describe(oidc)})` });
        }
        return { ...base, outcome: 'warn' as const, messageId: 'onlyRfc8414', data: { oidc: describe(oidc) } };
      }
      // FAIL needs both documents observed as missing: one unanswered fetch leaves the outcome open.
      if (unreachable(oidc) || unreachable(rfc8414)) {
        const error = oidc.state === 'observed' ? oidc.value.error : undefined;
        return notObserved(entry.targetId, subject, {
          kind: 'collection-error',
          detail: `${unreachable(oidc) && unreachable(rfc8414) ? 'neither well-known document could be fetched' : 'one well-known document is not valid and the other could not be fetched'} (OIDC: ${describe(oidc)}; RFC 8414: ${describe(rfc8414)})`,
          ...(error ? { error } : {}),
        });
      }
      return { ...base, outcome: 'fail' as const, messageId: 'notPublished', data: { oidc: describe(oidc), rfc8414: describe(rfc8414) } };
    });
  },
});
