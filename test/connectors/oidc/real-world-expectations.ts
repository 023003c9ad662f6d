/**
 * Test oracle: expected outcome of each discovery / key / logout rule on 14 real OIDC discovery documents,
 * evaluated OFFLINE as `ciamscan oidc --discovery-file <doc> [--jwks-file <jwks>] --issuer <issuer>`.
 *
 * Derived from the standards and from shared/RULES-CATALOG.md (§1, §2–§6), not from any implementation.
 * Reasoning, RSA key sizes, x5c checks, every ambiguity resolved and every place where the oracle departs
 * from the literal catalog text: see REAL-WORLD-EXPECTATIONS.md next to this file.
 *
 * Paths are relative to a fixtures folder holding a copy of shared/real-world (discovery/, jwks/).
 * `why` has one line for every non-pass cell; lines starting with "note (pass):" explain non-obvious passes.
 */

export type ExpectedOutcome = 'pass' | 'fail' | 'warn' | 'info' | 'n/a' | 'unknown';

export interface RealWorldCase {
  file: string;
  issuer: string;
  jwksFile?: string;
  vendor: string;
  expected: Record<string, ExpectedOutcome>;
  why: Record<string, string>;
}

/** The rules tabulated, in table order. Every case has an `expected` entry for each. */
export const REAL_WORLD_RULE_IDS = [
  "DISC-METADATA-PUBLISHED",
  "DISC-ISSUER-EXACT",
  "DISC-REQUIRED-FIELDS",
  "DISC-HTTPS-ENDPOINTS",
  "DISC-DCR-EXPOSURE",
  "FLOW-NO-IMPLICIT",
  "FLOW-NO-ROPC",
  "OIDC-PKCE-S256",
  "FLOW-ISS-RESPONSE-PARAM",
  "FLOW-PAR",
  "FLOW-REQUEST-URI-FETCH",
  "FLOW-CROSS-DEVICE",
  "CAUTH-ASYMMETRIC-METHODS",
  "KEY-JWKS-VALID",
  "KEY-JWKS-PUBLIC-ONLY",
  "KEY-STRENGTH",
  "KEY-KID-USE-HYGIENE",
  "KEY-ID-TOKEN-ALGS",
  "TOKEN-SENDER-CONSTRAINED",
  "SESS-RP-INITIATED-LOGOUT",
  "SESS-BACKCHANNEL-LOGOUT"
] as const;

