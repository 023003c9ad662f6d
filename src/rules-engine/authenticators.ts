import { authorizationServers, identityStores, type AuthorizationServerEntry, type IdentityStoreEntry, type Inventory } from '../inventory.js';
import type { Observation } from '../model/observation.js';
import type { AuthenticationFacts, FactorType, IdentityStoreFacts } from '../model/store-facts.js';
import { notObserved, type Finding } from './define.js';

/**
 * Shared helpers of the identity-store rules (MFA, authentication, registration, provisioning,
 * monitoring): authenticator classification after NIST SP 800-63B-4, iteration over the normalised
 * store facts with the `unknown` findings the conventions require, and the aggregation of offenders
 * into one store-level finding.
 */

// ---------------------------------------------------------------------------------------------
// Authenticator classification (NIST SP 800-63B-4)
// ---------------------------------------------------------------------------------------------

export type Factor = AuthenticationFacts['factors'][number];

/** Phishing-resistant (verifier-impersonation-resistant) authenticators: WebAuthn and passkeys (§3.2.5, Appendix B). */
export const PHISHING_RESISTANT_FACTORS: readonly FactorType[] = ['webauthn', 'passkey'];

/** Authenticators delivered over the public switched telephone network: RESTRICTED (§3.1.3.3, §3.2.9). */
export const PSTN_FACTORS: readonly FactorType[] = ['sms', 'voice'];

/**
 * Entries that are not a second authentication factor: recovery codes only stand in for an enrolled
 * factor, and knowledge-based questions are not an authenticator at all (§3.1.1.2 item 8).
 */
export const NON_FACTORS: readonly FactorType[] = ['recovery-code', 'security-question'];

export function isPhishingResistant(type: FactorType): boolean {
  return PHISHING_RESISTANT_FACTORS.includes(type);
}

export function isPstn(type: FactorType): boolean {
  return PSTN_FACTORS.includes(type);
}

/**
 * A factor that is a valid alternative to a RESTRICTED (PSTN) one: not PSTN, not email (which SHALL
 * NOT be used for out-of-band authentication, §3.1.3.1) and not a non-factor. `other` counts: the
 * connector could not classify it, and it is not one of the weak kinds.
 */
export function isUnrestrictedAlternative(type: FactorType): boolean {
  return !isPstn(type) && type !== 'email' && !NON_FACTORS.includes(type);
}

/** Factors enabled for customers. */
export function enabledFactors(auth: AuthenticationFacts): Factor[] {
  return auth.factors.filter((f) => f.enabled);
}

/** Enabled factors that can serve as a second factor (recovery codes and security questions excluded). */
export function secondFactors(auth: AuthenticationFacts): Factor[] {
  return enabledFactors(auth).filter((f) => !NON_FACTORS.includes(f.type));
}

/** `type` or `type (name)` when the vendor's name differs, for messages and evidence. */
export function factorLabel(f: Factor): string {
  return f.name && f.name !== f.type ? `${f.type} (${f.name})` : f.type;
}

// ---------------------------------------------------------------------------------------------
// Store iteration
// ---------------------------------------------------------------------------------------------

export type StoreSection = Exclude<keyof IdentityStoreFacts, 'scope'>;
export type SectionValue<K extends StoreSection> = NonNullable<IdentityStoreFacts[K]> extends Observation<infer T> ? T : never;

/** The observed value of an optional section, or undefined when it is absent or unknown. */
export function observedValue<T>(observation: Observation<T> | undefined): T | undefined {
  return observation?.state === 'observed' ? observation.value : undefined;
}

/**
 * One finding per identity store that has `section`: absent means this kind of store has no such
 * thing (no finding); `unknown` gives an `unknown` finding carrying the section's reason (e.g. the
 * missing role). `check` may return undefined when a sub-section the rule needs is absent.
 * `appliesTo` leaves out stores the rule is not about (e.g. only SCIM services for the SCIM rules).
 */
export function forEachStoreSection<K extends StoreSection>(
  inventory: Inventory,
  section: K,
  check: (entry: IdentityStoreEntry, value: SectionValue<K>) => Finding | undefined,
  appliesTo: (entry: IdentityStoreEntry) => boolean = () => true,
): Finding[] {
  const out: Finding[] = [];
  for (const entry of identityStores(inventory)) {
    if (!appliesTo(entry)) continue;
    const observation = entry.store[section] as Observation<SectionValue<K>> | undefined;
    if (!observation) continue;
    if (observation.state === 'unknown') {
      out.push(notObserved(entry.targetId, entry.subject, observation.reason));
      continue;
    }
    const finding = check(entry, observation.value);
    if (finding) out.push(finding);
  }
  return out;
}

