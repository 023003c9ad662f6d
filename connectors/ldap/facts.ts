/**
 * The raw collection as IdentityStoreFacts (pure). Each section is observed, unknown with the
 * reason (and the missing permission), or absent where a directory has no such thing.
 */
import { observed, unknownObservation, type Observation, type UnknownReason } from '../../src/model/observation.js';
import type { DirectoryFacts, IdentityStoreFacts, UserStatsFacts } from '../../src/model/store-facts.js';
import type { ScanError } from '../../src/model/errors.js';
import { bruteForceFacts, choosePasswordPolicy, directoryFacts, passwordPolicyFacts, productOf } from './interpret.js';
import { PASSWORD_POLICY_PERMISSION, ROOT_DSE_PERMISSION, usersPermission } from './permissions.js';
import type { LdapRawCollection, RawRead } from './raw.js';

export function ldapProduct(raw: LdapRawCollection): string {
  return productOf(readValue(raw.rootDse) ?? readValue(raw.anonymousRootDse));
}

export function ldapStoreFacts(raw: LdapRawCollection): IdentityStoreFacts {
  const facts: IdentityStoreFacts = { scope: { kind: 'directory', name: raw.baseDn }, directory: directoryObservation(raw) };
  const policy = passwordPolicyObservations(raw);
  if (policy) {
    facts.passwordPolicy = policy.passwordPolicy;
    facts.bruteForce = policy.bruteForce;
  }
  facts.userStats = userStatsObservation(raw);
  return facts;
}

function readValue<T>(read: RawRead<T>): T | undefined {
  return read.state === 'read' ? read.value : undefined;
}

/** The bound read wins; the anonymous T1 read stands in when the bound one is missing. */
function directoryObservation(raw: LdapRawCollection): Observation<DirectoryFacts> {
  for (const read of [raw.rootDse, raw.anonymousRootDse]) {
    if (read.state !== 'read') continue;
    const facts = directoryFacts(read.value, raw.transport);
    if (facts) return observed(facts);
  }
  const hidden = [raw.rootDse, raw.anonymousRootDse].some((r) => r.state === 'read');
  if (hidden) {
    return unknownObservation({
      kind: 'no-permission',
      detail: 'root DSE: the entry came back without namingContexts, supportedControl or supportedExtension (hidden by an ACL)',
      permission: ROOT_DSE_PERMISSION,
      remediation: `grant ${ROOT_DSE_PERMISSION}`,
    });
  }
  return unknownObservation(reasonOf(raw.rootDse, 'root DSE', ROOT_DSE_PERMISSION));
}

function passwordPolicyObservations(raw: LdapRawCollection): Pick<Required<IdentityStoreFacts>, 'passwordPolicy' | 'bruteForce'> | undefined {
  const read = raw.passwordPolicies;
  if (!read) return undefined;
  if (read.state !== 'read') {
    // An optional read stays absent unless the operator named the policy: then "unknown" is the truth.
    if (!raw.passwordPolicyDn) return undefined;
    const reason = reasonOf(read, 'password policy', PASSWORD_POLICY_PERMISSION);
    return { passwordPolicy: unknownObservation(reason), bruteForce: unknownObservation(reason) };
  }
  const choice = choosePasswordPolicy(read.value, raw.passwordPolicyDn);
  if (choice.state === 'chosen') {
    return { passwordPolicy: observed(passwordPolicyFacts(choice.entry, choice.note)), bruteForce: observed(bruteForceFacts(choice.entry)) };
  }
  if (choice.state === 'ambiguous') {
    const reason: UnknownReason = {
      kind: 'not-observed',
      detail: `${choice.dns.length} pwdPolicy entries and none is known to be the default (${choice.dns.join('; ')})`,
      remediation: 'set passwordPolicyDn on the target to the default policy (ppolicy_default / olcPPolicyDefault)',
    };
    return { passwordPolicy: unknownObservation(reason), bruteForce: unknownObservation(reason) };
  }
  if (!raw.passwordPolicyDn) return undefined;
  const reason: UnknownReason = {
    kind: 'no-permission',
    detail: `password policy: ${raw.passwordPolicyDn} was not returned (missing, or hidden by an ACL)`,
    permission: PASSWORD_POLICY_PERMISSION,
    remediation: `check passwordPolicyDn, or grant ${PASSWORD_POLICY_PERMISSION}`,
  };
  return { passwordPolicy: unknownObservation(reason), bruteForce: unknownObservation(reason) };
}

/** Counts only. A partial read has no total (LDAP reports none), so the counts would be a guess. */
function userStatsObservation(raw: LdapRawCollection): Observation<UserStatsFacts> {
  const users = raw.users;
  switch (users.state) {
    case 'complete':
      return observed({ total: users.read, read: users.read, enabled: users.enabled, disabled: users.disabled });
    case 'skipped':
      return unknownObservation(users.reason ?? { kind: 'not-observed', detail: 'users were not read' });
    case 'empty': {
      const permission = usersPermission(raw.baseDn);
      return unknownObservation({
        kind: 'no-permission',
        detail: `users: the search below ${raw.baseDn} returned no entries: none match the filter, or the bind DN may not read them`,
        permission,
        remediation: `check baseDn and filter, or grant ${permission}`,
      });
    }
    case 'partial':
      if (!users.error) {
        return unknownObservation({ kind: 'not-observed', detail: `users: read ${users.read} entries, then stopped (${users.detail ?? 'partial'}); the directory reports no total` });
      }
      return unknownObservation({ ...errorReason(users.error, 'users', usersPermission(raw.baseDn), true), detail: `users: read ${users.read} entries, then ${users.error.code}: ${users.error.message}` });
    case 'failed':
      return unknownObservation(users.error ? errorReason(users.error, 'users', usersPermission(raw.baseDn), true) : { kind: 'collection-error', detail: 'users could not be read' });
  }
}

function reasonOf(read: RawRead<unknown>, what: string, permission: string): UnknownReason {
  if (read.state === 'skipped') return read.reason;
  if (read.state === 'failed') return errorReason(read.error, what, permission);
  return { kind: 'not-observed', detail: `${what}: not read` };
}

/** `hiddenIsDenied`: a noSuchObject on a configured base is how OpenLDAP hides what an ACL denies. */
function errorReason(error: ScanError, what: string, permission: string, hiddenIsDenied = false): UnknownReason {
  if (error.code === 'PERMISSION_DENIED' || (hiddenIsDenied && error.code === 'NOT_FOUND')) {
    return { kind: 'no-permission', detail: `${what}: ${error.message}`, permission, remediation: `grant ${permission}`, error };
  }
  return { kind: 'collection-error', detail: `${what}: ${error.code}: ${error.message}`, error };
}
