import type { SalesforceTargetConfig } from './config.js';

/**
 * Hosts and paths. The token response names the instance the API calls go to (`instance_url`); that
 * host is accepted only when the target configured it or it is a Salesforce domain, so a tampered or
 * misrouted token response cannot send the scanner (and its bearer token) anywhere else.
 */
const SALESFORCE_DOMAINS = ['salesforce.com', 'force.com', 'cloudforce.com', 'salesforce.mil', 'force.mil', 'sfcrmproducts.cn', 'sfcrmapps.cn'];

export function hostOf(url: string): string {
  return new URL(url).hostname.toLowerCase();
}

export function originOf(url: string): string {
  return new URL(url).origin;
}

/** The hosts the configuration names: the instance or login host, and the operator's allowHosts. */
export function configuredHosts(config: SalesforceTargetConfig): string[] {
  const own = config.auth.method === 'access-token' ? config.auth.instanceUrl : config.auth.loginUrl;
  return [...new Set([hostOf(own), ...(config.allowHosts ?? []).map((h) => h.toLowerCase())])].sort();
}

export function isSalesforceHost(host: string): boolean {
  const h = host.toLowerCase();
  return SALESFORCE_DOMAINS.some((d) => h.endsWith(`.${d}`)) && !/\.lightning\.(force\.com|crmforce\.mil|sfcrmapps\.cn)$/.test(h);
}

/**
 * The instance origin a token response may send us to: https, no path beyond "/", and a host the
 * target names or a Salesforce API domain. Undefined when it is refused.
 */
export function acceptableInstance(instanceUrl: unknown, config: SalesforceTargetConfig): string | undefined {
  if (typeof instanceUrl !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(instanceUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return undefined;
  const host = url.hostname.toLowerCase();
  return configuredHosts(config).includes(host) || isSalesforceHost(host) ? url.origin : undefined;
}

export function tokenEndpoint(loginUrl: string): string {
  return `${originOf(loginUrl)}/services/oauth2/token`;
}

/** The REST base of one API version: `{instance}/services/data/v62.0`. */
export function dataBase(instance: string, version: string): string {
  return `${originOf(instance)}/services/data/v${version}`;
}