/** Issuer comparison for coverage only (not a security check): a trailing slash does not matter. */
function issuerKey(issuer: string): string {
  return issuer.replace(/\/+$/, '');
}

/** Whether an identity store operates this authorization server (same target, or listed among its issuers). */
export function storeCovers(store: IdentityStoreEntry, server: AuthorizationServerEntry): boolean {
  if (store.targetId === server.targetId) return true;
  const issuers = observedValue(store.store.issuers) ?? [];
  const key = issuerKey(server.as.configuredIssuer);
  return issuers.some((i) => issuerKey(i) === key);
}

/** The authorization servers an identity store operates (for combining T0 signals with its T2 facts). */
export function serversOfStore(inventory: Inventory, store: IdentityStoreEntry): AuthorizationServerEntry[] {
  return authorizationServers(inventory).filter((server) => storeCovers(store, server));
}

/** Authorization servers that no identity store of the scan operates: their T2 evidence was not read. */
export function serversWithoutStore(inventory: Inventory): AuthorizationServerEntry[] {
  const stores = identityStores(inventory);
  return authorizationServers(inventory).filter((server) => !stores.some((store) => storeCovers(store, server)));
}

/**
 * The `unknown` finding of a T2 rule for an authorization server scanned without an admin
 * credential: the store behind it exists, but its configuration cannot be read at T0 (catalog §1.2).
 */
export function noCredential(server: AuthorizationServerEntry): Finding {
  const product = server.product === 'oidc' || server.product === 'unknown' ? 'the identity store behind this issuer' : server.product;
  return notObserved(server.targetId, server.as.configuredIssuer, {
    kind: 'no-credential',
    detail: `needs a read-only admin credential (T2) for ${product}`,
    remediation: 'add an identity-store target for this issuer with a read-only admin credential (catalog §14.4)',
  });
}

/**
 * The findings of a T2-only rule: one per identity store that has `section`, plus an `unknown`
 * (no-credential) finding for every authorization server that no store of the scan operates.
 */
export function storeFindings<K extends StoreSection>(
  inventory: Inventory,
  section: K,
  check: (entry: IdentityStoreEntry, value: SectionValue<K>) => Finding | undefined,
  appliesTo?: (entry: IdentityStoreEntry) => boolean,
): Finding[] {
  return [...forEachStoreSection(inventory, section, check, appliesTo), ...serversWithoutStore(inventory).map(noCredential)];
}

/** SCIM services, and any store whose provisioning facts carry SCIM capabilities or the anonymous-read probe. */
export function isScimStore(entry: IdentityStoreEntry): boolean {
  const provisioning = observedValue(entry.store.provisioning);
  return entry.store.scope.kind === 'scim-service' || provisioning?.scim !== undefined || provisioning?.scimAnonymousRead !== undefined;
}

/** Stores that hold customer accounts of an identity platform (not a SCIM service, a directory or a file export). */
export function isPlatformStore(entry: IdentityStoreEntry): boolean {
  const kind = entry.store.scope.kind;
  return kind === 'realm' || kind === 'tenant' || kind === 'org';
}

/**
 * An `unknown` finding for a store whose section was read but does not tell what the rule needs
 * (a value the connector normalised to `unknown`, e.g. because the product has no such setting).
 */
export function undetermined(entry: IdentityStoreEntry, what: readonly string[], evidence?: Record<string, unknown>): Finding {
  const finding = notObserved(entry.targetId, entry.subject, {
    kind: 'not-observed',
    detail: `the ${entry.product} facts do not tell ${what.join('; ')}`,
  });
  return evidence ? { ...finding, evidence } : finding;
}

// ---------------------------------------------------------------------------------------------
// Aggregation of offenders into one store-level finding
// ---------------------------------------------------------------------------------------------

/** Up to `max` names for a message, with the count of the rest: "a, b, c (+4 more)". */
export function nameSome(names: readonly string[], max = 5): string {
  if (names.length === 0) return '(none)';
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} (+${names.length - max} more)` : shown;
}

/** At most `max` ids for evidence (ids and aliases only); the total goes next to it. */
export function someIds(ids: readonly string[], max = 50): string[] {
  return ids.slice(0, max);
}
