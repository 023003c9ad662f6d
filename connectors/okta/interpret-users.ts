import type { ConsentMapping } from '../../src/connector-kit/consent.js';
import type { ProfileInput } from '../../src/identity/profile-store.js';
import type { ExplicitLink, ProfileEmail } from '../../src/model/profile.js';
import { isObject, list, str } from './json.js';

/**
 * Pure: one Okta user object (GET /api/v1/users) to our ProfileInput. Only the identifying
 * attributes are copied; the other profile attributes are counted, never kept.
 */
const ACTIVE = new Set(['ACTIVE', 'PROVISIONED', 'STAGED', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT']);
const DISABLED = new Set(['SUSPENDED', 'DEPROVISIONED']);
/** credentials.provider.type: OKTA and IMPORT keep an Okta password; the others authenticate upstream. */
const LOCAL_PROVIDERS = new Set(['OKTA', 'IMPORT']);
const FEDERATED_PROVIDERS = new Set(['FEDERATION', 'SOCIAL', 'ACTIVE_DIRECTORY', 'LDAP']);
/** Providers whose users come from an upstream IdP: the user carries that link itself. */
const IDP_PROVIDERS = new Set(['FEDERATION', 'SOCIAL']);

export function profileFromOktaUser(user: unknown, linkedIdps: readonly string[] = [], consent?: ConsentMapping): ProfileInput | undefined {
  const id = str(user, 'id');
  if (!id) return undefined;
  const profile: ProfileInput = {
    localId: id,
    emails: emailsOf(user),
    phones: phonesOf(user),
    names: namesOf(user),
    links: linksOf(user, linkedIdps),
    status: statusOf(str(user, 'status')),
    filledAttributes: filledAttributes(user),
  };
  const provider = str(user, 'credentials.provider.type');
  if (provider && LOCAL_PROVIDERS.has(provider)) profile.origin = 'local';
  else if (provider && FEDERATED_PROVIDERS.has(provider)) profile.origin = 'federated';
  const created = str(user, 'created');
  const lastLogin = str(user, 'lastLogin');
  const updated = str(user, 'lastUpdated');
  if (created) profile.createdAt = created;
  if (lastLogin) profile.lastLoginAt = lastLogin;
  if (updated) profile.updatedAt = updated;
  if (consent) {
    // Property names are read as they are (no dotted path: a name may not hold one).
    const properties = isObject(user) && isObject(user.profile) ? user.profile : {};
    const valueOf = (name: string | undefined) => (name !== undefined && Object.hasOwn(properties, name) ? properties[name] : undefined);
    const stated = consent.consentOf(valueOf(consent.attribute), valueOf(consent.updatedAt));
    if (stated) profile.consent = stated;
  }
  return profile;
}

function statusOf(status: string | undefined): ProfileInput['status'] {
  if (status && ACTIVE.has(status)) return 'active';
  if (status && DISABLED.has(status)) return 'disabled';
  return 'unknown';
}

/**
 * profile.email (primary) and profile.secondEmail. Okta marks verification only in
 * `credentials.emails[].status` (VERIFIED / UNVERIFIED) when it returns that list; otherwise the
 * flag stays unknown rather than guessed from the user status.
 */
function emailsOf(user: unknown): ProfileEmail[] {
  const statusByAddress = new Map<string, string>();
  for (const entry of list(user, 'credentials.emails')) {
    const value = str(entry, 'value');
    const status = str(entry, 'status');
    if (value && status) statusByAddress.set(value.toLowerCase(), status);
  }
  const out: ProfileEmail[] = [];
  const seen = new Set<string>();
  for (const [path, primary] of [['profile.email', true], ['profile.secondEmail', false]] as const) {
    const address = str(user, path)?.trim();
    if (!address || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    const email: ProfileEmail = { address, primary };
    const status = statusByAddress.get(address.toLowerCase());
    if (status === 'VERIFIED') email.verified = true;
    else if (status === 'UNVERIFIED') email.verified = false;
    out.push(email);
  }
  return out;
}

function phonesOf(user: unknown): string[] {
  const phones = ['profile.mobilePhone', 'profile.primaryPhone'].map((p) => str(user, p)?.trim()).filter((p): p is string => !!p);
  return [...new Set(phones)];
}

function namesOf(user: unknown): ProfileInput['names'] {
  const names: ProfileInput['names'] = {};
  const given = str(user, 'profile.firstName')?.trim();
  const family = str(user, 'profile.lastName')?.trim();
  if (given) names.given = given;
  if (family) names.family = family;
  return names;
}

/** The user's own upstream IdP (federated/social users) and, when read, the IdPs linked to it. */
function linksOf(user: unknown, linkedIdps: readonly string[]): ExplicitLink[] {
  const vias = new Set<string>();
  const provider = str(user, 'credentials.provider.type');
  if (provider && IDP_PROVIDERS.has(provider)) vias.add(str(user, 'credentials.provider.name') ?? provider);
  for (const idp of linkedIdps) vias.add(idp);
  // Okta does not expose the upstream subject in these reads: the value stays empty.
  return [...vias].sort().map((via) => ({ kind: 'federated-identity' as const, via, value: '' }));
}

/** Non-empty profile attributes (any schema attribute): progressive-profiling evidence, a count only. */
function filledAttributes(user: unknown): number {
  const profile = isObject(user) ? user.profile : undefined;
  if (!isObject(profile)) return 0;
  return Object.values(profile).filter((v) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)).length;
}

/** Names of the IdPs in a `GET /api/v1/users/{id}/idps` answer. */
export function linkedIdpNames(idps: readonly unknown[]): string[] {
  return idps.map((idp) => str(idp, 'name') ?? str(idp, 'id')).filter((n): n is string => !!n);
}