export const REAL_WORLD_CASES: RealWorldCase[] = [
  {
    file: "discovery/google.json",
    issuer: "https://accounts.google.com",
    jwksFile: "jwks/google.json",
    vendor: "Google",
    expected: {
      "DISC-METADATA-PUBLISHED": "unknown",
      "DISC-ISSUER-EXACT": "pass",
      "DISC-REQUIRED-FIELDS": "warn",
      "DISC-HTTPS-ENDPOINTS": "warn",
      "DISC-DCR-EXPOSURE": "n/a",
      "FLOW-NO-IMPLICIT": "warn",
      "FLOW-NO-ROPC": "pass",
      "OIDC-PKCE-S256": "warn",
      "FLOW-ISS-RESPONSE-PARAM": "warn",
      "FLOW-PAR": "info",
      "FLOW-REQUEST-URI-FETCH": "warn",
      "FLOW-CROSS-DEVICE": "info",
      "CAUTH-ASYMMETRIC-METHODS": "warn",
      "KEY-JWKS-VALID": "unknown",
      "KEY-JWKS-PUBLIC-ONLY": "pass",
      "KEY-STRENGTH": "pass",
      "KEY-KID-USE-HYGIENE": "pass",
      "KEY-ID-TOKEN-ALGS": "pass",
      "TOKEN-SENDER-CONSTRAINED": "warn",
      "SESS-RP-INITIATED-LOGOUT": "fail",
      "SESS-BACKCHANNEL-LOGOUT": "info",
    },
    why: {
      "DISC-METADATA-PUBLISHED":
        "offline: document supplied as a file; HTTP status, Content-Type and the well-known location were not observed (OIDC Discovery §4.2). The body is a JSON object, so nothing observed fails; PASS needs the unobserved conjuncts",
      "DISC-REQUIRED-FIELDS":
        "RECOMMENDED registration_endpoint absent (all REQUIRED members present, RS256 listed)",
      "DISC-HTTPS-ENDPOINTS":
        "all https, but token_endpoint/revocation_endpoint/device_authorization_endpoint (oauth2.googleapis.com), userinfo_endpoint (openidconnect.googleapis.com) and jwks_uri (www.googleapis.com) are outside the issuer registrable domain google.com; no allow-list",
      "DISC-DCR-EXPOSURE":
        "registration_endpoint absent: no dynamic client registration advertised (precondition false)",
      "FLOW-NO-IMPLICIT":
        "response_types_supported contains \"token\", \"code token\", \"token id_token\", \"code token id_token\" (access tokens from the authorization endpoint)",
      "OIDC-PKCE-S256":
        "code_challenge_methods_supported [\"plain\",\"S256\"]: S256 available but plain also advertised",
      "FLOW-ISS-RESPONSE-PARAM":
        "authorization_response_iss_parameter_supported absent -> default false (RFC 9207 §3); no FAPI target so WARN, not FAIL",
      "FLOW-PAR":
        "pushed_authorization_request_endpoint absent: PAR not available (capability signal; FAIL only under a FAPI 2.0 target)",
      "FLOW-REQUEST-URI-FETCH":
        "request_uri_parameter_supported absent -> default true (OIDC Discovery §3), require_request_uri_registration absent -> false, require_pushed_authorization_requests absent -> false",
      "FLOW-CROSS-DEVICE":
        "device grant present: device_authorization_endpoint https://oauth2.googleapis.com/device/code and grant urn:ietf:params:oauth:grant-type:device_code; no CIBA",
      "CAUTH-ASYMMETRIC-METHODS":
        "token_endpoint_auth_methods_supported [\"client_secret_post\",\"client_secret_basic\"]: only shared-secret methods, no private_key_jwt / tls_client_auth / self_signed_tls_client_auth",
      "KEY-JWKS-VALID":
        "offline: the JWKS file is well-formed (2 keys, kty RSA, all parse, none empty), but the HTTP status of jwks_uri was not observed; same rule as DISC-METADATA-PUBLISHED",
      "KEY-STRENGTH":
        "note (pass): 2 RSA keys, 2048 bits each",
      "TOKEN-SENDER-CONSTRAINED":
        "dpop_signing_alg_values_supported absent and tls_client_certificate_bound_access_tokens absent (-> false, RFC 8705 §3.3): no sender-constraining advertised",
      "SESS-RP-INITIATED-LOGOUT":
        "end_session_endpoint absent on an OP that issues ID tokens to browser RPs (authorization_endpoint present, \"openid\" in scopes_supported, response types via the user agent)",
      "SESS-BACKCHANNEL-LOGOUT":
        "backchannel_logout_supported and frontchannel_logout_supported absent (-> false), no check_session_iframe: no logout propagation advertised",
    },
  },
  {
    file: "discovery/entra-common.json",
    issuer: "https://login.microsoftonline.com/common/v2.0",
    jwksFile: "jwks/entra-common.json",
    vendor: "Microsoft Entra ID (common, v2.0)",
    expected: {
      "DISC-METADATA-PUBLISHED": "unknown",
      "DISC-ISSUER-EXACT": "fail",
      "DISC-REQUIRED-FIELDS": "warn",
      "DISC-HTTPS-ENDPOINTS": "warn",
      "DISC-DCR-EXPOSURE": "n/a",
      "FLOW-NO-IMPLICIT": "warn",
      "FLOW-NO-ROPC": "pass",
      "OIDC-PKCE-S256": "fail",
      "FLOW-ISS-RESPONSE-PARAM": "warn",
      "FLOW-PAR": "info",
      "FLOW-REQUEST-URI-FETCH": "pass",
      "FLOW-CROSS-DEVICE": "info",
      "CAUTH-ASYMMETRIC-METHODS": "pass",
      "KEY-JWKS-VALID": "unknown",
      "KEY-JWKS-PUBLIC-ONLY": "pass",
      "KEY-STRENGTH": "pass",
      "KEY-KID-USE-HYGIENE": "pass",
      "KEY-ID-TOKEN-ALGS": "pass",
      "TOKEN-SENDER-CONSTRAINED": "warn",
      "SESS-RP-INITIATED-LOGOUT": "pass",
      "SESS-BACKCHANNEL-LOGOUT": "warn",
    },
    why: {
      "DISC-METADATA-PUBLISHED":
        "offline: document supplied as a file; HTTP status, Content-Type and the well-known location were not observed (OIDC Discovery §4.2). The body is a JSON object, so nothing observed fails; PASS needs the unobserved conjuncts",
      "DISC-ISSUER-EXACT":
        "issuer \"https://login.microsoftonline.com/{tenantid}/v2.0\" is not byte-identical to the URL fetched for, \"https://login.microsoftonline.com/common/v2.0\" (OIDC Discovery §4.3); the {tenantid} template is not even a valid URI (\"{\" \"}\" are not allowed by RFC 3986). A template match may be explained in the message but is still FAIL",
      "DISC-REQUIRED-FIELDS":
        "RECOMMENDED registration_endpoint absent (tenant_region_scope: null is a vendor member, not an empty array, so it does not count)",
      "DISC-HTTPS-ENDPOINTS":
        "all https, but userinfo_endpoint https://graph.microsoft.com/oidc/userinfo is outside the issuer registrable domain microsoftonline.com; no allow-list (non-catalog member rbac_url https://pas.windows.net is off-domain too)",
      "DISC-DCR-EXPOSURE":
        "registration_endpoint absent: no dynamic client registration advertised (precondition false)",
      "FLOW-NO-IMPLICIT":
        "response_types_supported contains \"id_token token\"; also grant_types_supported absent -> default [\"authorization_code\",\"implicit\"] (OIDC Discovery §3, catalog §1.4)",
      "OIDC-PKCE-S256":
        "code_challenge_methods_supported absent: per RFC 8414 §2 \"if omitted, the authorization server does not support PKCE\"; RFC 9700 §2.1.1 requires PKCE support",
      "FLOW-ISS-RESPONSE-PARAM":
        "authorization_response_iss_parameter_supported absent -> default false (RFC 9207 §3); no FAPI target so WARN, not FAIL",
      "FLOW-PAR":
        "pushed_authorization_request_endpoint absent: PAR not available (capability signal; FAIL only under a FAPI 2.0 target)",
      "FLOW-REQUEST-URI-FETCH":
        "note (pass): request_uri_parameter_supported false",
      "FLOW-CROSS-DEVICE":
        "device grant present: device_authorization_endpoint https://login.microsoftonline.com/common/oauth2/v2.0/devicecode (grant_types_supported absent); no CIBA",
      "CAUTH-ASYMMETRIC-METHODS":
        "note (pass): token_endpoint_auth_methods_supported contains \"private_key_jwt\"",
      "KEY-JWKS-VALID":
        "offline: the JWKS file is well-formed (7 keys, kty RSA, all parse, none empty), but the HTTP status of jwks_uri was not observed; same rule as DISC-METADATA-PUBLISHED",
      "KEY-STRENGTH":
        "note (pass): 7 RSA keys, 2048 bits each",
      "KEY-KID-USE-HYGIENE":
        "note (pass): 7 distinct kids, all use \"sig\"; x5c leaf public key equals n/e for all 7 keys (x5t matches too); extra member \"issuer\" is ignorable (RFC 7517 §4)",
      "TOKEN-SENDER-CONSTRAINED":
        "dpop_signing_alg_values_supported absent and tls_client_certificate_bound_access_tokens absent (-> false, RFC 8705 §3.3): no sender-constraining advertised",
      "SESS-BACKCHANNEL-LOGOUT":
        "frontchannel_logout_supported true but backchannel_logout_supported absent (-> false): only front-channel logout (http_logout_supported is the pre-1.0 name of the same thing)",
    },
  },
  {
    file: "discovery/apple.json",
    issuer: "https://appleid.apple.com",
    jwksFile: "jwks/apple.json",
    vendor: "Apple",
    expected: {
      "DISC-METADATA-PUBLISHED": "unknown",
      "DISC-ISSUER-EXACT": "pass",
      "DISC-REQUIRED-FIELDS": "warn",
      "DISC-HTTPS-ENDPOINTS": "pass",
      "DISC-DCR-EXPOSURE": "n/a",
      "FLOW-NO-IMPLICIT": "warn",
      "FLOW-NO-ROPC": "pass",
      "OIDC-PKCE-S256": "fail",
      "FLOW-ISS-RESPONSE-PARAM": "warn",
      "FLOW-PAR": "info",
      "FLOW-REQUEST-URI-FETCH": "warn",
      "FLOW-CROSS-DEVICE": "info",
      "CAUTH-ASYMMETRIC-METHODS": "warn",
      "KEY-JWKS-VALID": "unknown",
      "KEY-JWKS-PUBLIC-ONLY": "pass",
      "KEY-STRENGTH": "pass",
      "KEY-KID-USE-HYGIENE": "pass",
      "KEY-ID-TOKEN-ALGS": "pass",
      "TOKEN-SENDER-CONSTRAINED": "warn",
      "SESS-RP-INITIATED-LOGOUT": "fail",
      "SESS-BACKCHANNEL-LOGOUT": "info",
    },
    why: {
      "DISC-METADATA-PUBLISHED":
        "offline: document supplied as a file; HTTP status, Content-Type and the well-known location were not observed (OIDC Discovery §4.2). The body is a JSON object, so nothing observed fails; PASS needs the unobserved conjuncts",
      "DISC-REQUIRED-FIELDS":
        "RECOMMENDED userinfo_endpoint and registration_endpoint absent",
      "DISC-DCR-EXPOSURE":
        "registration_endpoint absent: no dynamic client registration advertised (precondition false)",
      "FLOW-NO-IMPLICIT":
        "grant_types_supported absent -> default [\"authorization_code\",\"implicit\"] (OIDC Discovery §3, catalog §1.4) although response_types_supported is only [\"code\"]; catalog WARNs on the default (see ambiguity A7)",
      "OIDC-PKCE-S256":
        "code_challenge_methods_supported absent: per RFC 8414 §2 \"if omitted, the authorization server does not support PKCE\"; RFC 9700 §2.1.1 requires PKCE support",
      "FLOW-ISS-RESPONSE-PARAM":
        "authorization_response_iss_parameter_supported absent -> default false (RFC 9207 §3); no FAPI target so WARN, not FAIL",
      "FLOW-PAR":
        "pushed_authorization_request_endpoint absent: PAR not available (capability signal; FAIL only under a FAPI 2.0 target)",
      "FLOW-REQUEST-URI-FETCH":
        "request_uri_parameter_supported absent -> default true (OIDC Discovery §3), require_request_uri_registration absent -> false, require_pushed_authorization_requests absent -> false",
      "FLOW-CROSS-DEVICE":
        "no device_authorization_endpoint, no device_code grant, no backchannel_authentication_endpoint, no ciba grant: cross-device grants absent",
      "CAUTH-ASYMMETRIC-METHODS":
        "token_endpoint_auth_methods_supported [\"client_secret_post\"]: only shared-secret methods, no private_key_jwt / tls_client_auth / self_signed_tls_client_auth (Apple's \"client secret\" is a client-signed ES256 JWT, but the metadata advertises client_secret_post)",
      "KEY-JWKS-VALID":
        "offline: the JWKS file is well-formed (3 keys, kty RSA, all parse, none empty), but the HTTP status of jwks_uri was not observed; same rule as DISC-METADATA-PUBLISHED",
      "KEY-STRENGTH":
        "note (pass): 3 RSA keys, 2048 bits each",
      "TOKEN-SENDER-CONSTRAINED":
        "dpop_signing_alg_values_supported absent and tls_client_certificate_bound_access_tokens absent (-> false, RFC 8705 §3.3): no sender-constraining advertised",
      "SESS-RP-INITIATED-LOGOUT":
        "end_session_endpoint absent on an OP that issues ID tokens to browser RPs (authorization_endpoint present, \"openid\" in scopes_supported, response types via the user agent)",
      "SESS-BACKCHANNEL-LOGOUT":
        "backchannel_logout_supported and frontchannel_logout_supported absent (-> false), no check_session_iframe: no logout propagation advertised",
    },
  },
  {
    file: "discovery/gitlab.json",
    issuer: "https://gitlab.com",
    jwksFile: "jwks/gitlab.json",
    vendor: "GitLab.com",
    expected: {
      "DISC-METADATA-PUBLISHED": "unknown",
      "DISC-ISSUER-EXACT": "pass",
      "DISC-REQUIRED-FIELDS": "warn",
      "DISC-HTTPS-ENDPOINTS": "pass",
      "DISC-DCR-EXPOSURE": "n/a",
      "FLOW-NO-IMPLICIT": "pass",
      "FLOW-NO-ROPC": "fail",
      "OIDC-PKCE-S256": "warn",
      "FLOW-ISS-RESPONSE-PARAM": "warn",
      "FLOW-PAR": "info",
      "FLOW-REQUEST-URI-FETCH": "warn",
      "FLOW-CROSS-DEVICE": "info",
      "CAUTH-ASYMMETRIC-METHODS": "warn",
      "KEY-JWKS-VALID": "unknown",
      "KEY-JWKS-PUBLIC-ONLY": "pass",
      "KEY-STRENGTH": "pass",
      "KEY-KID-USE-HYGIENE": "pass",
      "KEY-ID-TOKEN-ALGS": "pass",
      "TOKEN-SENDER-CONSTRAINED": "warn",
      "SESS-RP-INITIATED-LOGOUT": "fail",
      "SESS-BACKCHANNEL-LOGOUT": "info",
    },
    why: {
      "DISC-METADATA-PUBLISHED":
        "offline: document supplied as a file; HTTP status, Content-Type and the well-known location were not observed (OIDC Discovery §4.2). The body is a JSON object, so nothing observed fails; PASS needs the unobserved conjuncts",
      "DISC-REQUIRED-FIELDS":
        "RECOMMENDED registration_endpoint absent",
      "DISC-DCR-EXPOSURE":
        "registration_endpoint absent: no dynamic client registration advertised (precondition false)",
      "FLOW-NO-IMPLICIT":
        "note (pass): response_types_supported [\"code\"] and grant_types_supported lists no \"implicit\"",
      "FLOW-NO-ROPC":
        "grant_types_supported contains \"password\"",
      "OIDC-PKCE-S256":
        "code_challenge_methods_supported [\"plain\",\"S256\"]: S256 available but plain also advertised",
      "FLOW-ISS-RESPONSE-PARAM":
        "authorization_response_iss_parameter_supported absent -> default false (RFC 9207 §3); no FAPI target so WARN, not FAIL",
      "FLOW-PAR":
        "pushed_authorization_request_endpoint absent: PAR not available (capability signal; FAIL only under a FAPI 2.0 target)",
      "FLOW-REQUEST-URI-FETCH":
        "request_uri_parameter_supported absent -> default true (OIDC Discovery §3), require_request_uri_registration absent -> false, require_pushed_authorization_requests absent -> false",
      "FLOW-CROSS-DEVICE":
        "device grant advertised as grant_types_supported \"device_code\" (not the registered identifier urn:ietf:params:oauth:grant-type:device_code, RFC 8628 §3.4) and no device_authorization_endpoint; no CIBA",
      "CAUTH-ASYMMETRIC-METHODS":
        "token_endpoint_auth_methods_supported [\"client_secret_basic\",\"client_secret_post\"]: only shared-secret methods, no private_key_jwt / tls_client_auth / self_signed_tls_client_auth",
      "KEY-JWKS-VALID":
        "offline: the JWKS file is well-formed (2 keys, kty RSA, all parse, none empty), but the HTTP status of jwks_uri was not observed; same rule as DISC-METADATA-PUBLISHED",
      "KEY-STRENGTH":
        "note (pass): RSA 4096 and 2048 bits",
      "TOKEN-SENDER-CONSTRAINED":
        "dpop_signing_alg_values_supported absent and tls_client_certificate_bound_access_tokens absent (-> false, RFC 8705 §3.3): no sender-constraining advertised",
      "SESS-RP-INITIATED-LOGOUT":
        "end_session_endpoint absent on an OP that issues ID tokens to browser RPs (authorization_endpoint present, \"openid\" in scopes_supported, response types via the user agent)",
      "SESS-BACKCHANNEL-LOGOUT":
        "backchannel_logout_supported and frontchannel_logout_supported absent (-> false), no check_session_iframe: no logout propagation advertised",
    },
  },
  {
    file: "discovery/yahoo.json",
    issuer: "https://api.login.yahoo.com",
    jwksFile: "jwks/yahoo.json",
    vendor: "Yahoo",
    expected: {
      "DISC-METADATA-PUBLISHED": "unknown",
      "DISC-ISSUER-EXACT": "pass",
      "DISC-REQUIRED-FIELDS": "warn",
      "DISC-HTTPS-ENDPOINTS": "pass",
      "DISC-DCR-EXPOSURE": "n/a",
      "FLOW-NO-IMPLICIT": "warn",
      "FLOW-NO-ROPC": "pass",
      "OIDC-PKCE-S256": "fail",
      "FLOW-ISS-RESPONSE-PARAM": "warn",
      "FLOW-PAR": "info",
      "FLOW-REQUEST-URI-FETCH": "pass",
      "FLOW-CROSS-DEVICE": "info",
      "CAUTH-ASYMMETRIC-METHODS": "warn",
      "KEY-JWKS-VALID": "unknown",
      "KEY-JWKS-PUBLIC-ONLY": "pass",
      "KEY-STRENGTH": "fail",
      "KEY-KID-USE-HYGIENE": "pass",
      "KEY-ID-TOKEN-ALGS": "pass",
      "TOKEN-SENDER-CONSTRAINED": "warn",
      "SESS-RP-INITIATED-LOGOUT": "fail",
      "SESS-BACKCHANNEL-LOGOUT": "info",
    },
    why: {
      "DISC-METADATA-PUBLISHED":
        "offline: document supplied as a file; HTTP status, Content-Type and the well-known location were not observed (OIDC Discovery §4.2). The body is a JSON object, so nothing observed fails; PASS needs the unobserved conjuncts",
      "DISC-REQUIRED-FIELDS":
        "RECOMMENDED registration_endpoint absent",
      "DISC-HTTPS-ENDPOINTS":
        "note (pass): all on api.login.yahoo.com; non-standard member token_revocation_endpoint is https on the same host",
      "DISC-DCR-EXPOSURE":
        "registration_endpoint absent: no dynamic client registration advertised (precondition false)",
      "FLOW-NO-IMPLICIT":
        "response_types_supported contains \"token\", \"code token\", \"token id_token\", \"code token id_token\" (grant_types_supported omits implicit, but the response types decide)",
      "OIDC-PKCE-S256":
        "code_challenge_methods_supported absent: per RFC 8414 §2 \"if omitted, the authorization server does not support PKCE\"; RFC 9700 §2.1.1 requires PKCE support",
      "FLOW-ISS-RESPONSE-PARAM":
        "authorization_response_iss_parameter_supported absent -> default false (RFC 9207 §3); no FAPI target so WARN, not FAIL",
      "FLOW-PAR":
        "pushed_authorization_request_endpoint absent: PAR not available (capability signal; FAIL only under a FAPI 2.0 target)",
      "FLOW-REQUEST-URI-FETCH":
        "note (pass): request_uri_parameter_supported false",
      "FLOW-CROSS-DEVICE":
        "no device_authorization_endpoint, no device_code grant, no backchannel_authentication_endpoint, no ciba grant: cross-device grants absent",
      "CAUTH-ASYMMETRIC-METHODS":
        "token_endpoint_auth_methods_supported [\"client_secret_basic\",\"client_secret_post\"]: only shared-secret methods, no private_key_jwt / tls_client_auth / self_signed_tls_client_auth",
      "KEY-JWKS-VALID":
        "offline: the JWKS file is well-formed (4 keys, kty RSA, EC, all parse, none empty), but the HTTP status of jwks_uri was not observed; same rule as DISC-METADATA-PUBLISHED",
      "KEY-STRENGTH":
        "RSA keys kid \"6ff94cdad11e7c3ac08dc9ec3c44844b87e364f7\", \"0\" and \"4\" have 1024-bit moduli (< 2048, RFC 7518 §3.3); the EC key is P-256",
      "KEY-KID-USE-HYGIENE":
        "note (pass): 4 distinct kids, all use \"sig\", no x5c; kids \"0\" and \"4\" carry the same modulus, which is not ambiguous (either kid selects the same key)",
      "KEY-ID-TOKEN-ALGS":
        "note (pass): [\"ES256\",\"RS256\"], no none, no HS*; FAPI-set offered: ES256",
      "TOKEN-SENDER-CONSTRAINED":
        "dpop_signing_alg_values_supported absent and tls_client_certificate_bound_access_tokens absent (-> false, RFC 8705 §3.3): no sender-constraining advertised",
      "SESS-RP-INITIATED-LOGOUT":
        "end_session_endpoint absent on an OP that issues ID tokens to browser RPs (authorization_endpoint present, \"openid\" in scopes_supported, response types via the user agent)",
      "SESS-BACKCHANNEL-LOGOUT":
        "backchannel_logout_supported and frontchannel_logout_supported absent (-> false), no check_session_iframe: no logout propagation advertised",
    },
  },
  {
    file: "discovery/paypal.json",
    issuer: "https://www.paypal.com",
    jwksFile: "jwks/paypal.json",
    vendor: "PayPal",
    expected: {
      "DISC-METADATA-PUBLISHED": "unknown",
      "DISC-ISSUER-EXACT": "pass",
      "DISC-REQUIRED-FIELDS": "pass",
      "DISC-HTTPS-ENDPOINTS": "pass",
      "DISC-DCR-EXPOSURE": "info",
      "FLOW-NO-IMPLICIT": "info",
      "FLOW-NO-ROPC": "pass",
      "OIDC-PKCE-S256": "pass",
      "FLOW-ISS-RESPONSE-PARAM": "warn",
      "FLOW-PAR": "info",
      "FLOW-REQUEST-URI-FETCH": "warn",
      "FLOW-CROSS-DEVICE": "info",
      "CAUTH-ASYMMETRIC-METHODS": "warn",
      "KEY-JWKS-VALID": "unknown",
      "KEY-JWKS-PUBLIC-ONLY": "pass",
      "KEY-STRENGTH": "pass",
      "KEY-KID-USE-HYGIENE": "fail",
      "KEY-ID-TOKEN-ALGS": "warn",
      "TOKEN-SENDER-CONSTRAINED": "warn",
      "SESS-RP-INITIATED-LOGOUT": "fail",
      "SESS-BACKCHANNEL-LOGOUT": "info",
    },
    why: {
      "DISC-METADATA-PUBLISHED":
        "offline: document supplied as a file; HTTP status, Content-Type and the well-known location were not observed (OIDC Discovery §4.2). The body is a JSON object, so nothing observed fails; PASS needs the unobserved conjuncts",
      "DISC-ISSUER-EXACT":
        "note (pass): configured issuer https://www.paypal.com (panva/wellknown fetched https://www.paypal.com/.well-known/openid-configuration). With --issuer https://www.paypalobjects.com this is FAIL (see REAL_WORLD_VARIANTS)",
      "DISC-HTTPS-ENDPOINTS":
        "note (pass): www.paypal.com and api.paypal.com share the registrable domain paypal.com",
      "DISC-DCR-EXPOSURE":
        "registration_endpoint https://api.paypal.com/v1/oauth2/applications advertised; openness needs T2",
      "FLOW-NO-IMPLICIT":
        "response_types_supported [\"code\",\"code id_token\"]: an ID token but no access token from the authorization endpoint, grant_types_supported [\"authorization_code\",\"refresh_token\"] lists no implicit -> INFO",
      "OIDC-PKCE-S256":
        "note (pass): code_challenge_methods_supported [\"RS256\",\"ES256\",\"S256\"] contains S256 and not plain; RS256/ES256 are not registered PKCE methods (RFC 7636 §4.2, IANA) and are ignored",
      "FLOW-ISS-RESPONSE-PARAM":
        "authorization_response_iss_parameter_supported absent -> default false (RFC 9207 §3); no FAPI target so WARN, not FAIL",
      "FLOW-PAR":
        "pushed_authorization_request_endpoint absent: PAR not available (capability signal; FAIL only under a FAPI 2.0 target)",
      "FLOW-REQUEST-URI-FETCH":
        "request_uri_parameter_supported absent -> default true (OIDC Discovery §3), require_request_uri_registration absent -> false, require_pushed_authorization_requests absent -> false",
      "FLOW-CROSS-DEVICE":
        "no device_authorization_endpoint, no device_code grant, no backchannel_authentication_endpoint, no ciba grant: cross-device grants absent",
      "CAUTH-ASYMMETRIC-METHODS":
        "token_endpoint_auth_methods_supported [\"client_secret_basic\"]: only shared-secret methods, no private_key_jwt / tls_client_auth / self_signed_tls_client_auth",
      "KEY-JWKS-VALID":
        "offline: the JWKS file is well-formed (15 keys, kty RSA, EC, OKP, all parse, none empty), but the HTTP status of jwks_uri was not observed; same rule as DISC-METADATA-PUBLISHED; note: OKP x is padded base64 and 5 RSA moduli carry a leading zero octet (both non-conformant, both still parse)",
      "KEY-STRENGTH":
        "note (pass): 7 RSA keys all 2048 bits (5 encoded with a leading 0x00 octet, i.e. 257 bytes); 7 EC P-256; 1 OKP X25519",
      "KEY-KID-USE-HYGIENE":
        "signing keys (RSA, use \"sig\") and an encryption key (kid 753778214125442a472d4b6150645367, OKP X25519 = ECDH only, RFC 8037 §3.2) are both present, but 8 keys lack \"use\" (that X25519 key and the 7 EC P-256 keys); OIDC Discovery §3 makes \"use\" REQUIRED for all keys then",
      "KEY-ID-TOKEN-ALGS":
        "id_token_signing_alg_values_supported [\"HS256\",\"RS256\"] lists HS256 (MAC keyed with the client secret)",
      "TOKEN-SENDER-CONSTRAINED":
        "dpop_signing_alg_values_supported absent and tls_client_certificate_bound_access_tokens absent (-> false, RFC 8705 §3.3): no sender-constraining advertised",
      "SESS-RP-INITIATED-LOGOUT":
        "end_session_endpoint absent on an OP that issues ID tokens to browser RPs (authorization_endpoint present, \"openid\" in scopes_supported, response types via the user agent)",
      "SESS-BACKCHANNEL-LOGOUT":
        "backchannel_logout_supported and frontchannel_logout_supported absent (-> false), no check_session_iframe: no logout propagation advertised",
    },
  },
  {
    file: "discovery/slack.json",
    issuer: "https://slack.com",
    vendor: "Slack",
    expected: {
      "DISC-METADATA-PUBLISHED": "unknown",
      "DISC-ISSUER-EXACT": "pass",
      "DISC-REQUIRED-FIELDS": "warn",
      "DISC-HTTPS-ENDPOINTS": "pass",
      "DISC-DCR-EXPOSURE": "n/a",
      "FLOW-NO-IMPLICIT": "pass",
      "FLOW-NO-ROPC": "pass",
      "OIDC-PKCE-S256": "fail",
      "FLOW-ISS-RESPONSE-PARAM": "warn",
      "FLOW-PAR": "info",
      "FLOW-REQUEST-URI-FETCH": "warn",
      "FLOW-CROSS-DEVICE": "info",
      "CAUTH-ASYMMETRIC-METHODS": "warn",
      "KEY-JWKS-VALID": "unknown",
      "KEY-JWKS-PUBLIC-ONLY": "unknown",
      "KEY-STRENGTH": "unknown",
      "KEY-KID-USE-HYGIENE": "unknown",
      "KEY-ID-TOKEN-ALGS": "pass",
      "TOKEN-SENDER-CONSTRAINED": "warn",
      "SESS-RP-INITIATED-LOGOUT": "fail",
      "SESS-BACKCHANNEL-LOGOUT": "info",
    },
    why: {
      "DISC-METADATA-PUBLISHED":
        "offline: document supplied as a file; HTTP status, Content-Type and the well-known location were not observed (OIDC Discovery §4.2). The body is a JSON object, so nothing observed fails; PASS needs the unobserved conjuncts",
      "DISC-REQUIRED-FIELDS":
        "RECOMMENDED registration_endpoint absent",
      "DISC-DCR-EXPOSURE":
        "registration_endpoint absent: no dynamic client registration advertised (precondition false)",
      "FLOW-NO-IMPLICIT":
        "note (pass): response_types_supported [\"code\"], grant_types_supported [\"authorization_code\"]",
      "OIDC-PKCE-S256":
        "code_challenge_methods_supported absent: per RFC 8414 §2 \"if omitted, the authorization server does not support PKCE\"; RFC 9700 §2.1.1 requires PKCE support",
      "FLOW-ISS-RESPONSE-PARAM":
        "authorization_response_iss_parameter_supported absent -> default false (RFC 9207 §3); no FAPI target so WARN, not FAIL",
      "FLOW-PAR":
        "pushed_authorization_request_endpoint absent: PAR not available (capability signal; FAIL only under a FAPI 2.0 target)",
      "FLOW-REQUEST-URI-FETCH":
        "request_uri_parameter_supported true (explicit), require_request_uri_registration absent -> false, require_pushed_authorization_requests absent -> false",
      "FLOW-CROSS-DEVICE":
        "no device_authorization_endpoint, no device_code grant, no backchannel_authentication_endpoint, no ciba grant: cross-device grants absent",
      "CAUTH-ASYMMETRIC-METHODS":
        "token_endpoint_auth_methods_supported [\"client_secret_post\",\"client_secret_basic\"]: only shared-secret methods, no private_key_jwt / tls_client_auth / self_signed_tls_client_auth",
      "KEY-JWKS-VALID":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://slack.com/openid/connect/keys)",
      "KEY-JWKS-PUBLIC-ONLY":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://slack.com/openid/connect/keys)",
      "KEY-STRENGTH":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://slack.com/openid/connect/keys)",
      "KEY-KID-USE-HYGIENE":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://slack.com/openid/connect/keys)",
      "TOKEN-SENDER-CONSTRAINED":
        "dpop_signing_alg_values_supported absent and tls_client_certificate_bound_access_tokens absent (-> false, RFC 8705 §3.3): no sender-constraining advertised",
      "SESS-RP-INITIATED-LOGOUT":
        "end_session_endpoint absent on an OP that issues ID tokens to browser RPs (authorization_endpoint present, \"openid\" in scopes_supported, response types via the user agent)",
      "SESS-BACKCHANNEL-LOGOUT":
        "backchannel_logout_supported and frontchannel_logout_supported absent (-> false), no check_session_iframe: no logout propagation advertised",
    },
  },
  {
    file: "discovery/okta-default-authz-server.json",
    issuer: "https://dev-92899796.okta.com/oauth2/default",
    jwksFile: "jwks/okta-default-authz-server.json",
    vendor: "Okta (default custom authorization server)",
    expected: {
      "DISC-METADATA-PUBLISHED": "unknown",
      "DISC-ISSUER-EXACT": "pass",
      "DISC-REQUIRED-FIELDS": "pass",
      "DISC-HTTPS-ENDPOINTS": "pass",
      "DISC-DCR-EXPOSURE": "info",
      "FLOW-NO-IMPLICIT": "warn",
      "FLOW-NO-ROPC": "fail",
      "OIDC-PKCE-S256": "pass",
      "FLOW-ISS-RESPONSE-PARAM": "warn",
      "FLOW-PAR": "info",
      "FLOW-REQUEST-URI-FETCH": "warn",
      "FLOW-CROSS-DEVICE": "info",
      "CAUTH-ASYMMETRIC-METHODS": "pass",
      "KEY-JWKS-VALID": "unknown",
      "KEY-JWKS-PUBLIC-ONLY": "pass",
      "KEY-STRENGTH": "pass",
      "KEY-KID-USE-HYGIENE": "pass",
      "KEY-ID-TOKEN-ALGS": "pass",
      "TOKEN-SENDER-CONSTRAINED": "warn",
      "SESS-RP-INITIATED-LOGOUT": "pass",
      "SESS-BACKCHANNEL-LOGOUT": "info",
    },
    why: {
      "DISC-METADATA-PUBLISHED":
        "offline: document supplied as a file; HTTP status, Content-Type and the well-known location were not observed (OIDC Discovery §4.2). The body is a JSON object, so nothing observed fails; PASS needs the unobserved conjuncts",
      "DISC-DCR-EXPOSURE":
        "registration_endpoint https://dev-92899796.okta.com/oauth2/v1/clients advertised; openness needs T2",
      "FLOW-NO-IMPLICIT":
        "response_types_supported contains \"code token\", \"id_token token\", \"code id_token token\" and grant_types_supported contains \"implicit\"",
      "FLOW-NO-ROPC":
        "grant_types_supported contains \"password\"",
      "OIDC-PKCE-S256":
        "note (pass): code_challenge_methods_supported [\"S256\"]",
      "FLOW-ISS-RESPONSE-PARAM":
        "authorization_response_iss_parameter_supported absent -> default false (RFC 9207 §3); no FAPI target so WARN, not FAIL",
      "FLOW-PAR":
        "pushed_authorization_request_endpoint absent: PAR not available (capability signal; FAIL only under a FAPI 2.0 target)",
      "FLOW-REQUEST-URI-FETCH":
        "request_uri_parameter_supported absent -> default true (OIDC Discovery §3), require_request_uri_registration absent -> false, require_pushed_authorization_requests absent -> false (request_parameter_supported true does not change it)",
      "FLOW-CROSS-DEVICE":
        "device grant present: device_authorization_endpoint .../oauth2/default/v1/device/authorize and grant urn:ietf:params:oauth:grant-type:device_code; no CIBA",
      "CAUTH-ASYMMETRIC-METHODS":
        "note (pass): methods contain \"private_key_jwt\"; \"none\" is also listed (public clients) - reported in the message, PASS takes precedence; no *_auth_signing_alg_values_supported lists",
      "KEY-JWKS-VALID":
        "offline: the JWKS file is well-formed (2 keys, kty RSA, all parse, none empty), but the HTTP status of jwks_uri was not observed; same rule as DISC-METADATA-PUBLISHED",
      "KEY-STRENGTH":
        "note (pass): 2 RSA keys, 2048 bits each",
      "KEY-ID-TOKEN-ALGS":
        "note (pass): id_token_signing_alg_values_supported [\"RS256\"]; HS256/384/512 appear only in request_object_signing_alg_values_supported, which this rule does not grade (request objects are client-signed, not ID tokens)",
      "TOKEN-SENDER-CONSTRAINED":
        "dpop_signing_alg_values_supported absent and tls_client_certificate_bound_access_tokens absent (-> false, RFC 8705 §3.3): no sender-constraining advertised",
      "SESS-BACKCHANNEL-LOGOUT":
        "backchannel_logout_supported and frontchannel_logout_supported absent (-> false), no check_session_iframe: no logout propagation advertised",
    },
  },
  {
    file: "discovery/auth0.json",
    issuer: "https://micronautguides.eu.auth0.com/",
    vendor: "Auth0",
    expected: {
      "DISC-METADATA-PUBLISHED": "unknown",
      "DISC-ISSUER-EXACT": "pass",
      "DISC-REQUIRED-FIELDS": "pass",
      "DISC-HTTPS-ENDPOINTS": "pass",
      "DISC-DCR-EXPOSURE": "info",
      "FLOW-NO-IMPLICIT": "warn",
      "FLOW-NO-ROPC": "pass",
      "OIDC-PKCE-S256": "fail",
      "FLOW-ISS-RESPONSE-PARAM": "warn",
      "FLOW-PAR": "info",
      "FLOW-REQUEST-URI-FETCH": "pass",
      "FLOW-CROSS-DEVICE": "info",
      "CAUTH-ASYMMETRIC-METHODS": "warn",
      "KEY-JWKS-VALID": "unknown",
      "KEY-JWKS-PUBLIC-ONLY": "unknown",
      "KEY-STRENGTH": "unknown",
      "KEY-KID-USE-HYGIENE": "unknown",
      "KEY-ID-TOKEN-ALGS": "warn",
      "TOKEN-SENDER-CONSTRAINED": "warn",
      "SESS-RP-INITIATED-LOGOUT": "fail",
      "SESS-BACKCHANNEL-LOGOUT": "info",
    },
    why: {
      "DISC-METADATA-PUBLISHED":
        "offline: document supplied as a file; HTTP status, Content-Type and the well-known location were not observed (OIDC Discovery §4.2). The body is a JSON object, so nothing observed fails; PASS needs the unobserved conjuncts",
      "DISC-ISSUER-EXACT":
        "note (pass): issuer carries the trailing slash and so does the configured issuer; without the slash this is FAIL (no normalisation, see REAL_WORLD_VARIANTS)",
      "DISC-HTTPS-ENDPOINTS":
        "note (pass): all endpoints on micronautguides.eu.auth0.com; the non-catalog mfa_challenge_endpoint is https on the same host",
      "DISC-DCR-EXPOSURE":
        "registration_endpoint https://micronautguides.eu.auth0.com/oidc/register advertised; openness needs T2 (Auth0 flags.enable_dynamic_client_registration)",
      "FLOW-NO-IMPLICIT":
        "response_types_supported contains \"token\", \"code token\", \"token id_token\", \"code token id_token\"; also grant_types_supported absent -> default [\"authorization_code\",\"implicit\"] (OIDC Discovery §3, catalog §1.4)",
      "OIDC-PKCE-S256":
        "code_challenge_methods_supported absent: per RFC 8414 §2 \"if omitted, the authorization server does not support PKCE\"; RFC 9700 §2.1.1 requires PKCE support",
      "FLOW-ISS-RESPONSE-PARAM":
        "authorization_response_iss_parameter_supported absent -> default false (RFC 9207 §3); no FAPI target so WARN, not FAIL",
      "FLOW-PAR":
        "pushed_authorization_request_endpoint absent: PAR not available (capability signal; FAIL only under a FAPI 2.0 target)",
      "FLOW-REQUEST-URI-FETCH":
        "note (pass): request_uri_parameter_supported false",
      "FLOW-CROSS-DEVICE":
        "no device_authorization_endpoint, no device_code grant, no backchannel_authentication_endpoint, no ciba grant: cross-device grants absent",
      "CAUTH-ASYMMETRIC-METHODS":
        "token_endpoint_auth_methods_supported [\"client_secret_basic\",\"client_secret_post\"]: only shared-secret methods, no private_key_jwt / tls_client_auth / self_signed_tls_client_auth",
      "KEY-JWKS-VALID":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://micronautguides.eu.auth0.com/.well-known/jwks.json)",
      "KEY-JWKS-PUBLIC-ONLY":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://micronautguides.eu.auth0.com/.well-known/jwks.json)",
      "KEY-STRENGTH":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://micronautguides.eu.auth0.com/.well-known/jwks.json)",
      "KEY-KID-USE-HYGIENE":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://micronautguides.eu.auth0.com/.well-known/jwks.json)",
      "KEY-ID-TOKEN-ALGS":
        "id_token_signing_alg_values_supported [\"HS256\",\"RS256\"] lists HS256 (MAC keyed with the client secret)",
      "TOKEN-SENDER-CONSTRAINED":
        "dpop_signing_alg_values_supported absent and tls_client_certificate_bound_access_tokens absent (-> false, RFC 8705 §3.3): no sender-constraining advertised",
      "SESS-RP-INITIATED-LOGOUT":
        "end_session_endpoint absent on an OP that issues ID tokens to browser RPs (authorization_endpoint present, \"openid\" in scopes_supported, response types via the user agent)",
      "SESS-BACKCHANNEL-LOGOUT":
        "backchannel_logout_supported and frontchannel_logout_supported absent (-> false), no check_session_iframe: no logout propagation advertised",
    },
  },
  {
    file: "discovery/aws-cognito.json",
    issuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_ZLiEFD4b6",
    vendor: "Amazon Cognito (2019)",
    expected: {
      "DISC-METADATA-PUBLISHED": "unknown",
      "DISC-ISSUER-EXACT": "pass",
      "DISC-REQUIRED-FIELDS": "warn",
      "DISC-HTTPS-ENDPOINTS": "warn",
      "DISC-DCR-EXPOSURE": "n/a",
      "FLOW-NO-IMPLICIT": "warn",
      "FLOW-NO-ROPC": "pass",
      "OIDC-PKCE-S256": "fail",
      "FLOW-ISS-RESPONSE-PARAM": "warn",
      "FLOW-PAR": "info",
      "FLOW-REQUEST-URI-FETCH": "warn",
      "FLOW-CROSS-DEVICE": "info",
      "CAUTH-ASYMMETRIC-METHODS": "warn",
      "KEY-JWKS-VALID": "unknown",
      "KEY-JWKS-PUBLIC-ONLY": "unknown",
      "KEY-STRENGTH": "unknown",
      "KEY-KID-USE-HYGIENE": "unknown",
      "KEY-ID-TOKEN-ALGS": "pass",
      "TOKEN-SENDER-CONSTRAINED": "warn",
      "SESS-RP-INITIATED-LOGOUT": "fail",
      "SESS-BACKCHANNEL-LOGOUT": "info",
    },
    why: {
      "DISC-METADATA-PUBLISHED":
        "offline: document supplied as a file; HTTP status, Content-Type and the well-known location were not observed (OIDC Discovery §4.2). The body is a JSON object, so nothing observed fails; PASS needs the unobserved conjuncts",
      "DISC-REQUIRED-FIELDS":
        "RECOMMENDED claims_supported and registration_endpoint absent",
      "DISC-HTTPS-ENDPOINTS":
        "all https, but authorization_endpoint, token_endpoint and userinfo_endpoint are on micronautguides.auth.eu-west-1.amazoncognito.com, outside the issuer registrable domain amazonaws.com (jwks_uri is on the issuer host); no allow-list",
      "DISC-DCR-EXPOSURE":
        "registration_endpoint absent: no dynamic client registration advertised (precondition false)",
      "FLOW-NO-IMPLICIT":
        "response_types_supported contains \"token\" and \"token id_token\"; also grant_types_supported absent -> default [\"authorization_code\",\"implicit\"] (OIDC Discovery §3, catalog §1.4)",
      "OIDC-PKCE-S256":
        "code_challenge_methods_supported absent: per RFC 8414 §2 \"if omitted, the authorization server does not support PKCE\"; RFC 9700 §2.1.1 requires PKCE support",
      "FLOW-ISS-RESPONSE-PARAM":
        "authorization_response_iss_parameter_supported absent -> default false (RFC 9207 §3); no FAPI target so WARN, not FAIL",
      "FLOW-PAR":
        "pushed_authorization_request_endpoint absent: PAR not available (capability signal; FAIL only under a FAPI 2.0 target)",
      "FLOW-REQUEST-URI-FETCH":
        "request_uri_parameter_supported absent -> default true (OIDC Discovery §3), require_request_uri_registration absent -> false, require_pushed_authorization_requests absent -> false",
      "FLOW-CROSS-DEVICE":
        "no device_authorization_endpoint, no device_code grant, no backchannel_authentication_endpoint, no ciba grant: cross-device grants absent",
      "CAUTH-ASYMMETRIC-METHODS":
        "token_endpoint_auth_methods_supported [\"client_secret_basic\",\"client_secret_post\"]: only shared-secret methods, no private_key_jwt / tls_client_auth / self_signed_tls_client_auth",
      "KEY-JWKS-VALID":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_ZLiEFD4b6/.well-known/jwks.json)",
      "KEY-JWKS-PUBLIC-ONLY":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_ZLiEFD4b6/.well-known/jwks.json)",
      "KEY-STRENGTH":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_ZLiEFD4b6/.well-known/jwks.json)",
      "KEY-KID-USE-HYGIENE":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_ZLiEFD4b6/.well-known/jwks.json)",
      "TOKEN-SENDER-CONSTRAINED":
        "dpop_signing_alg_values_supported absent and tls_client_certificate_bound_access_tokens absent (-> false, RFC 8705 §3.3): no sender-constraining advertised",
      "SESS-RP-INITIATED-LOGOUT":
        "end_session_endpoint absent on an OP that issues ID tokens to browser RPs (authorization_endpoint present, \"openid\" in scopes_supported, response types via the user agent) (this 2019 document predates Cognito publishing end_session_endpoint)",
      "SESS-BACKCHANNEL-LOGOUT":
        "backchannel_logout_supported and frontchannel_logout_supported absent (-> false), no check_session_iframe: no logout propagation advertised",
    },
  },
  {
    file: "discovery/keycloak-realm.json",
    issuer: "https://identity.mafiasi.de/auth/realms/simple_openid_test",
    jwksFile: "jwks/keycloak-realm.json",
    vendor: "Keycloak (realm simple_openid_test)",
    expected: {
      "DISC-METADATA-PUBLISHED": "unknown",
      "DISC-ISSUER-EXACT": "pass",
      "DISC-REQUIRED-FIELDS": "pass",
      "DISC-HTTPS-ENDPOINTS": "pass",
      "DISC-DCR-EXPOSURE": "info",
      "FLOW-NO-IMPLICIT": "warn",
      "FLOW-NO-ROPC": "fail",
      "OIDC-PKCE-S256": "warn",
      "FLOW-ISS-RESPONSE-PARAM": "warn",
      "FLOW-PAR": "info",
      "FLOW-REQUEST-URI-FETCH": "pass",
      "FLOW-CROSS-DEVICE": "info",
      "CAUTH-ASYMMETRIC-METHODS": "pass",
      "KEY-JWKS-VALID": "unknown",
      "KEY-JWKS-PUBLIC-ONLY": "pass",
      "KEY-STRENGTH": "pass",
      "KEY-KID-USE-HYGIENE": "pass",
      "KEY-ID-TOKEN-ALGS": "warn",
      "TOKEN-SENDER-CONSTRAINED": "pass",
      "SESS-RP-INITIATED-LOGOUT": "pass",
      "SESS-BACKCHANNEL-LOGOUT": "pass",
    },
    why: {
      "DISC-METADATA-PUBLISHED":
        "offline: document supplied as a file; HTTP status, Content-Type and the well-known location were not observed (OIDC Discovery §4.2). The body is a JSON object, so nothing observed fails; PASS needs the unobserved conjuncts",
      "DISC-HTTPS-ENDPOINTS":
        "note (pass): all endpoints and all 8 mtls_endpoint_aliases values are https on identity.mafiasi.de",
      "DISC-DCR-EXPOSURE":
        "registration_endpoint .../clients-registrations/openid-connect advertised; openness needs T2 (client-registration policies)",
      "FLOW-NO-IMPLICIT":
        "response_types_supported contains \"token\", \"id_token token\", \"code token\", \"code id_token token\" and grant_types_supported contains \"implicit\"",
      "FLOW-NO-ROPC":
        "grant_types_supported contains \"password\"",
      "OIDC-PKCE-S256":
        "code_challenge_methods_supported [\"plain\",\"S256\"]: S256 available but plain also advertised",
      "FLOW-ISS-RESPONSE-PARAM":
        "authorization_response_iss_parameter_supported absent -> default false (RFC 9207 §3); no FAPI target so WARN, not FAIL",
      "FLOW-PAR":
        "pushed_authorization_request_endpoint advertised: PAR available; require_pushed_authorization_requests false: not enforced at AS level (per-client flag needs T2)",
      "FLOW-REQUEST-URI-FETCH":
        "note (pass): request_uri_parameter_supported true but require_request_uri_registration true",
      "FLOW-CROSS-DEVICE":
        "device grant (device_authorization_endpoint, urn:ietf:params:oauth:grant-type:device_code) and CIBA (backchannel_authentication_endpoint, urn:openid:params:grant-type:ciba, delivery modes poll/ping) present",
      "CAUTH-ASYMMETRIC-METHODS":
        "note (pass): methods contain \"private_key_jwt\" and \"tls_client_auth\"; no *_auth_signing_alg_values_supported list contains \"none\" (the \"none\" in userinfo/request_object lists is not an auth signing alg)",
      "KEY-JWKS-VALID":
        "offline: the JWKS file is well-formed (1 keys, kty RSA, all parse, none empty), but the HTTP status of jwks_uri was not observed; same rule as DISC-METADATA-PUBLISHED",
      "KEY-STRENGTH":
        "note (pass): 1 RSA key, 2048 bits",
      "KEY-KID-USE-HYGIENE":
        "note (pass): one key, kid and use \"sig\" present; x5c leaf public key equals n/e (x5t and x5t#S256 match)",
      "KEY-ID-TOKEN-ALGS":
        "id_token_signing_alg_values_supported lists HS256, HS384, HS512 (userinfo_signing_alg_values_supported also lists HS*; its \"none\" is allowed by OIDC Discovery §3); no \"none\" for ID tokens. FAPI-set offered: PS256, ES256",
      "TOKEN-SENDER-CONSTRAINED":
        "note (pass): tls_client_certificate_bound_access_tokens true (no DPoP advertised)",
      "SESS-BACKCHANNEL-LOGOUT":
        "note (pass): backchannel_logout_supported true (front-channel and check_session_iframe also present)",
    },
  },
  {
    file: "discovery/pingfederate.json",
    issuer: "https://localhost:9031",
    vendor: "PingFederate",
    expected: {
      "DISC-METADATA-PUBLISHED": "unknown",
      "DISC-ISSUER-EXACT": "pass",
      "DISC-REQUIRED-FIELDS": "warn",
      "DISC-HTTPS-ENDPOINTS": "pass",
      "DISC-DCR-EXPOSURE": "info",
      "FLOW-NO-IMPLICIT": "warn",
      "FLOW-NO-ROPC": "fail",
      "OIDC-PKCE-S256": "fail",
      "FLOW-ISS-RESPONSE-PARAM": "warn",
      "FLOW-PAR": "info",
      "FLOW-REQUEST-URI-FETCH": "pass",
      "FLOW-CROSS-DEVICE": "info",
      "CAUTH-ASYMMETRIC-METHODS": "pass",
      "KEY-JWKS-VALID": "unknown",
      "KEY-JWKS-PUBLIC-ONLY": "unknown",
      "KEY-STRENGTH": "unknown",
      "KEY-KID-USE-HYGIENE": "unknown",
      "KEY-ID-TOKEN-ALGS": "fail",
      "TOKEN-SENDER-CONSTRAINED": "warn",
      "SESS-RP-INITIATED-LOGOUT": "fail",
      "SESS-BACKCHANNEL-LOGOUT": "info",
    },
    why: {
      "DISC-METADATA-PUBLISHED":
        "offline: document supplied as a file; HTTP status, Content-Type and the well-known location were not observed (OIDC Discovery §4.2). The body is a JSON object, so nothing observed fails; PASS needs the unobserved conjuncts",
      "DISC-REQUIRED-FIELDS":
        "RECOMMENDED claims_supported absent",
      "DISC-HTTPS-ENDPOINTS":
        "note (pass): everything on localhost:9031 (no registrable domain; same host as the issuer); proprietary ping_* URLs are https too",
      "DISC-DCR-EXPOSURE":
        "registration_endpoint https://localhost:9031/as/clients.oauth2 advertised; openness needs T2",
      "FLOW-NO-IMPLICIT":
        "response_types_supported contains \"token\", \"code token\", \"token id_token\", \"code token id_token\" and grant_types_supported contains \"implicit\"",
      "FLOW-NO-ROPC":
        "grant_types_supported contains \"password\"",
      "OIDC-PKCE-S256":
        "code_challenge_methods_supported absent: per RFC 8414 §2 \"if omitted, the authorization server does not support PKCE\"; RFC 9700 §2.1.1 requires PKCE support",
      "FLOW-ISS-RESPONSE-PARAM":
        "authorization_response_iss_parameter_supported absent -> default false (RFC 9207 §3); no FAPI target so WARN, not FAIL",
      "FLOW-PAR":
        "pushed_authorization_request_endpoint absent: PAR not available (capability signal; FAIL only under a FAPI 2.0 target)",
      "FLOW-REQUEST-URI-FETCH":
        "note (pass): request_uri_parameter_supported false",
      "FLOW-CROSS-DEVICE":
        "device grant (device_authorization_endpoint, urn:ietf:params:oauth:grant-type:device_code) and CIBA (backchannel_authentication_endpoint, urn:openid:params:grant-type:ciba; backchannel_user_code_parameter_supported false) present",
      "CAUTH-ASYMMETRIC-METHODS":
        "note (pass): methods contain \"private_key_jwt\"; token_endpoint_auth_signing_alg_values_supported has no \"none\"",
      "KEY-JWKS-VALID":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://localhost:9031/pf/JWKS)",
      "KEY-JWKS-PUBLIC-ONLY":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://localhost:9031/pf/JWKS)",
      "KEY-STRENGTH":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://localhost:9031/pf/JWKS)",
      "KEY-KID-USE-HYGIENE":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://localhost:9031/pf/JWKS)",
      "KEY-ID-TOKEN-ALGS":
        "id_token_signing_alg_values_supported contains \"none\" while response_types_supported returns ID tokens from the authorization endpoint (\"id_token\", \"code id_token\", \"token id_token\", \"code token id_token\"); HS256/384/512 also listed. Catalog FAIL kept; the standard forbids *using* none there, see deviation D2",
      "TOKEN-SENDER-CONSTRAINED":
        "dpop_signing_alg_values_supported absent and tls_client_certificate_bound_access_tokens absent (-> false, RFC 8705 §3.3): no sender-constraining advertised",
      "SESS-RP-INITIATED-LOGOUT":
        "end_session_endpoint absent on an OP that issues ID tokens to browser RPs (authorization_endpoint present, \"openid\" in scopes_supported, response types via the user agent); the proprietary ping_end_session_endpoint is not RP-Initiated Logout 1.0 metadata",
      "SESS-BACKCHANNEL-LOGOUT":
        "backchannel_logout_supported and frontchannel_logout_supported absent (-> false), no check_session_iframe: no logout propagation advertised",
    },
  },
  {
    file: "discovery/wso2-apim-keymanager-docs.json",
    issuer: "https://localhost:9443/oauth2/token",
    vendor: "WSO2 API Manager key manager (docs example)",
    expected: {
      "DISC-METADATA-PUBLISHED": "unknown",
      "DISC-ISSUER-EXACT": "pass",
      "DISC-REQUIRED-FIELDS": "pass",
      "DISC-HTTPS-ENDPOINTS": "pass",
      "DISC-DCR-EXPOSURE": "info",
      "FLOW-NO-IMPLICIT": "warn",
      "FLOW-NO-ROPC": "pass",
      "OIDC-PKCE-S256": "fail",
      "FLOW-ISS-RESPONSE-PARAM": "warn",
      "FLOW-PAR": "info",
      "FLOW-REQUEST-URI-FETCH": "warn",
      "FLOW-CROSS-DEVICE": "info",
      "CAUTH-ASYMMETRIC-METHODS": "warn",
      "KEY-JWKS-VALID": "unknown",
      "KEY-JWKS-PUBLIC-ONLY": "unknown",
      "KEY-STRENGTH": "unknown",
      "KEY-KID-USE-HYGIENE": "unknown",
      "KEY-ID-TOKEN-ALGS": "pass",
      "TOKEN-SENDER-CONSTRAINED": "warn",
      "SESS-RP-INITIATED-LOGOUT": "pass",
      "SESS-BACKCHANNEL-LOGOUT": "warn",
    },
    why: {
      "DISC-METADATA-PUBLISHED":
        "offline: document supplied as a file; HTTP status, Content-Type and the well-known location were not observed (OIDC Discovery §4.2). The body is a JSON object, so nothing observed fails; PASS needs the unobserved conjuncts",
      "DISC-HTTPS-ENDPOINTS":
        "note (pass): everything on localhost:9443 (no registrable domain; same host as the issuer)",
      "DISC-DCR-EXPOSURE":
        "registration_endpoint https://localhost:9443/identity/connect/register advertised; openness needs T2",
      "FLOW-NO-IMPLICIT":
        "response_types_supported contains \"id_token token\" and \"token\"; also grant_types_supported absent -> default [\"authorization_code\",\"implicit\"] (OIDC Discovery §3, catalog §1.4)",
      "OIDC-PKCE-S256":
        "code_challenge_methods_supported absent: per RFC 8414 §2 \"if omitted, the authorization server does not support PKCE\"; RFC 9700 §2.1.1 requires PKCE support",
      "FLOW-ISS-RESPONSE-PARAM":
        "authorization_response_iss_parameter_supported absent -> default false (RFC 9207 §3); no FAPI target so WARN, not FAIL",
      "FLOW-PAR":
        "pushed_authorization_request_endpoint absent: PAR not available (capability signal; FAIL only under a FAPI 2.0 target)",
      "FLOW-REQUEST-URI-FETCH":
        "request_uri_parameter_supported absent -> default true (OIDC Discovery §3), require_request_uri_registration absent -> false, require_pushed_authorization_requests absent -> false",
      "FLOW-CROSS-DEVICE":
        "no device_authorization_endpoint, no device_code grant, no backchannel_authentication_endpoint, no ciba grant: cross-device grants absent",
      "CAUTH-ASYMMETRIC-METHODS":
        "token_endpoint_auth_methods_supported absent -> default [\"client_secret_basic\"] (OIDC Discovery §3): only a shared-secret method",
      "KEY-JWKS-VALID":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://localhost:9443/oauth2/jwks)",
      "KEY-JWKS-PUBLIC-ONLY":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://localhost:9443/oauth2/jwks)",
      "KEY-STRENGTH":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://localhost:9443/oauth2/jwks)",
      "KEY-KID-USE-HYGIENE":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://localhost:9443/oauth2/jwks)",
      "TOKEN-SENDER-CONSTRAINED":
        "dpop_signing_alg_values_supported absent and tls_client_certificate_bound_access_tokens absent (-> false, RFC 8705 §3.3): no sender-constraining advertised",
      "SESS-BACKCHANNEL-LOGOUT":
        "check_session_iframe https://localhost:9443/oidc/checksession present, backchannel_logout_supported absent (-> false): only the session-management iframe",
    },
  },
  {
    file: "discovery/salesforce-login-2018.json",
    issuer: "https://login.salesforce.com",
    vendor: "Salesforce (login.salesforce.com, 2018)",
    expected: {
      "DISC-METADATA-PUBLISHED": "unknown",
      "DISC-ISSUER-EXACT": "pass",
      "DISC-REQUIRED-FIELDS": "warn",
      "DISC-HTTPS-ENDPOINTS": "pass",
      "DISC-DCR-EXPOSURE": "n/a",
      "FLOW-NO-IMPLICIT": "warn",
      "FLOW-NO-ROPC": "pass",
      "OIDC-PKCE-S256": "fail",
      "FLOW-ISS-RESPONSE-PARAM": "warn",
      "FLOW-PAR": "info",
      "FLOW-REQUEST-URI-FETCH": "warn",
      "FLOW-CROSS-DEVICE": "info",
      "CAUTH-ASYMMETRIC-METHODS": "pass",
      "KEY-JWKS-VALID": "unknown",
      "KEY-JWKS-PUBLIC-ONLY": "unknown",
      "KEY-STRENGTH": "unknown",
      "KEY-KID-USE-HYGIENE": "unknown",
      "KEY-ID-TOKEN-ALGS": "pass",
      "TOKEN-SENDER-CONSTRAINED": "warn",
      "SESS-RP-INITIATED-LOGOUT": "fail",
      "SESS-BACKCHANNEL-LOGOUT": "info",
    },
    why: {
      "DISC-METADATA-PUBLISHED":
        "offline: document supplied as a file; HTTP status, Content-Type and the well-known location were not observed (OIDC Discovery §4.2). The body is a JSON object, so nothing observed fails; PASS needs the unobserved conjuncts",
      "DISC-REQUIRED-FIELDS":
        "RECOMMENDED registration_endpoint absent (the 2018 copy; the current live document has one)",
      "DISC-DCR-EXPOSURE":
        "registration_endpoint absent: no dynamic client registration advertised (precondition false)",
      "FLOW-NO-IMPLICIT":
        "response_types_supported contains \"token\" and \"token id_token\"; also grant_types_supported absent -> default [\"authorization_code\",\"implicit\"] (OIDC Discovery §3, catalog §1.4)",
      "OIDC-PKCE-S256":
        "code_challenge_methods_supported absent: per RFC 8414 §2 \"if omitted, the authorization server does not support PKCE\"; RFC 9700 §2.1.1 requires PKCE support",
      "FLOW-ISS-RESPONSE-PARAM":
        "authorization_response_iss_parameter_supported absent -> default false (RFC 9207 §3); no FAPI target so WARN, not FAIL",
      "FLOW-PAR":
        "pushed_authorization_request_endpoint absent: PAR not available (capability signal; FAIL only under a FAPI 2.0 target)",
      "FLOW-REQUEST-URI-FETCH":
        "request_uri_parameter_supported absent -> default true (OIDC Discovery §3), require_request_uri_registration absent -> false, require_pushed_authorization_requests absent -> false",
      "FLOW-CROSS-DEVICE":
        "no device_authorization_endpoint, no device_code grant, no backchannel_authentication_endpoint, no ciba grant: cross-device grants absent",
      "CAUTH-ASYMMETRIC-METHODS":
        "note (pass): token_endpoint_auth_methods_supported contains \"private_key_jwt\"",
      "KEY-JWKS-VALID":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://login.salesforce.com/id/keys)",
      "KEY-JWKS-PUBLIC-ONLY":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://login.salesforce.com/id/keys)",
      "KEY-STRENGTH":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://login.salesforce.com/id/keys)",
      "KEY-KID-USE-HYGIENE":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://login.salesforce.com/id/keys)",
      "TOKEN-SENDER-CONSTRAINED":
        "dpop_signing_alg_values_supported absent and tls_client_certificate_bound_access_tokens absent (-> false, RFC 8705 §3.3): no sender-constraining advertised",
      "SESS-RP-INITIATED-LOGOUT":
        "end_session_endpoint absent on an OP that issues ID tokens to browser RPs (authorization_endpoint present, \"openid\" in scopes_supported, response types via the user agent)",
      "SESS-BACKCHANNEL-LOGOUT":
        "backchannel_logout_supported and frontchannel_logout_supported absent (-> false), no check_session_iframe: no logout propagation advertised",
    },
  },
];

