import type { ConsentMapping } from '../../src/connector-kit/consent.js';
import type { ProfileInput } from '../../src/identity/profile-store.js';
import type { ExplicitLink } from '../../src/model/profile.js';
import { bool, isObject, type Json, num, obj, str, strings } from './json.js';

/**
 * UserRepresentation -> ProfileInput, pure. The brief representation (briefRepresentation=true)
 * carries id, username, names, email, emailVerified, enabled, createdTimestamp (and federationLink);
 * attributes come only with the full one. Values are never logged.
 */
export interface UserMappingOptions {
  /** Attribute names that hold phone numbers (read only with full representations). */
  phoneAttributes: readonly string[];
  /** profiles.consent: `attribute` and `updatedAt` name user attributes (full representations). */
  consent?: ConsentMapping;
}

/** One federated identity of a user: the IdP alias and, when known, the upstream subject. */
export interface LinkRef {
  alias: string;
  subject: string;
}

/** Keycloak's own attribute for the entry id of an LDAP-federated user. */
const LDAP_ID = 'LDAP_ID';

/**
 * `links`: the user's federated identities as far as they were read; `linksKnown`: they were all
 * read (only then does "no link" mean a local account).
 */
export function userToProfile(user: Json, links: readonly LinkRef[], linksKnown: boolean, options: UserMappingOptions): ProfileInput | undefined {
  const id = str(user.id);
  if (!id) return undefined;
  const email = str(user.email)?.trim();
  const given = str(user.firstName)?.trim();
  const family = str(user.lastName)?.trim();
  const attributes = isObject(user.attributes) ? user.attributes : undefined;
  const phones = attributes ? options.phoneAttributes.flatMap((name) => strings(attributes[name])).map((p) => p.trim()).filter(Boolean) : [];
  const explicit: ExplicitLink[] = links.map((l) => ({ kind: 'federated-identity', via: l.alias, value: l.subject }));
  const ldapId = attributes ? strings(attributes[LDAP_ID])[0] : undefined;
  if (ldapId) explicit.push({ kind: 'external-id', via: LDAP_ID, value: ldapId });
  const profile: ProfileInput = {
    localId: id,
    emails: email ? [{ address: email, verified: bool(user.emailVerified) === true, primary: true }] : [],
    phones: [...new Set(phones)],
    names: {},
    links: explicit,
    status: bool(user.enabled) === false ? 'disabled' : bool(user.enabled) === true ? 'active' : 'unknown',
    filledAttributes: filledAttributes(user, attributes),
  };
  if (given) profile.names.given = given;
  if (family) profile.names.family = family;
  // A user with a federated identity came through a broker or linked one; without the links, origin is unknown.
  if (links.length > 0) profile.origin = 'federated';
  else if (linksKnown) profile.origin = 'local';
  if (options.consent) {
    const { attribute, updatedAt } = options.consent;
    const valueOf = (name: string | undefined) => (attributes && name !== undefined && Object.hasOwn(attributes, name) ? attributes[name] : undefined);
    const consent = options.consent.consentOf(valueOf(attribute), valueOf(updatedAt));
    if (consent) profile.consent = consent;
  }
  const created = num(user.createdTimestamp);
  if (created !== undefined && created > 0) profile.createdAt = new Date(created).toISOString();
  return profile;
}

/** Non-empty identity attributes: email and names, plus every custom attribute with a value (full representations). */
function filledAttributes(user: Json, attributes: Json | undefined): number {
  let count = 0;
  for (const key of ['email', 'firstName', 'lastName']) if (str(user[key])?.trim()) count++;
  if (attributes) {
    for (const [key, values] of Object.entries(attributes)) {
      if (key === LDAP_ID || key === 'LDAP_ENTRY_DN' || key === 'createTimestamp' || key === 'modifyTimestamp') continue;
      if (strings(values).some((v) => v.trim() !== '')) count++;
    }
  }
  return count;
}


/** FederatedIdentityRepresentation[] -> links (the upstream user name is not kept: it is personal data). */
export function federatedIdentityLinks(items: readonly unknown[]): LinkRef[] {
  return items.filter(isObject).flatMap((item) => {
    const alias = str(item.identityProvider);
    return alias ? [{ alias, subject: str(obj(item).userId) ?? '' }] : [];
  });
}
