import type { IssuerFacts } from '../../src/model/as-facts.js';

/**
 * Compare the advertised issuer with the configured one by exact string match (OIDC Discovery
 * §4.3, RFC 8414 §3.3: no case folding, no trailing-slash normalisation). A multi-tenant template
 * such as Entra's `https://login.microsoftonline.com/{tenantid}/v2.0`, fetched through a
 * tenant-independent alias like `/common/v2.0`, is recognised as a template, not a plain mismatch.
 */
export function compareIssuer(configured: string, advertised: unknown): IssuerFacts {
  if (typeof advertised !== 'string') return { match: 'absent', problems: advertised === undefined ? [] : ['issuer is not a string'] };
  const problems = issuerProblems(advertised);
  if (advertised === configured) return { advertised, match: 'exact', problems };
  const placeholder = templatePlaceholder(advertised, configured);
  if (placeholder) return { advertised, match: 'template', placeholder, problems };
  return { advertised, match: 'mismatch', problems };
}

/** The issuer must be an https URL without query or fragment (OIDC Discovery §3, RFC 8414 §2). */
export function issuerProblems(issuer: string): string[] {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return ['issuer is not an absolute URL'];
  }
  const problems: string[] = [];
  if (url.protocol !== 'https:') problems.push(`issuer uses ${url.protocol.replace(':', '')}, not https`);
  if (url.search || issuer.includes('?')) problems.push('issuer has a query component');
  if (url.hash || issuer.includes('#')) problems.push('issuer has a fragment component');
  return problems;
}

/** Returns the placeholder (e.g. `{tenantid}`) when `configured` instantiates the template `advertised`. */
function templatePlaceholder(advertised: string, configured: string): string | undefined {
  const placeholders = advertised.match(/\{[A-Za-z0-9_-]+\}/g);
  if (!placeholders) return undefined;
  const pattern = advertised
    .split(/\{[A-Za-z0-9_-]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/?#]+');
  return new RegExp(`^${pattern}$`).test(configured) ? placeholders.join(', ') : undefined;
}
