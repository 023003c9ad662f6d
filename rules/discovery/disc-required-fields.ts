import { defineRule } from '../../src/rules-engine/define.js';
import { claimsOpenIdConnect, forEachAuthorizationServer, list } from '../../src/rules-engine/subjects.js';

const OIDC_REQUIRED = [
  'issuer',
  'authorization_endpoint',
  'token_endpoint',
  'jwks_uri',
  'response_types_supported',
  'subject_types_supported',
  'id_token_signing_alg_values_supported',
];
const OIDC_RECOMMENDED = ['userinfo_endpoint', 'scopes_supported', 'claims_supported', 'registration_endpoint'];
/** RFC 8414 §2 for plain OAuth servers: jwks_uri and the OIDC members are optional there. */
const OAUTH_REQUIRED = ['issuer', 'authorization_endpoint', 'token_endpoint', 'response_types_supported'];

export default defineRule({
  meta: {
    id: 'DISC-REQUIRED-FIELDS',
    title: 'Required and recommended metadata members are present',
    severity: 'medium',
    area: 'discovery',
    process: 'authentication',
    tier: 'T0',
    messages: {
      complete: 'All required and recommended {{profile}} metadata members are present.',
      missingRequired: 'Required {{profile}} metadata is missing or wrong: {{problems}}.',
      missingRecommended: 'Required members are present; recommended ones are missing or malformed: {{problems}}.',
    },
    rationale:
      'Standard client libraries read these members; when they are missing, clients fail or fall back to unsafe guesses (for example the implicit grant that an absent grant_types_supported implies).',
    remediation:
      'Publish every REQUIRED member of OpenID Connect Discovery §3 (or RFC 8414 §2 for plain OAuth), include RS256 among the ID-token algorithms, publish the RECOMMENDED members, and omit members with zero elements instead of publishing empty arrays.',
    references: [
      { spec: 'OpenID Connect Discovery 1.0', section: '3, 4.2' },
      { spec: 'RFC 8414', section: '2' },
    ],
  },
  check(inventory) {
    return forEachAuthorizationServer(inventory, (entry, metadata) => {
      const oidc = claimsOpenIdConnect(entry, metadata);
      const effective = entry.as.effective;
      const grants = effective.grantTypes;
      const responseTypes = effective.responseTypes;
      // token_endpoint may be absent only for implicit-only servers; authorization_endpoint only when no grant uses it.
      const implicitOnly = !grants.includes('authorization_code') && !responseTypes.some((rt) => rt.split(/\s+/).includes('code')) &&
        !grants.some((g) => g !== 'implicit');
      const noAuthorizationGrant = !grants.includes('authorization_code') && !grants.includes('implicit');
      const required = (oidc ? OIDC_REQUIRED : OAUTH_REQUIRED).filter(
        (m) => !(m === 'token_endpoint' && implicitOnly) && !(m === 'authorization_endpoint' && noAuthorizationGrant),
      );
      const hard: string[] = required.filter((m) => metadata[m] === undefined).map((m) => `${m} missing`);
      if (oidc && Array.isArray(metadata.id_token_signing_alg_values_supported) && !metadata.id_token_signing_alg_values_supported.includes('RS256')) {
        hard.push('id_token_signing_alg_values_supported lacks RS256');
      }
      const soft: string[] = [];
      if (oidc) soft.push(...OIDC_RECOMMENDED.filter((m) => metadata[m] === undefined).map((m) => `${m} missing`));
      const scopes = metadata.scopes_supported;
      if (oidc && Array.isArray(scopes) && !scopes.includes('openid')) soft.push('scopes_supported lacks openid');
      const empty = Object.entries(metadata).filter(([, v]) => Array.isArray(v) && v.length === 0).map(([k]) => k).sort();
      soft.push(...empty.map((m) => `${m} is an empty array (must be omitted)`));
      soft.push(...effective.malformed.map((m) => `${m} has the wrong type`));
      const profile = oidc ? 'OpenID Connect' : 'RFC 8414';
      const evidence = { profile, missingRequired: hard, recommendedProblems: soft };
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer, evidence };
      if (hard.length) return { ...base, outcome: 'fail', messageId: 'missingRequired', data: { profile, problems: list(hard) } };
      if (soft.length) return { ...base, outcome: 'warn', messageId: 'missingRecommended', data: { profile, problems: list(soft) } };
      return { ...base, outcome: 'pass', messageId: 'complete', data: { profile } };
    });
  },
});
