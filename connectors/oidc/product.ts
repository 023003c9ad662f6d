/**
 * Best-effort product recognition from the issuer and endpoint URLs, so that reports and later
 * rules can say which vendor's documentation applies. Unrecognised servers are `oidc`.
 */
const HOST_PATTERNS: Array<[RegExp, string]> = [
  [/(^|\.)okta(preview|-emea)?\.com$/, 'okta'],
  [/(^|\.)auth0\.com$/, 'auth0'],
  [/^login\.microsoftonline\.(com|us)$|\.b2clogin\.com$|\.ciamlogin\.com$/, 'entra'],
  [/^cognito-idp\.[a-z0-9-]+\.amazonaws\.com$/, 'aws-cognito'],
  [/^accounts\.google\.com$/, 'google'],
  [/^appleid\.apple\.com$/, 'apple'],
  [/^gitlab\.com$/, 'gitlab'],
  [/(^|\.)salesforce\.com$|\.force\.com$/, 'salesforce'],
];

export function detectProduct(issuer: string, metadata: Record<string, unknown> | undefined): string {
  let url: URL | undefined;
  try {
    url = new URL(issuer);
  } catch {
    url = undefined;
  }
  const host = url?.hostname.toLowerCase() ?? '';
  for (const [pattern, product] of HOST_PATTERNS) if (pattern.test(host)) return product;
  if (url && /\/realms\/[^/]+\/?$/.test(url.pathname)) return 'keycloak';
  const authz = typeof metadata?.authorization_endpoint === 'string' ? metadata.authorization_endpoint : '';
  if (authz.includes('/as/authorization.oauth2')) return 'pingfederate';
  if (/\/oauth2\/authorize$/.test(authz) && url?.pathname.endsWith('/oauth2/token')) return 'wso2';
  return 'oidc';
}
