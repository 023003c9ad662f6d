import type { ConsentMapping } from '../../src/connector-kit/consent.js';
import type { ProfileInput } from '../../src/identity/profile-store.js';
import type { ExplicitLink, ProfileEmail } from '../../src/model/profile.js';
import { booleanAt, isObject, objectsAt, present, stringAt } from './json-read.js';
import { LOCAL_STRATEGIES } from './map-connections.js';

/**
 * An Auth0 user (from `GET /api/v2/users` or a line of the users-export file) as a ProfileInput.
 * Only the identifying attributes are requested and read (catalog §14.4 data minimisation); the
 * record itself is dropped as soon as it is mapped. Shape: https://auth0.com/docs/manage-users/user-accounts/user-profiles/user-profile-structure.
 */
export const USER_FIELDS = [
  'user_id',
  'email',
  'email_verified',
  'phone_number',
  'given_name',
  'family_name',
  'name',
  'identities',
  'blocked',
  'created_at',
  'updated_at',
  'last_login',
] as const;

/**
 * The fields to request: USER_FIELDS and, with profiles.consent, the top-level fields its paths go
 * through (`fields=` and the export job take top-level names; JSON exports carry them whole).
 */
export function userFields(consent?: ConsentMapping): string[] {
  const fields: string[] = [...USER_FIELDS];
  for (const path of [consent?.attribute, consent?.updatedAt]) {
    const top = path?.split('.')[0];
    if (top && !fields.includes(top)) fields.push(top);
  }
  return fields;
}

/** The value at a dotted path (`user_metadata.consent.marketing`, `app_metadata.consents.0`); undefined when any step is missing. */
export function valueAtPath(source: unknown, path: string): unknown {
  let node = source;
  for (const key of path.split('.')) {
    if (Array.isArray(node) && /^\d+$/.test(key)) node = (node as unknown[])[Number(key)];
    else if (isObject(node) && Object.hasOwn(node, key)) node = node[key];
    else return undefined;
  }
  return node;
}

export interface MappedUser {
  profile: ProfileInput;
  /** Entries in `identities[]` (an account linked to a social login has two or more). */
  identities: number;
}

export function userProfile(raw: unknown, consent?: ConsentMapping): MappedUser | undefined {
  const localId = present(stringAt(raw, 'user_id'));
  if (!localId || !isObject(raw)) return undefined;
  const email = present(stringAt(raw, 'email'));
  const phone = present(stringAt(raw, 'phone_number'));
  const given = present(stringAt(raw, 'given_name'));
  const family = present(stringAt(raw, 'family_name'));
  const full = realName(present(stringAt(raw, 'name')), email);
  const identities = objectsAt(raw, 'identities') ?? [];
  const primary = primaryProvider(identities, localId);
  const emails: ProfileEmail[] = [];
  if (email) {
    const verified = booleanAt(raw, 'email_verified');
    emails.push({ address: email, primary: true, ...(verified !== undefined ? { verified } : {}) });
  }
  const profile: ProfileInput = {
    localId,
    emails,
    phones: phone ? [phone] : [],
    names: { ...(given ? { given } : {}), ...(family ? { family } : {}), ...(full ? { full } : {}) },
    links: identities.flatMap(federatedLink),
    status: booleanAt(raw, 'blocked') === true ? 'disabled' : 'active',
    filledAttributes: [email, phone, given, family, full].filter((v) => v !== undefined).length,
    origin: primary === undefined || LOCAL_STRATEGIES.has(primary) ? 'local' : 'federated',
  };
  const createdAt = present(stringAt(raw, 'created_at'));
  const updatedAt = present(stringAt(raw, 'updated_at'));
  const lastLoginAt = present(stringAt(raw, 'last_login'));
  if (createdAt) profile.createdAt = createdAt;
  if (updatedAt) profile.updatedAt = updatedAt;
  if (lastLoginAt) profile.lastLoginAt = lastLoginAt;
  if (consent) {
    const stated = consent.consentOf(valueAtPath(raw, consent.attribute), consent.updatedAt === undefined ? undefined : valueAtPath(raw, consent.updatedAt));
    if (stated) profile.consent = stated;
  }
  return { profile, identities: identities.length };
}

/**
 * Auth0 fills `name` with the email address (or phone) when nobody gave a name: that is not a
 * name and must not count as a filled attribute or match people by name.
 */
function realName(name: string | undefined, email: string | undefined): string | undefined {
  if (!name || name === email || name.includes('@')) return undefined;
  return name;
}

/** Social and enterprise identities are federated links; the `auth0` database and passwordless ones are local. */
function federatedLink(identity: Record<string, unknown>): ExplicitLink[] {
  const provider = present(stringAt(identity, 'provider'));
  const raw = identity.user_id;
  const subject = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : undefined;
  if (!provider || LOCAL_STRATEGIES.has(provider)) return [];
  const via = present(stringAt(identity, 'connection')) ?? provider;
  return [{ kind: 'federated-identity', via, value: subject ? `${provider}|${subject}` : '' }];
}

/** The primary identity is the first entry; without identities, the `provider|id` form of user_id tells. */
function primaryProvider(identities: Array<Record<string, unknown>>, userId: string): string | undefined {
  const first = identities[0];
  if (first) return present(stringAt(first, 'provider'));
  const bar = userId.indexOf('|');
  return bar > 0 ? userId.slice(0, bar) : undefined;
}

