import type { ProfileInput } from '../../src/identity/profile-store.js';
import type { ExplicitLink, ProfileEmail } from '../../src/model/profile.js';
import type { PropertyNames } from './config.js';
import { consentMeaning } from './interpret-properties.js';
import type { RawContact } from './raw.js';

/**
 * Pure: one HubSpot contact → one profile. Only the properties the mapping names are read; none is
 * logged. Emails carry no verified flag (HubSpot does not verify contact emails).
 */
export interface ContactMapping {
  names: PropertyNames;
  /** The property holding the identity-store key; its value becomes a `crm-key` link. */
  linkProperty?: string;
  /** hs_marketable_status, when the account has it: the fallback consent signal. */
  marketableProperty?: string;
  customerStages: ReadonlySet<string>;
  leadStages: ReadonlySet<string>;
}

export const MARKETABLE_PROPERTY = 'hs_marketable_status';

/** The properties a list request asks for: the mapping's, nothing else (data minimisation, catalog §14.4). */
export function requestedProperties(mapping: ContactMapping): string[] {
  const names = [...Object.values(mapping.names), ...(mapping.linkProperty ? [mapping.linkProperty] : []), ...(mapping.marketableProperty ? [mapping.marketableProperty] : [])];
  return [...new Set(names)].sort();
}

export function contactToProfile(contact: RawContact, mapping: ContactMapping): ProfileInput {
  const value = (name: string | undefined): string | undefined => {
    const v = name === undefined ? undefined : contact.properties[name];
    const trimmed = typeof v === 'string' ? v.trim() : '';
    return trimmed === '' ? undefined : trimmed;
  };
  const { names } = mapping;
  const email = value(names.email);
  const additional = value(names.additionalEmails);
  const phone = value(names.phone);
  const mobile = value(names.mobile);
  const given = value(names.given);
  const family = value(names.family);
  const key = value(mapping.linkProperty);
  const profile: ProfileInput = {
    localId: contact.id,
    emails: emailsOf(email, additional),
    phones: [...new Set([phone, mobile].filter((p): p is string => p !== undefined))],
    names: { ...(given ? { given } : {}), ...(family ? { family } : {}) },
    links: key && mapping.linkProperty ? [linkOf(mapping.linkProperty, key)] : [],
    // The list is read with archived=false: an archived contact only shows when HubSpot says so.
    status: contact.archived ? 'disabled' : 'active',
    filledAttributes: [email, additional, phone, mobile, given, family, key].filter((v) => v !== undefined).length,
  };
  const lifecycle = lifecycleOf(value(names.lifecycle), mapping);
  if (lifecycle) profile.lifecycle = lifecycle;
  const marketing = marketingOf(value(names.consent), consentMeaning(names.consent), value(mapping.marketableProperty));
  if (marketing !== undefined) profile.consent = { marketing };
  const createdAt = timeOf(value(names.created)) ?? contact.createdAt;
  const updatedAt = timeOf(value(names.modified)) ?? contact.updatedAt;
  if (createdAt) profile.createdAt = createdAt;
  if (updatedAt) profile.updatedAt = updatedAt;
  return profile;
}

/** The primary email, then the secondary ones (HubSpot stores them `;`-separated), without repeats. */
function emailsOf(primary: string | undefined, additional: string | undefined): ProfileEmail[] {
  const out: ProfileEmail[] = primary ? [{ address: primary, primary: true }] : [];
  const seen = new Set(out.map((e) => e.address.toLowerCase()));
  for (const address of (additional ?? '').split(/[;,]/).map((a) => a.trim())) {
    if (address === '' || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    out.push({ address, primary: false });
  }
  return out;
}

function linkOf(via: string, value: string): ExplicitLink {
  return { kind: 'crm-key', via, value };
}

export function lifecycleOf(stage: string | undefined, mapping: Pick<ContactMapping, 'customerStages' | 'leadStages'>): ProfileInput['lifecycle'] {
  if (!stage) return undefined;
  const value = stage.toLowerCase();
  if (mapping.customerStages.has(value)) return 'customer';
  if (mapping.leadStages.has(value)) return 'lead';
  return 'other';
}

/**
 * Marketing consent: an opt-out flag set means no; an opt-in flag says yes or no; otherwise the
 * marketing-contact status decides; an opt-out flag explicitly false (and nothing else) means yes.
 */
export function marketingOf(consent: string | undefined, meaning: 'opt-out' | 'opt-in', marketable: string | undefined): boolean | undefined {
  const flag = booleanOf(consent);
  if (meaning === 'opt-in' && flag !== undefined) return flag;
  if (meaning === 'opt-out' && flag === true) return false;
  const status = booleanOf(marketable);
  if (status !== undefined) return status;
  return meaning === 'opt-out' && flag === false ? true : undefined;
}

function booleanOf(value: string | undefined): boolean | undefined {
  const v = value?.toLowerCase();
  if (v === 'true' || v === 'yes' || v === '1') return true;
  if (v === 'false' || v === 'no' || v === '0') return false;
  return undefined;
}

/** HubSpot datetime properties: ISO 8601 in v3, epoch milliseconds in older data. */
export function timeOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const t = /^\d{10,}$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}
