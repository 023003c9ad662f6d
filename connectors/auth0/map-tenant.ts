import { booleanAt, numberAt, objectAt, present, stringAt, stringsAt } from './json-read.js';
import type { TenantRecord } from './records.js';

const HOUR = 3600;
const MINUTE = 60;

/**
 * `GET /api/v2/tenants/settings`. Lifetimes are given in hours (`session_lifetime`,
 * `idle_session_lifetime`) and, on newer tenants, also in minutes (`*_in_minutes`), which are
 * more precise and win.
 */
export function tenantRecord(document: unknown): TenantRecord {
  const record: TenantRecord = { allowedLogoutUrls: stringsAt(document, 'allowed_logout_urls') ?? [] };
  const idle = seconds(numberAt(document, 'idle_session_lifetime_in_minutes'), numberAt(document, 'idle_session_lifetime'));
  const absolute = seconds(numberAt(document, 'session_lifetime_in_minutes'), numberAt(document, 'session_lifetime'));
  if (idle !== undefined) record.sessionIdleSeconds = idle;
  if (absolute !== undefined) record.sessionAbsoluteSeconds = absolute;
  const dcr = booleanAt(objectAt(document, 'flags'), 'enable_dynamic_client_registration');
  if (dcr !== undefined) record.dynamicClientRegistration = dcr;
  const redirect = present(stringAt(document, 'default_redirection_uri'));
  if (redirect) record.defaultRedirectionUri = redirect;
  const sandbox = present(stringAt(document, 'sandbox_version'));
  if (sandbox) record.sandboxVersion = sandbox;
  const deviceFlow = objectAt(document, 'device_flow');
  if (deviceFlow) {
    const charset = stringAt(deviceFlow, 'charset');
    const mask = stringAt(deviceFlow, 'mask');
    record.deviceFlow = { ...(charset ? { charset } : {}), ...(mask ? { mask } : {}) };
  }
  return record;
}

function seconds(minutes: number | undefined, hours: number | undefined): number | undefined {
  if (minutes !== undefined && minutes >= 0) return Math.round(minutes * MINUTE);
  if (hours !== undefined && hours >= 0) return Math.round(hours * HOUR);
  return undefined;
}