/**
 * Same documents with a different configured issuer. Only the cells named in `why` differ from the
 * base case; they pin the exact-match and registrable-domain anchoring decisions (A2, A3).
 */
export const REAL_WORLD_VARIANTS: RealWorldCase[] = [
  {
    file: "discovery/paypal.json",
    issuer: "https://www.paypalobjects.com",
    jwksFile: "jwks/paypal.json",
    vendor: "PayPal — --issuer https://www.paypalobjects.com (the discovery URL PayPal's docs give)",
    expected: {
      "DISC-METADATA-PUBLISHED": "unknown",
      "DISC-ISSUER-EXACT": "fail",
      "DISC-REQUIRED-FIELDS": "pass",
      "DISC-HTTPS-ENDPOINTS": "warn",
      "DISC-DCR-EXPOSURE": "info",
      "FLOW-NO-IMPLICIT": "info",
      "FLOW-NO-ROPC": "pass",
      "OIDC-PKCE-S256": "pass",
      "FLOW-ISS-RESPONSE-PARAM": "warn",
      "FLOW-PAR": "info",
      "FLOW-REQUEST-URI-FETCH": "warn",
      "FLOW-CROSS-DEVICE": "info",
      "CAUTH-ASYMMETRIC-METHODS": "warn",
      "KEY-JWKS-VALID": "unknown",
      "KEY-JWKS-PUBLIC-ONLY": "pass",
      "KEY-STRENGTH": "pass",
      "KEY-KID-USE-HYGIENE": "fail",
      "KEY-ID-TOKEN-ALGS": "warn",
      "TOKEN-SENDER-CONSTRAINED": "warn",
      "SESS-RP-INITIATED-LOGOUT": "fail",
      "SESS-BACKCHANNEL-LOGOUT": "info",
    },
    why: {
      "DISC-METADATA-PUBLISHED":
        "offline: document supplied as a file; HTTP status, Content-Type and the well-known location were not observed (OIDC Discovery §4.2). The body is a JSON object, so nothing observed fails; PASS needs the unobserved conjuncts",
      "DISC-ISSUER-EXACT":
        "issuer \"https://www.paypal.com\" differs from the URL fetched for, \"https://www.paypalobjects.com\" (OIDC Discovery §4.3)",
      "DISC-HTTPS-ENDPOINTS":
        "all https, but every endpoint (www.paypal.com, api.paypal.com) is outside the configured issuer registrable domain paypalobjects.com; no allow-list",
      "DISC-DCR-EXPOSURE":
        "registration_endpoint https://api.paypal.com/v1/oauth2/applications advertised; openness needs T2",
      "FLOW-NO-IMPLICIT":
        "response_types_supported [\"code\",\"code id_token\"]: an ID token but no access token from the authorization endpoint, grant_types_supported [\"authorization_code\",\"refresh_token\"] lists no implicit -> INFO",
      "OIDC-PKCE-S256":
        "note (pass): code_challenge_methods_supported [\"RS256\",\"ES256\",\"S256\"] contains S256 and not plain; RS256/ES256 are not registered PKCE methods (RFC 7636 §4.2, IANA) and are ignored",
      "FLOW-ISS-RESPONSE-PARAM":
        "authorization_response_iss_parameter_supported absent -> default false (RFC 9207 §3); no FAPI target so WARN, not FAIL",
      "FLOW-PAR":
        "pushed_authorization_request_endpoint absent: PAR not available (capability signal; FAIL only under a FAPI 2.0 target)",
      "FLOW-REQUEST-URI-FETCH":
        "request_uri_parameter_supported absent -> default true (OIDC Discovery §3), require_request_uri_registration absent -> false, require_pushed_authorization_requests absent -> false",
      "FLOW-CROSS-DEVICE":
        "no device_authorization_endpoint, no device_code grant, no backchannel_authentication_endpoint, no ciba grant: cross-device grants absent",
      "CAUTH-ASYMMETRIC-METHODS":
        "token_endpoint_auth_methods_supported [\"client_secret_basic\"]: only shared-secret methods, no private_key_jwt / tls_client_auth / self_signed_tls_client_auth",
      "KEY-JWKS-VALID":
        "offline: the JWKS file is well-formed (15 keys, kty RSA, EC, OKP, all parse, none empty), but the HTTP status of jwks_uri was not observed; same rule as DISC-METADATA-PUBLISHED; note: OKP x is padded base64 and 5 RSA moduli carry a leading zero octet (both non-conformant, both still parse)",
      "KEY-STRENGTH":
        "note (pass): 7 RSA keys all 2048 bits (5 encoded with a leading 0x00 octet, i.e. 257 bytes); 7 EC P-256; 1 OKP X25519",
      "KEY-KID-USE-HYGIENE":
        "signing keys (RSA, use \"sig\") and an encryption key (kid 753778214125442a472d4b6150645367, OKP X25519 = ECDH only, RFC 8037 §3.2) are both present, but 8 keys lack \"use\" (that X25519 key and the 7 EC P-256 keys); OIDC Discovery §3 makes \"use\" REQUIRED for all keys then",
      "KEY-ID-TOKEN-ALGS":
        "id_token_signing_alg_values_supported [\"HS256\",\"RS256\"] lists HS256 (MAC keyed with the client secret)",
      "TOKEN-SENDER-CONSTRAINED":
        "dpop_signing_alg_values_supported absent and tls_client_certificate_bound_access_tokens absent (-> false, RFC 8705 §3.3): no sender-constraining advertised",
      "SESS-RP-INITIATED-LOGOUT":
        "end_session_endpoint absent on an OP that issues ID tokens to browser RPs (authorization_endpoint present, \"openid\" in scopes_supported, response types via the user agent)",
      "SESS-BACKCHANNEL-LOGOUT":
        "backchannel_logout_supported and frontchannel_logout_supported absent (-> false), no check_session_iframe: no logout propagation advertised",
    },
  },
  {
    file: "discovery/auth0.json",
    issuer: "https://micronautguides.eu.auth0.com",
    vendor: "Auth0 — --issuer without the trailing slash",
    expected: {
      "DISC-METADATA-PUBLISHED": "unknown",
      "DISC-ISSUER-EXACT": "fail",
      "DISC-REQUIRED-FIELDS": "pass",
      "DISC-HTTPS-ENDPOINTS": "pass",
      "DISC-DCR-EXPOSURE": "info",
      "FLOW-NO-IMPLICIT": "warn",
      "FLOW-NO-ROPC": "pass",
      "OIDC-PKCE-S256": "fail",
      "FLOW-ISS-RESPONSE-PARAM": "warn",
      "FLOW-PAR": "info",
      "FLOW-REQUEST-URI-FETCH": "pass",
      "FLOW-CROSS-DEVICE": "info",
      "CAUTH-ASYMMETRIC-METHODS": "warn",
      "KEY-JWKS-VALID": "unknown",
      "KEY-JWKS-PUBLIC-ONLY": "unknown",
      "KEY-STRENGTH": "unknown",
      "KEY-KID-USE-HYGIENE": "unknown",
      "KEY-ID-TOKEN-ALGS": "warn",
      "TOKEN-SENDER-CONSTRAINED": "warn",
      "SESS-RP-INITIATED-LOGOUT": "fail",
      "SESS-BACKCHANNEL-LOGOUT": "info",
    },
    why: {
      "DISC-METADATA-PUBLISHED":
        "offline: document supplied as a file; HTTP status, Content-Type and the well-known location were not observed (OIDC Discovery §4.2). The body is a JSON object, so nothing observed fails; PASS needs the unobserved conjuncts",
      "DISC-ISSUER-EXACT":
        "issuer \"https://micronautguides.eu.auth0.com/\" is not byte-identical to \"https://micronautguides.eu.auth0.com\" (no trailing-slash normalisation, catalog §1.4, OIDC Discovery §4.3)",
      "DISC-HTTPS-ENDPOINTS":
        "note (pass): all endpoints on micronautguides.eu.auth0.com; the non-catalog mfa_challenge_endpoint is https on the same host",
      "DISC-DCR-EXPOSURE":
        "registration_endpoint https://micronautguides.eu.auth0.com/oidc/register advertised; openness needs T2 (Auth0 flags.enable_dynamic_client_registration)",
      "FLOW-NO-IMPLICIT":
        "response_types_supported contains \"token\", \"code token\", \"token id_token\", \"code token id_token\"; also grant_types_supported absent -> default [\"authorization_code\",\"implicit\"] (OIDC Discovery §3, catalog §1.4)",
      "OIDC-PKCE-S256":
        "code_challenge_methods_supported absent: per RFC 8414 §2 \"if omitted, the authorization server does not support PKCE\"; RFC 9700 §2.1.1 requires PKCE support",
      "FLOW-ISS-RESPONSE-PARAM":
        "authorization_response_iss_parameter_supported absent -> default false (RFC 9207 §3); no FAPI target so WARN, not FAIL",
      "FLOW-PAR":
        "pushed_authorization_request_endpoint absent: PAR not available (capability signal; FAIL only under a FAPI 2.0 target)",
      "FLOW-REQUEST-URI-FETCH":
        "note (pass): request_uri_parameter_supported false",
      "FLOW-CROSS-DEVICE":
        "no device_authorization_endpoint, no device_code grant, no backchannel_authentication_endpoint, no ciba grant: cross-device grants absent",
      "CAUTH-ASYMMETRIC-METHODS":
        "token_endpoint_auth_methods_supported [\"client_secret_basic\",\"client_secret_post\"]: only shared-secret methods, no private_key_jwt / tls_client_auth / self_signed_tls_client_auth",
      "KEY-JWKS-VALID":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://micronautguides.eu.auth0.com/.well-known/jwks.json)",
      "KEY-JWKS-PUBLIC-ONLY":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://micronautguides.eu.auth0.com/.well-known/jwks.json)",
      "KEY-STRENGTH":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://micronautguides.eu.auth0.com/.well-known/jwks.json)",
      "KEY-KID-USE-HYGIENE":
        "no JWKS file for this vendor and nothing is fetched offline (jwks_uri https://micronautguides.eu.auth0.com/.well-known/jwks.json)",
      "KEY-ID-TOKEN-ALGS":
        "id_token_signing_alg_values_supported [\"HS256\",\"RS256\"] lists HS256 (MAC keyed with the client secret)",
      "TOKEN-SENDER-CONSTRAINED":
        "dpop_signing_alg_values_supported absent and tls_client_certificate_bound_access_tokens absent (-> false, RFC 8705 §3.3): no sender-constraining advertised",
      "SESS-RP-INITIATED-LOGOUT":
        "end_session_endpoint absent on an OP that issues ID tokens to browser RPs (authorization_endpoint present, \"openid\" in scopes_supported, response types via the user agent)",
      "SESS-BACKCHANNEL-LOGOUT":
        "backchannel_logout_supported and frontchannel_logout_supported absent (-> false), no check_session_iframe: no logout propagation advertised",
    },
  },
];

