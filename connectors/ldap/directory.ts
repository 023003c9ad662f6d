/**
 * Reads about the directory itself (I/O): the root DSE (bound, or anonymously as the T1 probe) and
 * the password policy entry. Each returns a RawRead; interpret.ts/facts.ts judge them.
 */
import type { CollectContext } from '../../src/connector.js';
import type { StoreCollection } from '../../src/connector-kit/store-collection.js';
import { toScanError, type ScanError } from '../../src/model/errors.js';
import { PASSWORD_POLICY_ATTRIBUTES, ROOT_DSE_ATTRIBUTES } from './attributes.js';
import type { LdapTargetConfig } from './config.js';
import { ldapError } from './errors.js';
import { isWithin, sameDn, values } from './interpret.js';
import { PASSWORD_POLICY_PERMISSION, ROOT_DSE_PERMISSION } from './permissions.js';
import type { RawEntry, RawRead } from './raw.js';
import { LdapSession, type SessionOptions } from './session.js';

export const ROOT_DSE_DATASET = 'root-dse';
export const PASSWORD_POLICY_DATASET = 'password-policy';
/** Looking for pwdPolicy entries must stay cheap on a large directory. */
const POLICY_SEARCH = { sizeLimit: 10, timeLimitSeconds: 30 };

/** The root DSE: base '' scope base (RFC 4512 §5.1). No entry back means it is not readable. */
export async function searchRootDse(session: LdapSession, url: string, ctx: CollectContext): Promise<RawRead<RawEntry>> {
  try {
    const page = await session.search('', { scope: 'base', filter: '(objectClass=*)', attributes: ROOT_DSE_ATTRIBUTES }, 'root-dse');
    const [entry] = page.entries;
    if (entry) return { state: 'read', value: entry };
    return { state: 'failed', error: ldapError({ url, secrets: ctx.secrets }, { code: 'PERMISSION_DENIED', message: 'the root DSE returned no entry for this bind', retryable: false, remediation: `grant ${ROOT_DSE_PERMISSION}` }) };
  } catch (err) {
    return { state: 'failed', error: toScanError(err) };
  }
}

/** The bound read, recorded in coverage; a denial is a missing permission, anything else an error. */
export async function readRootDse(session: LdapSession, config: LdapTargetConfig, collection: StoreCollection, ctx: CollectContext): Promise<RawRead<RawEntry>> {
  ctx.progress('root DSE');
  const dataset = collection.dataset(ROOT_DSE_DATASET);
  const read = await searchRootDse(session, config.url, ctx);
  if (read.state === 'read') dataset.page(1);
  else if (read.state === 'failed') {
    record(collection, read.error, ROOT_DSE_PERMISSION);
    dataset.failed(read.error);
  }
  return read;
}

/**
 * T1 (catalog §14.2): one anonymous read of the root DSE over its own connection, no bind (for
 * ldap:// URLs without StartTLS: nothing secret is sent). A refusal is the safe answer, not a scan
 * error, so nothing is recorded on the snapshot.
 */
export async function probeRootDse(options: SessionOptions, ctx: CollectContext): Promise<RawRead<RawEntry>> {
  ctx.progress('anonymous root DSE (T1)');
  let session: LdapSession | undefined;
  try {
    session = await LdapSession.open(options);
    return await searchRootDse(session, options.url, ctx);
  } catch (err) {
    return { state: 'failed', error: toScanError(err) };
  } finally {
    await session?.close();
  }
}

/**
 * The password policy: the configured DN, else the pwdPolicy entries in the naming context that
 * holds baseDn. Optional: when the operator named no policy, failures only leave the sections
 * absent (logged, not recorded); a named policy that cannot be read is an error.
 */
export async function readPasswordPolicies(
  session: LdapSession,
  config: LdapTargetConfig,
  rootDse: RawEntry | undefined,
  collection: StoreCollection,
  ctx: CollectContext,
): Promise<RawRead<RawEntry[]>> {
  ctx.progress('password policy');
  const request = { scope: 'base' as const, filter: '(objectClass=pwdPolicy)', attributes: PASSWORD_POLICY_ATTRIBUTES };
  if (config.passwordPolicyDn) {
    const dataset = collection.dataset(PASSWORD_POLICY_DATASET);
    try {
      const page = await session.search(config.passwordPolicyDn, request, 'password-policy');
      dataset.page(page.entries.length);
      return { state: 'read', value: page.entries };
    } catch (err) {
      const error = toScanError(err);
      // noSuchObject: missing or hidden; facts.ts reports the named policy as not returned.
      if (error.code === 'NOT_FOUND') {
        dataset.page(0);
        return { state: 'read', value: [] };
      }
      record(collection, error, PASSWORD_POLICY_PERMISSION);
      dataset.failed(error);
      return { state: 'failed', error };
    }
  }
  const found: RawEntry[] = [];
  for (const base of policyBases(config.baseDn, rootDse)) {
    try {
      const page = await session.search(
        base,
        { ...request, scope: 'sub', sizeLimit: POLICY_SEARCH.sizeLimit, timeLimit: Math.min(config.timeLimitSeconds ?? POLICY_SEARCH.timeLimitSeconds, POLICY_SEARCH.timeLimitSeconds) },
        'password-policy',
      );
      // Nested naming contexts would return the same policy twice.
      for (const entry of page.entries) if (!found.some((f) => sameDn(f.dn, entry.dn))) found.push(entry);
    } catch (err) {
      const error = toScanError(err);
      ctx.log.debug(`password policy search below ${base} failed (${error.code}); the policy sections stay absent`);
      return { state: 'failed', error };
    }
  }
  return { state: 'read', value: found };
}

/** The naming contexts that contain baseDn (not every context the server holds), else baseDn itself. */
export function policyBases(baseDn: string, rootDse: RawEntry | undefined): string[] {
  const contexts = values(rootDse, 'namingContexts').filter((nc) => isWithin(baseDn, nc));
  return contexts.length > 0 ? contexts : [baseDn];
}

function record(collection: StoreCollection, error: ScanError, permission: string): void {
  if (error.code === 'PERMISSION_DENIED') collection.missingPermissions.add(permission);
  else collection.errors.push(error);
}
