import { defineRule } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer } from '../../src/rules-engine/subjects.js';

export default defineRule({
  meta: {
    id: 'FLOW-REQUEST-URI-FETCH',
    title: 'The server does not dereference arbitrary request_uri values',
    severity: 'low',
    area: 'flows',
    process: 'authorization',
    tier: 'T0',
    messages: {
      constrained: 'request_uri values cannot point anywhere: {{why}}.',
      open: 'The server may fetch attacker-chosen request_uri URLs: request_uri is supported ({{supported}}), registration of request_uri values is not required ({{registration}}) and PAR is not mandatory.',
    },
    rationale:
      'A server that dereferences any request_uri can be made to send requests to internal or third-party hosts (server-side request forgery, amplification).',
    remediation:
      'Set `require_request_uri_registration: true` (only pre-registered request_uri values), or accept request_uri only from the PAR endpoint (`require_pushed_authorization_requests: true`), or disable request_uri.',
    references: [
      { spec: 'OpenID Connect Discovery 1.0', section: '3' },
      { spec: 'OpenID Connect Core 1.0', section: '6.2' },
      { spec: 'RFC 9101', section: '10.4' },
    ],
  },
  check(inventory) {
    return forEachAuthorizationServer(inventory, (entry) => {
      const e = entry.as.effective;
      const supportedState = e.defaulted.includes('request_uri_parameter_supported') ? 'absent, default true' : String(e.requestUriParameterSupported);
      const registrationState = e.defaulted.includes('require_request_uri_registration') ? 'absent, default false' : String(e.requireRequestUriRegistration);
      const evidence = {
        requestUriParameterSupported: e.requestUriParameterSupported,
        requireRequestUriRegistration: e.requireRequestUriRegistration,
        requirePushedAuthorizationRequests: e.requirePushedAuthorizationRequests,
        defaulted: e.defaulted.filter((m) => ['request_uri_parameter_supported', 'require_request_uri_registration', 'require_pushed_authorization_requests'].includes(m)),
      };
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer, evidence };
      if (!e.requestUriParameterSupported) return { ...base, outcome: 'pass', messageId: 'constrained', data: { why: 'request_uri is not supported' } };
      if (e.requireRequestUriRegistration) return { ...base, outcome: 'pass', messageId: 'constrained', data: { why: 'request_uri values must be pre-registered' } };
      if (e.requirePushedAuthorizationRequests) return { ...base, outcome: 'pass', messageId: 'constrained', data: { why: 'PAR is mandatory, so request_uri only refers to pushed requests' } };
      return { ...base, outcome: 'warn', messageId: 'open', data: { supported: supportedState, registration: registrationState } };
    });
  },
});