/** Key facts computed from the JWKS files (RSA modulus bit length after stripping leading zero octets). */
export const REAL_WORLD_JWKS_FACTS: Record<string, { rsaBits: number[]; ec: string[]; okp: string[]; x5c: string }> = {
  "jwks/google.json": {"rsaBits":[2048,2048],"ec":[],"okp":[],"x5c":"none"},
  "jwks/entra-common.json": {"rsaBits":[2048,2048,2048,2048,2048,2048,2048],"ec":[],"okp":[],"x5c":"all 7 leaf certificates match n/e"},
  "jwks/apple.json": {"rsaBits":[2048,2048,2048],"ec":[],"okp":[],"x5c":"none"},
  "jwks/gitlab.json": {"rsaBits":[4096,2048],"ec":[],"okp":[],"x5c":"none"},
  "jwks/yahoo.json": {"rsaBits":[1024,1024,1024],"ec":["P-256"],"okp":[],"x5c":"none"},
  "jwks/paypal.json": {"rsaBits":[2048,2048,2048,2048,2048,2048,2048],"ec":["P-256","P-256","P-256","P-256","P-256","P-256","P-256"],"okp":["X25519"],"x5c":"none"},
  "jwks/okta-default-authz-server.json": {"rsaBits":[2048,2048],"ec":[],"okp":[],"x5c":"none"},
  "jwks/keycloak-realm.json": {"rsaBits":[2048],"ec":[],"okp":[],"x5c":"the 1 leaf certificate matches n/e"},
};
