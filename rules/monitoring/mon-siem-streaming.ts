import { z } from 'zod';
import { defineRule, notObserved } from '../../src/rules-engine/define.js';
import { nameSome, observedValue, someIds, storeFindings, undetermined } from '../../src/rules-engine/authenticators.js';

/**
 * Keycloak's built-in listeners that do not ship events anywhere: jboss-logging writes the server log
 * (shipping that log is an operator attestation), email notifies the user of their own events.
 */
const BUILT_IN_LISTENERS = new Set(['jboss-logging', 'email']);

export default defineRule({
  meta: {
    id: 'MON-SIEM-STREAMING',
    title: 'Identity events stream in near real time to an external SIEM or analytics sink',
    severity: 'medium',
    area: 'monitoring',
    process: 'monitoring',
    tier: 'T2',
    messages: {
      streaming: 'Events stream to an external sink: {{sinks}}.',
      attested: 'The operator attests that this store\'s events are shipped to a SIEM (e.g. the server log through a log agent); no stream is configured in the product.',
      paused: 'Log streams are configured but none is active ({{streams}}): events are not reaching the SIEM.',
      none: 'No log stream, event hook or custom event listener sends events out: logs can only be pulled, or not at all.',
    },
    rationale:
      'Detection needs events in the SIEM within minutes; pulling logs by hand, or keeping them only in the product for its retention period, means attacks are found late or never. Real-time dashboards and analytics (maturity level 4) depend on the stream.',
    remediation:
      'Auth0: a log stream (http, Datadog, Splunk, EventBridge…) in status active. Okta: a log stream (AWS EventBridge, Splunk Cloud) ACTIVE, or an event hook to the SIEM. Keycloak: an event listener provider that ships events (e.g. to Kafka or a SIEM) enabled in the realm events config — or ship the jboss-logging server log with a log agent and record that in the attestedTargets option.',
    references: [
      { spec: 'NIST SP 800-63B-4', section: '2.4.1' },
      { spec: 'Auth0 Management API v2', section: 'log streams' },
      { spec: 'Okta Management API', section: 'log streams, event hooks' },
      { spec: 'Keycloak Admin REST API', section: 'events config (eventsListeners)' },
    ],
    options: z.strictObject({
      /** Target ids whose log shipping the operator attests (e.g. Keycloak's server log shipped by an agent). */
      attestedTargets: z.array(z.string()).default([]),
    }),
  },
  check(inventory, _graph, options) {
    return storeFindings(inventory, 'monitoring', (entry, mon) => {
      const active = mon.streams.filter((s) => s.status === 'active');
      const stopped = mon.streams.filter((s) => s.status === 'paused' || s.status === 'suspended');
      const unclear = mon.streams.filter((s) => s.status === 'unknown');
      // Keycloak listeners beyond the built-in ones (the connector may also list them as streams).
      const listeners = (mon.listeners ?? []).filter((l) => !BUILT_IN_LISTENERS.has(l) && !mon.streams.some((s) => s.name === l));
      // Okta event hooks are lifecycle channels, and they push events out too (log streams are already in `streams`).
      const channels = (observedValue(entry.store.provisioning)?.lifecycleChannels ?? []).filter((c) => c.kind === 'event-hook' && c.active && c.verified !== false);
      const sinks = [...active.map((s) => `${s.type} stream ${s.name}`), ...listeners.map((l) => `event listener ${l}`), ...channels.map((c) => `event hook ${c.name}`)];
      const evidence = {
        streams: mon.streams.slice(0, 50).map((s) => ({ name: s.name, type: s.type, status: s.status })),
        streamCount: mon.streams.length,
        listeners: [...(mon.listeners ?? [])],
        outboundHooks: someIds(channels.map((c) => `${c.kind} ${c.name}`)),
        attested: options.attestedTargets.includes(entry.targetId),
      };
      const base = { targetId: entry.targetId, subject: entry.subject, evidence };
      if (sinks.length) return { ...base, outcome: 'pass', messageId: 'streaming', data: { sinks: nameSome(sinks) } };
      if (options.attestedTargets.includes(entry.targetId)) return { ...base, outcome: 'pass', messageId: 'attested' };
      if (unclear.length) return undetermined(entry, [`whether log stream(s) ${nameSome(unclear.map((s) => s.name))} are active`], evidence);
      // The streams could not be read: no sink seen is not "no sink".
      if (mon.streamsUnknown) return { ...notObserved(entry.targetId, entry.subject, mon.streamsUnknown), evidence };
      if (stopped.length) return { ...base, outcome: 'warn', messageId: 'paused', data: { streams: nameSome(stopped.map((s) => `${s.name} ${s.status}`)) } };
      return { ...base, outcome: 'fail', messageId: 'none' };
    });
  },
});
