import { observed, type Observation } from '../../src/model/observation.js';
import type { MonitoringFacts, ProvisioningFacts } from '../../src/model/store-facts.js';
import { str, strings } from './json.js';
import { forward } from './interpret-policies.js';
import type { OktaRawCollection } from './raw.js';

/**
 * Okta's System Log keeps 90 days of events (Okta System Log API reference, "Data retention").
 * It cannot be switched off; what the scan observes is whether the log API answers.
 */
export const SYSTEM_LOG_RETENTION_DAYS = 90;

/**
 * Pure: log streams (GET /api/v1/logStreams: `name`, `type`, `status`), the system-log probe
 * (GET /api/v1/logs?limit=1, a count only) and ThreatInsight (`action`) to MonitoringFacts. The
 * section needs the log streams: without them "no stream" could not be told from "not read".
 */
export function monitoringFacts(raw: OktaRawCollection): Observation<MonitoringFacts> {
  if (raw.logStreams.state === 'unknown') return forward(raw.logStreams);
  const logs = raw.logs.state === 'observed' ? raw.logs.value : undefined;
  const facts: MonitoringFacts = {
    userEvents: logs ? { enabled: true, retentionDays: SYSTEM_LOG_RETENTION_DAYS, types: 'all' } : { enabled: 'unknown' },
    streams: raw.logStreams.value.map((s) => ({
      name: str(s, 'name') ?? str(s, 'id') ?? 'unnamed',
      type: str(s, 'type') ?? 'unknown',
      status: str(s, 'status') === 'ACTIVE' ? 'active' : str(s, 'status') === 'INACTIVE' ? 'paused' : 'unknown',
    })),
    riskAnalytics: riskAnalytics(raw),
  };
  if (logs) {
    facts.adminEvents = { enabled: true, details: true };
    facts.logApi = { reachable: true, recentEvents: logs.recentEvents };
  }
  return observed(facts);
}

function riskAnalytics(raw: OktaRawCollection): MonitoringFacts['riskAnalytics'] {
  if (raw.threatInsight.state === 'unknown') return { produced: 'unknown', detail: 'ThreatInsight configuration not read' };
  const action = str(raw.threatInsight.value, 'action') ?? 'none';
  return { produced: action !== 'none', detail: `ThreatInsight action ${action}` };
}

/** Event hooks (GET /api/v1/eventHooks: `status`, `verificationStatus`, `events.items`) are the lifecycle channels. */
export function provisioningFacts(raw: OktaRawCollection): Observation<ProvisioningFacts> {
  if (raw.eventHooks.state === 'unknown') return forward(raw.eventHooks);
  return observed({
    lifecycleChannels: raw.eventHooks.value.map((h) => ({
      kind: 'event-hook' as const,
      name: str(h, 'name') ?? str(h, 'id') ?? 'unnamed',
      active: str(h, 'status') === 'ACTIVE',
      verified: str(h, 'verificationStatus') === 'VERIFIED',
      events: strings(h, 'events.items').sort(),
    })),
  });
}
