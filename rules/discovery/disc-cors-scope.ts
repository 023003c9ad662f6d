import { defineRule, notObserved } from '../../src/rules-engine/define.js';
import type { HttpExchange, JsonDocument, Observation } from '../../src/model/observation.js';
import { forEachAuthorizationServer, list } from '../../src/rules-engine/subjects.js';

function acao(observation: Observation<HttpExchange | JsonDocument>): string | undefined {
  return observation.state === 'observed' ? observation.value.headers['access-control-allow-origin'] : undefined;
}

function answered(observation: Observation<HttpExchange | JsonDocument>): boolean {
  return observation.state === 'observed' && !observation.value.error;
}

export default defineRule({
  meta: {
    id: 'DISC-CORS-SCOPE',
    title: 'CORS is allowed where clients call directly and absent at the authorization endpoint',
    severity: 'medium',
    area: 'discovery',
    process: 'authorization',
    tier: 'T0',
    messages: {
      scoped: 'The authorization endpoint sends no CORS headers; the metadata documents that answered allow cross-origin reads.',
      authorizationCors: 'The authorization endpoint allows cross-origin reads ({{where}}); scripts on other sites could read authorization responses.',
      metadataNoCors: 'The authorization endpoint is correctly CORS-free, but {{documents}} send no Access-Control-Allow-Origin; browser-based clients cannot configure themselves.',
    },
    rationale:
      'CORS at the authorization endpoint lets scripts on other origins read authorization responses; the metadata and keys, in contrast, should be readable by browser-based clients.',
    remediation:
      'Remove CORS headers from the authorization endpoint (including its preflight), and send `Access-Control-Allow-Origin: *` on the discovery document and the JWKS.',
    references: [
      { spec: 'RFC 9700', section: '2.6' },
      { spec: 'FAPI 2.0 Security Profile', section: '5.2.3' },
      { spec: 'OpenID Connect Discovery 1.0', section: '3' },
    ],
  },
  check(inventory) {
    return forEachAuthorizationServer(inventory, (entry) => {
      const { authorizationEndpoint, authorizationPreflight } = entry.as.probes;
      const subject = entry.as.configuredIssuer;
      if (authorizationEndpoint.state === 'unknown') return notObserved(entry.targetId, subject, authorizationEndpoint.reason);
      if (!answered(authorizationEndpoint) && !answered(authorizationPreflight)) {
        return notObserved(entry.targetId, subject, { kind: 'collection-error', detail: 'the authorization endpoint did not answer the CORS probes' });
      }
      const get = acao(authorizationEndpoint);
      const preflight = acao(authorizationPreflight);
      const metadataDoc = entry.as.discovery.answered === 'rfc8414' ? entry.as.discovery.rfc8414 : entry.as.discovery.oidc;
      const jwks = entry.as.jwks.state === 'observed' ? ({ state: 'observed', value: entry.as.jwks.value.document } as const) : entry.as.jwks;
      const evidence = {
        authorizationEndpointGet: get ?? null,
        authorizationEndpointPreflight: preflight ?? null,
        discovery: acao(metadataDoc) ?? null,
        jwks: acao(jwks) ?? null,
      };
      const base = { targetId: entry.targetId, subject, evidence };
      if (get !== undefined || preflight !== undefined) {
        const where = [get !== undefined ? `GET: ${get}` : '', preflight !== undefined ? `preflight: ${preflight}` : ''].filter(Boolean).join('; ');
        return { ...base, outcome: 'fail', messageId: 'authorizationCors', data: { where } };
      }
      const missing: string[] = [];
      if (answered(metadataDoc) && acao(metadataDoc) === undefined) missing.push('the discovery document');
      if (answered(jwks) && acao(jwks) === undefined) missing.push('the JWKS');
      if (missing.length) return { ...base, outcome: 'warn', messageId: 'metadataNoCors', data: { documents: list(missing) } };
      return { ...base, outcome: 'pass', messageId: 'scoped' };
    });
  },
});
