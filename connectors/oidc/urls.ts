/** Well-known locations derived from an issuer (OIDC Discovery §4.1, RFC 8414 §3, SSF 1.0 §6.1). */

/** `{issuer without trailing slash}/.well-known/openid-configuration`. */
export function oidcDiscoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/** The well-known segment is inserted between host and path: `https://host/.well-known/{suffix}{path}`. */
export function insertedWellKnownUrl(issuer: string, suffix: string): string {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}/.well-known/${suffix}${path}`;
}

export function rfc8414DiscoveryUrl(issuer: string): string {
  return insertedWellKnownUrl(issuer, 'oauth-authorization-server');
}

export function ssfConfigurationUrl(issuer: string): string {
  return insertedWellKnownUrl(issuer, 'ssf-configuration');
}

export function riscConfigurationUrl(issuer: string): string {
  return `${new URL(issuer).origin}/.well-known/risc-configuration`;
}

export function passkeyEndpointsUrl(issuer: string): string {
  return `${new URL(issuer).origin}/.well-known/passkey-endpoints`;
}
