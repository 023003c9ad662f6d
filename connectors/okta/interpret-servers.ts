import { observed, unknownObservation, type Observation } from '../../src/model/observation.js';
import type { SigningKeyFacts, TokenPolicyFacts } from '../../src/model/store-facts.js';
import { num, str } from './json.js';
import { forward } from './interpret-policies.js';
import { isActive } from './policy-rules.js';
import type { OktaRawCollection, RawAuthorizationServer } from './raw.js';
import { orgOrigin } from './urls.js';

/**
 * Pure: custom authorization servers (GET /api/v1/authorizationServers: `issuer`, `status`,
 * `credentials.signing.{rotationMode,lastRotated,kid}`) and their policy rules
 * (`actions.token.{accessTokenLifetimeMinutes,refreshTokenLifetimeMinutes,refreshTokenWindowMinutes}`).
 */
function activeServers(raw: OktaRawCollection): RawAuthorizationServer[] | undefined {
  return raw.authorizationServers.state === 'observed' ? raw.authorizationServers.value.filter((s) => isActive(s.server)) : undefined;
}

/** Every org has the org authorization server (issuer = the org URL) besides its custom ones. */
export function issuerFacts(raw: OktaRawCollection): Observation<string[]> {
  const servers = activeServers(raw);
  if (!servers) return forward(raw.authorizationServers);
  const issuers = new Set([orgOrigin(raw.orgUrl), ...servers.map((s) => str(s.server, 'issuer')).filter((i): i is string => !!i)]);
  return observed([...issuers].sort());
}

export function signingKeyFacts(raw: OktaRawCollection): Observation<SigningKeyFacts> {
  const servers = activeServers(raw);
  if (!servers) return forward(raw.authorizationServers);
  if (servers.length === 0) return unknownObservation({ kind: 'not-observed', detail: 'no active custom authorization server' });
  const modes = servers.map((s) => str(s.server, 'credentials.signing.rotationMode'));
  const rotation: SigningKeyFacts['rotation'] = modes.includes('MANUAL') ? 'manual' : modes.every((m) => m === 'AUTO') ? 'automatic' : 'unknown';
  const rotated = servers.map((s) => str(s.server, 'credentials.signing.lastRotated')).filter((d): d is string => !!d).sort();
  const facts: SigningKeyFacts = {
    rotation,
    keys: servers
      .map((s) => ({ kid: str(s.server, 'credentials.signing.kid') ?? '', since: str(s.server, 'credentials.signing.lastRotated') }))
      .filter((k) => k.kid)
      .map((k) => ({ kid: k.kid, status: 'current' as const, ...(k.since ? { since: k.since } : {}) })),
  };
  // The stalest server decides: its key has been current the longest.
  if (rotated[0]) facts.lastRotated = rotated[0];
  return observed(facts);
}

/**
 * The longest lifetimes any active rule grants. refreshTokenLifetimeMinutes 0 is "unlimited"
 * (Okta Authorization Servers API); refreshTokenWindowMinutes is the idle window.
 */
export function tokenPolicyFacts(raw: OktaRawCollection, refreshRotation: TokenPolicyFacts['refreshRotation']): Observation<TokenPolicyFacts> {
  const servers = activeServers(raw);
  if (!servers) return forward(raw.authorizationServers);
  const rules = [];
  for (const server of servers) {
    if (!server.policies || server.policies.state === 'unknown') {
      return server.policies ? forward(server.policies) : unknownObservation({ kind: 'not-observed', detail: 'authorization-server policies not read' });
    }
    for (const policy of server.policies.value.filter((p) => isActive(p.policy))) {
      if (!policy.rules || policy.rules.state === 'unknown') return unknownObservation({ kind: 'collection-error', detail: 'some authorization-server policy rules could not be read' });
      rules.push(...policy.rules.value.filter(isActive));
    }
  }
  const facts: TokenPolicyFacts = {};
  if (refreshRotation) facts.refreshRotation = refreshRotation;
  if (rules.length === 0) return observed(facts);
  const access = rules.map((r) => num(r, 'actions.token.accessTokenLifetimeMinutes')).filter((m): m is number => m !== undefined);
  if (access.length) facts.accessTokenSeconds = Math.max(...access) * 60;
  const lifetimes = rules.map((r) => num(r, 'actions.token.refreshTokenLifetimeMinutes'));
  facts.refreshAbsoluteSeconds = lifetimes.some((m) => !m) ? null : Math.max(...lifetimes.map((m) => m ?? 0)) * 60;
  const windows = rules.map((r) => num(r, 'actions.token.refreshTokenWindowMinutes')).filter((m): m is number => m !== undefined);
  if (windows.length) facts.refreshIdleSeconds = Math.max(...windows) * 60;
  return observed(facts);
}
