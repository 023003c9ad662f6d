import { defineRule } from '../../src/rules-engine/define.js';
import type { ProvisioningFacts } from '../../src/model/store-facts.js';
import { isPlatformStore, nameSome, someIds, storeFindings } from '../../src/rules-engine/authenticators.js';

type Channel = NonNullable<ProvisioningFacts['lifecycleChannels']>[number];
type Kind = 'create' | 'update' | 'delete';
const KINDS: readonly Kind[] = ['create', 'update', 'delete'];

/**
 * Lifecycle kinds carried by a channel's event names, across vendors: Keycloak (REGISTER, UPDATE_PROFILE,
 * DELETE_ACCOUNT; admin CREATE/UPDATE/DELETE), Okta (user.lifecycle.create, user.account.update_profile,
 * user.lifecycle.deactivate/delete.initiated), Auth0 (post-user-registration trigger; log codes ss, sdu, scp,
 * sce; log-stream filter user.success). `*` or `all` means every event.
 */
export function lifecycleKinds(events: readonly string[]): Set<Kind> {
  const kinds = new Set<Kind>();
  for (const raw of events) {
    const e = raw.trim().toLowerCase();
    if (e === '*' || e === 'all') return new Set(KINDS);
    if (/delete|deactivat|deprovision|suspend|purge|^sdu$/.test(e)) kinds.add('delete');
    else if (/create|regist|sign-?_?up|^ss$|lifecycle\.activate/.test(e)) kinds.add('create');
    else if (/update|change|modif|^scp$|^sce$|^user\.success$/.test(e)) kinds.add('update');
  }
  return kinds;
}

function qualifies(c: Channel): boolean {
  // Where the product verifies the receiver (Okta event hooks), only verified channels count.
  return c.active && c.verified !== false && lifecycleKinds(c.events).size > 0;
}

export default defineRule({
  meta: {
    id: 'PROV-LIFECYCLE-EVENTS',
    title: 'Identity lifecycle changes are pushed to downstream systems',
    severity: 'low',
    area: 'provisioning',
    process: 'provisioning',
    tier: 'T2',
    messages: {
      pushed: '{{count}} active outbound channel(s) push lifecycle events ({{channels}}), covering {{kinds}}{{missing}}.',
      none: 'No active outbound channel pushes create/update/delete events{{detail}}. Batch synchronisation may still exist (operator attestation).',
    },
    rationale:
      'When sign-ups, profile changes and deletions are pushed as they happen, the CRM and other downstream systems stay in step with the identity store; without events they drift apart, and erasure requests do not propagate.',
    remediation:
      'Push lifecycle events to downstream systems: Okta — an ACTIVE, VERIFIED event hook subscribed to user.lifecycle.create, user.account.update_profile, user.lifecycle.deactivate/delete; Auth0 — Actions on post-user-registration (and post-login for profile changes) or an http log stream; Keycloak — an event listener provider beyond jboss-logging with REGISTER, UPDATE_PROFILE and DELETE_ACCOUNT enabled; or Shared Signals (SSF) push/poll delivery.',
    references: [
      { spec: 'RFC 8935' },
      { spec: 'RFC 8936' },
      { spec: 'OpenID Shared Signals Framework 1.0', section: '6' },
      { spec: 'Okta Management API', section: 'event hooks' },
      { spec: 'Auth0 Management API v2', section: 'actions triggers, log streams' },
      { spec: 'Keycloak Admin REST API', section: 'events config (eventsListeners)' },
    ],
  },
  check(inventory) {
    return storeFindings(
      inventory,
      'provisioning',
      (entry, provisioning) => {
        const channels = provisioning.lifecycleChannels;
        if (!channels) return undefined;
        const good = channels.filter(qualifies);
        const covered = new Set<Kind>();
        for (const c of good) for (const k of lifecycleKinds(c.events)) covered.add(k);
        const describe = (c: Channel) => `${c.kind} ${c.name}`;
        const evidence = {
          channels: channels.length,
          qualifying: someIds(good.map(describe)),
          qualifyingCount: good.length,
          inactive: someIds(channels.filter((c) => !c.active).map(describe)),
          unverified: someIds(channels.filter((c) => c.active && c.verified === false).map(describe)),
          withoutLifecycleEvents: someIds(channels.filter((c) => c.active && c.verified !== false && lifecycleKinds(c.events).size === 0).map(describe)),
          kindsCovered: KINDS.filter((k) => covered.has(k)),
        };
        const base = { targetId: entry.targetId, subject: entry.subject, evidence };
        if (good.length) {
          const missing = KINDS.filter((k) => !covered.has(k));
          return {
            ...base,
            outcome: 'pass',
            messageId: 'pushed',
            data: { count: good.length, channels: nameSome(good.map(describe)), kinds: KINDS.filter((k) => covered.has(k)).join(', '), missing: missing.length ? ` (not ${missing.join(', ')})` : '' },
          };
        }
        const reasons = [
          evidence.inactive.length ? `inactive: ${nameSome(evidence.inactive)}` : '',
          evidence.unverified.length ? `not verified: ${nameSome(evidence.unverified)}` : '',
          evidence.withoutLifecycleEvents.length ? `no lifecycle events: ${nameSome(evidence.withoutLifecycleEvents)}` : '',
        ].filter(Boolean);
        return { ...base, outcome: 'info', messageId: 'none', data: { detail: reasons.length ? ` (${reasons.join('; ')})` : '' } };
      },
      isPlatformStore,
    );
  },
});
