import { z } from 'zod';
import { defineRule } from '../../src/rules-engine/define.js';
import { nameSome, storeFindings, undetermined } from '../../src/rules-engine/authenticators.js';

/**
 * The event types that must be recorded (catalog: Keycloak LOGIN_ERROR, REGISTER, UPDATE_PASSWORD), with
 * their names in the other products' logs: Keycloak ≥ 24 also records UPDATE_CREDENTIAL; Auth0 log codes
 * f/fp/fu (failed login), ss (sign-up), scp (password change); Okta user.session.start (failures are its
 * outcome), user.lifecycle.create, user.account.update_password.
 */
export const REQUIRED_EVENT_TYPES: ReadonlyArray<{ label: string; names: readonly string[] }> = [
  { label: 'LOGIN_ERROR', names: ['login_error', 'f', 'fp', 'fu', 'user.session.start'] },
  { label: 'REGISTER', names: ['register', 'ss', 'user.lifecycle.create'] },
  { label: 'UPDATE_PASSWORD', names: ['update_password', 'update_credential', 'scp', 'user.account.update_password'] },
];

export default defineRule({
  meta: {
    id: 'MON-EVENT-LOGGING',
    title: 'Authentication and admin events are recorded and retained',
    severity: 'high',
    area: 'monitoring',
    process: 'monitoring',
    tier: 'T2',
    messages: {
      recorded: 'User{{admin}} events are recorded{{retention}}, including failed logins, registrations and password changes.',
      gaps: 'Events are recorded, but: {{problems}}.',
      notRecorded: 'Security events are not recorded: {{problems}}. Attacks cannot be detected or investigated.',
    },
    rationale:
      'Failed logins, registrations, password changes and administrator changes are the trail that detection, investigation and customer support depend on; SP 800-63B-4 builds on the SP 800-53 moderate baseline, which includes audit logging. Too short a retention loses the evidence before anyone looks.',
    remediation:
      'Keycloak: eventsEnabled and adminEventsEnabled (with adminEventsDetailsEnabled) on, eventsExpiration of at least the retention target (or none), and enabledEventTypes either empty (all) or including LOGIN_ERROR, REGISTER, UPDATE_PASSWORD/UPDATE_CREDENTIAL. Auth0 and Okta record these events natively; retention is set by the plan, so stream them (MON-SIEM-STREAMING) to keep them longer.',
    references: [
      { spec: 'NIST SP 800-63B-4', section: '2.4.1' },
      { spec: 'Keycloak Admin REST API', section: 'events config' },
      { spec: 'Auth0 Management API v2', section: 'logs' },
      { spec: 'Okta Management API', section: 'system log' },
    ],
    options: z.strictObject({
      /** The operator's retention target for user events, in days. */
      minRetentionDays: z.number().int().min(1).default(30),
    }),
  },
  check(inventory, _graph, options) {
    return storeFindings(inventory, 'monitoring', (entry, mon) => {
      const { userEvents, adminEvents, logApi } = mon;
      const logShowsEvents = logApi?.reachable === true && (logApi.recentEvents ?? 0) > 0;
      const types = userEvents.types;
      const lowered = Array.isArray(types) ? types.map((t) => t.toLowerCase()) : [];
      const missing = types === 'all' || types === undefined ? [] : REQUIRED_EVENT_TYPES.filter((r) => !r.names.some((n) => lowered.includes(n))).map((r) => r.label);
      const evidence = {
        userEvents: userEvents.enabled,
        retentionDays: userEvents.retentionDays === undefined ? 'not observed' : userEvents.retentionDays,
        eventTypes: types === undefined ? 'not observed' : types === 'all' ? 'all' : types.length,
        missingEventTypes: missing,
        adminEvents: adminEvents ? adminEvents.enabled : null,
        adminEventDetails: adminEvents?.details ?? null,
        logApi: logApi ? { reachable: logApi.reachable, recentEvents: logApi.recentEvents ?? null } : null,
        minRetentionDays: options.minRetentionDays,
        activeStreams: mon.streams.filter((s) => s.status === 'active').length,
      };
      const base = { targetId: entry.targetId, subject: entry.subject, evidence };
      const fails: string[] = [];
      const emptyLog = logApi?.reachable === true && logApi.recentEvents === 0;
      // Where the product cannot switch logging off (Auth0, Okta), an empty log API is the finding.
      if (userEvents.enabled === false && !emptyLog) fails.push('user events are disabled');
      if (adminEvents && !adminEvents.enabled) fails.push('admin events are disabled');
      if (emptyLog) fails.push('the log API returns no event at all');
      if (fails.length) return { ...base, outcome: 'fail', messageId: 'notRecorded', data: { problems: fails.join('; ') } };
      const warns: string[] = [];
      const notSeen: string[] = [];
      if (userEvents.enabled === 'unknown' && !logShowsEvents) notSeen.push('whether user events are recorded');
      const retention = userEvents.retentionDays;
      // With an active stream the events are kept by the sink, so the product's own retention does not decide.
      const streamed = mon.streams.some((s) => s.status === 'active');
      if (typeof retention === 'number' && retention < options.minRetentionDays && !streamed) warns.push(`events are kept ${retention} days (target ${options.minRetentionDays}) and no active stream keeps them longer`);
      else if (retention === undefined && !streamed) notSeen.push('how long events are retained (the product does not expose it, and no active stream keeps them)');
      if (missing.length) warns.push(`${nameSome(missing)} ${missing.length === 1 ? 'is' : 'are'} not recorded`);
      else if (types === undefined) notSeen.push('which event types are recorded');
      if (warns.length) return { ...base, outcome: 'warn', severity: 'medium', messageId: 'gaps', data: { problems: warns.join('; ') } };
      if (notSeen.length) return undetermined(entry, notSeen, evidence);
      return {
        ...base,
        outcome: 'pass',
        messageId: 'recorded',
        data: {
          admin: adminEvents?.enabled ? ' and admin' : '',
          retention: retention === null ? ' without expiry' : typeof retention === 'number' && retention >= options.minRetentionDays ? ` for ${retention} days` : ', kept by an active stream',
        },
      };
    });
  },
});
