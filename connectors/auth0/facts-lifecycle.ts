import { observed, unknownObservation, type Observation } from '../../src/model/observation.js';
import type { MonitoringFacts, ProvisioningFacts, RegistrationFacts } from '../../src/model/store-facts.js';
import { botDetectionActive } from './map-protection.js';
import { orUnknown, reasonOf, valueOf } from './observations.js';
import type { Auth0Collected, LogStreamRecord } from './records.js';

/** Registration, monitoring and lifecycle channels: signup, logs, streams, Actions. */

export function registrationFacts(c: Auth0Collected): Observation<RegistrationFacts> {
  const sources = [c.databases, c.ipThrottling, c.botDetection, c.bindings['post-login']];
  // Signup facts come from several reads: the section is unknown only when none of them answered.
  if (c.databases.state === 'unknown' && sources.every((s) => s.state === 'unknown')) return unknownObservation(c.databases.reason);
  const databases = valueOf(c.databases);
  const optionsKnown = databases !== undefined && databases.every((d) => d.optionsRead);
  const open = (databases ?? []).filter((d) => d.optionsRead && d.disableSignup !== true);
  const ipOnSignup = orUnknown(c.ipThrottling, (ip) => ip.enabled && ip.preRegistration);
  const bots = orUnknown(c.botDetection, botDetectionActive);
  const facts: RegistrationFacts = {
    selfService: open.length > 0 ? true : optionsKnown ? false : 'unknown',
    botProtection: ipOnSignup === true || bots === true ? true : ipOnSignup === 'unknown' || bots === 'unknown' ? 'unknown' : false,
    // Auth0 has no tenant switch that requires verification; Actions may. userStats counts unverified addresses.
    emailVerification: 'unknown',
    progressiveProfiling: progressiveProfiling(c),
  };
  if (optionsKnown && databases.length > 0) facts.emailAsUsername = databases.every((d) => d.requiresUsername !== true);
  const preRegistration = valueOf(c.bindings['pre-user-registration']);
  if (preRegistration) facts.preRegistrationHooks = preRegistration.length;
  return observed(facts);
}

/** Progressive profiling lives in post-login Actions (with Forms); whether one asks for data needs the operator's word. */
function progressiveProfiling(c: Auth0Collected): RegistrationFacts['progressiveProfiling'] {
  const postLogin = c.bindings['post-login'];
  if (postLogin.state === 'unknown') return { enabled: 'unknown' };
  if (postLogin.value.length === 0) return { enabled: false };
  return {
    enabled: 'unknown',
    mechanism: `${postLogin.value.length} post-login Action(s) bound (${postLogin.value.map((b) => b.name).join(', ')}); tag the one that collects profile data to count it`,
  };
}

export function monitoringFacts(c: Auth0Collected): Observation<MonitoringFacts> {
  // Without the streams the SIEM rule would see "no stream" and fail wrongly: the section is unknown.
  if (c.logStreams.state === 'unknown') return unknownObservation(c.logStreams.reason);
  const logs = valueOf(c.logs);
  const facts: MonitoringFacts = {
    userEvents: logs ? { enabled: logs.events > 0, types: 'all' } : { enabled: 'unknown' },
    streams: c.logStreams.value.map((s) => ({ name: s.name, type: s.type, status: streamStatus(s.status) })),
    riskAnalytics: riskAnalytics(c),
  };
  if (logs) facts.logApi = { reachable: true, recentEvents: logs.events };
  return observed(facts);
}

function streamStatus(status: string): MonitoringFacts['streams'][number]['status'] {
  return status === 'active' || status === 'paused' || status === 'suspended' ? status : 'unknown';
}

/** Adaptive MFA scores every login; breached-password detection flags leaked credentials. */
function riskAnalytics(c: Auth0Collected): MonitoringFacts['riskAnalytics'] {
  const adaptive = orUnknown(c.mfaPolicies, (p) => p.includes('confidence-score'));
  const breached = orUnknown(c.breachedPasswords, (b) => b.enabled);
  const produced = adaptive === true || breached === true ? true : adaptive === 'unknown' || breached === 'unknown' ? 'unknown' : false;
  const parts = [`adaptive MFA (confidence-score): ${String(adaptive)}`, `breached-password detection: ${String(breached)}`];
  const stats = valueOf(c.dailyStats);
  if (stats) parts.push(`last ${stats.days} day(s): ${stats.logins} logins, ${stats.signups} signups, ${stats.leakedPasswords} leaked-password detections`);
  return { produced, detail: parts.join('; ') };
}

const TRIGGER_EVENTS = { 'post-user-registration': ['user.registered'], 'post-login': ['user.login'] } as const;

export function provisioningFacts(c: Auth0Collected): Observation<ProvisioningFacts> {
  const channels: NonNullable<ProvisioningFacts['lifecycleChannels']> = [];
  for (const trigger of ['post-user-registration', 'post-login'] as const) {
    for (const binding of valueOf(c.bindings[trigger]) ?? []) {
      channels.push({ kind: 'action', name: `${trigger}: ${binding.name}`, active: true, events: [...TRIGGER_EVENTS[trigger]] });
    }
  }
  for (const stream of valueOf(c.logStreams) ?? []) channels.push(streamChannel(stream));
  const missing = reasonOf(c.bindings['post-user-registration']) ?? reasonOf(c.bindings['post-login']) ?? reasonOf(c.logStreams);
  // A channel found is evidence even when another source was unreadable; "none found" is not.
  if (channels.length === 0 && missing) return unknownObservation(missing);
  return observed({ lifecycleChannels: channels });
}

function streamChannel(stream: LogStreamRecord): NonNullable<ProvisioningFacts['lifecycleChannels']>[number] {
  return { kind: 'log-stream', name: `${stream.type}: ${stream.name}`, active: stream.status === 'active', events: stream.filters.length ? stream.filters : ['all'] };
}
