import type { ClientRegistrationFacts, ProvisioningFacts, SigningKeyFacts } from '../../src/model/store-facts.js';
import { configBool, configInt, configList, configValue, type Json, obj, objects, str } from './json.js';

/**
 * ComponentRepresentation (user storage, client-registration policies), KeysMetadataRepresentation
 * and the declarative user profile (UPConfig), pure. Component `config` values are string arrays.
 */

export const USER_STORAGE_TYPE = 'org.keycloak.storage.UserStorageProvider';
export const REGISTRATION_POLICY_TYPE = 'org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy';

export function directoryFederation(components: readonly Json[]): NonNullable<ProvisioningFacts['directoryFederation']> {
  return components
    .filter((c) => str(c.providerId) === 'ldap')
    .map((c) => {
      const config = obj(c.config);
      const entry: NonNullable<ProvisioningFacts['directoryFederation']>[number] = {
        name: str(c.name) ?? str(c.id) ?? 'ldap',
        connectionUrl: configValue(config, 'connectionUrl') ?? '',
        startTls: configBool(config, 'startTls') === true,
        enabled: configBool(config, 'enabled') !== false,
      };
      const vendor = configValue(config, 'vendor');
      const editMode = configValue(config, 'editMode');
      // -1 (Keycloak's "off") is kept: the rule tells periodic from on-demand sync.
      const full = configInt(config, 'fullSyncPeriod');
      const changed = configInt(config, 'changedSyncPeriod');
      if (vendor) entry.vendor = vendor;
      if (editMode) entry.editMode = editMode;
      if (full !== undefined) entry.fullSyncPeriodSeconds = full;
      if (changed !== undefined) entry.changedSyncPeriodSeconds = changed;
      return entry;
    });
}

/**
 * Anonymous client registration (no token, or an initial access token) is governed by the
 * policies of subType "anonymous"; the "trusted-hosts" policy is what limits who may call it.
 */
export function clientRegistrationFacts(policies: readonly Json[]): ClientRegistrationFacts {
  const anonymous = policies.filter((p) => str(p.subType) === 'anonymous');
  const trusted = anonymous.filter((p) => str(p.providerId) === 'trusted-hosts');
  const names = anonymous.map((p) => str(p.providerId) ?? '?').sort();
  if (trusted.length === 0) {
    return {
      anonymousAllowed: true,
      restricted: false,
      detail: anonymous.length
        ? `anonymous registration policies without trusted-hosts: ${names.join(', ')}`
        : 'no anonymous client-registration policy: anyone who can reach the registration endpoint may register a client',
    };
  }
  const hosts = trusted.flatMap((p) => configList(obj(p.config), 'trusted-hosts'));
  const hostChecked = trusted.some((p) => configBool(obj(p.config), 'host-sending-registration-request-must-match') !== false);
  if (hostChecked && hosts.length === 0) {
    return { anonymousAllowed: false, restricted: true, detail: 'trusted-hosts policy with no trusted host: anonymous registration is refused' };
  }
  return {
    anonymousAllowed: true,
    restricted: hostChecked,
    detail: hostChecked
      ? `anonymous registration only from ${hosts.length} trusted host(s); policies: ${names.join(', ')}`
      : 'trusted-hosts policy does not check the requesting host',
  };
}

const KEY_STATUS: Record<string, SigningKeyFacts['keys'][number]['status']> = { ACTIVE: 'active', PASSIVE: 'passive', DISABLED: 'disabled' };

/** Signing keys only (`use` SIG; HMAC "OCT" keys sign Keycloak-internal tokens and are never published). */
export function signingKeyFacts(metadata: Json): SigningKeyFacts {
  const keys = objects(metadata.keys)
    .filter((k) => (str(k.use) ?? 'SIG') === 'SIG' && str(k.type) !== 'OCT')
    .map((k) => {
      const key: SigningKeyFacts['keys'][number] = { kid: str(k.kid) ?? '', status: KEY_STATUS[str(k.status) ?? ''] ?? 'unknown' };
      return key;
    });
  // Keycloak does not rotate realm keys by itself: an admin adds a new key provider with a higher priority.
  return { rotation: 'manual', keys };
}

export interface ProgressiveProfile {
  /** Attributes required or shown only when a client requests a given scope. */
  scopedAttributes: string[];
}

export function progressiveProfile(upConfig: Json): ProgressiveProfile {
  const scoped = objects(upConfig.attributes)
    .filter((a) => {
      const requiredScopes = objects([a.required])[0]?.scopes;
      const selectorScopes = objects([a.selector])[0]?.scopes;
      return (Array.isArray(requiredScopes) && requiredScopes.length > 0) || (Array.isArray(selectorScopes) && selectorScopes.length > 0);
    })
    .map((a) => str(a.name) ?? '?');
  return { scopedAttributes: scoped.sort() };
}
