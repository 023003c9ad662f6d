import type { EffectiveMetadata } from '../../src/model/as-facts.js';

/**
 * Effective metadata: what a conformant client must assume, with the defaults of catalog §1.4
 * applied when a member is absent (OIDC Discovery §3, RFC 8414 §2, RFC 9126 §5, RFC 9207 §3,
 * RFC 8705 §3.3, Back-Channel Logout §2.1, Front-Channel Logout §3, CIBA §4). Absent is not false.
 */
export function effectiveMetadata(metadata: Record<string, unknown> | undefined): EffectiveMetadata {
  const m = metadata ?? {};
  const defaulted: string[] = [];
  const malformed: string[] = [];

  const list = (member: string, fallback: string[]): string[] => {
    const value = m[member];
    if (value === undefined) {
      defaulted.push(member);
      return fallback;
    }
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
      malformed.push(member);
      return fallback;
    }
    return value;
  };
  const optionalList = (member: string): string[] | undefined => {
    const value = m[member];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
      malformed.push(member);
      return undefined;
    }
    return value;
  };
  const flag = (member: string, fallback: boolean): boolean => {
    const value = m[member];
    if (value === undefined) {
      defaulted.push(member);
      return fallback;
    }
    if (typeof value !== 'boolean') {
      malformed.push(member);
      return fallback;
    }
    return value;
  };

  const tokenEndpointAuthMethods = list('token_endpoint_auth_methods_supported', ['client_secret_basic']);
  const effective: EffectiveMetadata = {
    grantTypes: list('grant_types_supported', ['authorization_code', 'implicit']),
    responseTypes: list('response_types_supported', []),
    responseModes: list('response_modes_supported', ['query', 'fragment']),
    tokenEndpointAuthMethods,
    tokenEndpointAuthSigningAlgs: list('token_endpoint_auth_signing_alg_values_supported', []),
    revocationEndpointAuthMethods: list('revocation_endpoint_auth_methods_supported', ['client_secret_basic']),
    revocationEndpointAuthSigningAlgs: list('revocation_endpoint_auth_signing_alg_values_supported', []),
    introspectionEndpointAuthMethods: list('introspection_endpoint_auth_methods_supported', ['client_secret_basic']),
    introspectionEndpointAuthSigningAlgs: list('introspection_endpoint_auth_signing_alg_values_supported', []),
    idTokenSigningAlgs: list('id_token_signing_alg_values_supported', []),
    userinfoSigningAlgs: list('userinfo_signing_alg_values_supported', []),
    requestObjectSigningAlgs: list('request_object_signing_alg_values_supported', []),
    subjectTypes: list('subject_types_supported', []),
    requestUriParameterSupported: flag('request_uri_parameter_supported', true),
    requireRequestUriRegistration: flag('require_request_uri_registration', false),
    requestParameterSupported: flag('request_parameter_supported', false),
    claimsParameterSupported: flag('claims_parameter_supported', false),
    backchannelLogoutSupported: flag('backchannel_logout_supported', false),
    backchannelLogoutSessionSupported: flag('backchannel_logout_session_supported', false),
    frontchannelLogoutSupported: flag('frontchannel_logout_supported', false),
    frontchannelLogoutSessionSupported: flag('frontchannel_logout_session_supported', false),
    requirePushedAuthorizationRequests: flag('require_pushed_authorization_requests', false),
    authorizationResponseIssParameterSupported: flag('authorization_response_iss_parameter_supported', false),
    tlsClientCertificateBoundAccessTokens: flag('tls_client_certificate_bound_access_tokens', false),
    backchannelUserCodeParameterSupported: flag('backchannel_user_code_parameter_supported', false),
    defaulted,
    malformed,
  };
  const optional: Array<[keyof EffectiveMetadata, string]> = [
    ['codeChallengeMethods', 'code_challenge_methods_supported'],
    ['dpopSigningAlgs', 'dpop_signing_alg_values_supported'],
    ['scopes', 'scopes_supported'],
    ['claims', 'claims_supported'],
    ['acrValues', 'acr_values_supported'],
    ['promptValues', 'prompt_values_supported'],
    ['backchannelTokenDeliveryModes', 'backchannel_token_delivery_modes_supported'],
  ];
  for (const [key, member] of optional) {
    const value = optionalList(member);
    if (value !== undefined) (effective as unknown as Record<string, unknown>)[key] = value;
  }
  return effective;
}

/** URL-valued members checked by DISC-HTTPS-ENDPOINTS (OIDC Discovery §3, RFC 8414 §2, RFC 8705 §5). */
export const ENDPOINT_MEMBERS = [
  'authorization_endpoint',
  'token_endpoint',
  'userinfo_endpoint',
  'jwks_uri',
  'registration_endpoint',
  'end_session_endpoint',
  'check_session_iframe',
  'revocation_endpoint',
  'introspection_endpoint',
  'pushed_authorization_request_endpoint',
  'device_authorization_endpoint',
  'backchannel_authentication_endpoint',
] as const;

/** A string member's value, or undefined when absent or not a string. */
export function stringMember(metadata: Record<string, unknown> | undefined, member: string): string | undefined {
  const value = metadata?.[member];
  return typeof value === 'string' ? value : undefined;
}
