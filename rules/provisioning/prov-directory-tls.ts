import { z } from 'zod';
import { identityStores } from '../../src/inventory.js';
import { defineRule, notObserved, type Finding } from '../../src/rules-engine/define.js';
import type { ProvisioningFacts } from '../../src/model/store-facts.js';
import type { UnknownReason } from '../../src/model/observation.js';
import { isPlatformStore, nameSome, someIds } from '../../src/rules-engine/authenticators.js';

type Federation = NonNullable<ProvisioningFacts['directoryFederation']>[number];

/** The URLs of a federation entry (Keycloak accepts a space-separated list for failover). */
function urls(f: Federation): string[] {
  return f.connectionUrl.split(/\s+/).filter(Boolean);
}

/** Plain `ldap://` without StartTLS: the bind credentials and user passwords cross the network in clear. */
function plaintext(f: Federation): string[] {
  return f.startTls ? [] : urls(f).filter((u) => u.toLowerCase().startsWith('ldap://'));
}

/** Keycloak: a sync period ≤ 0 (usually -1) or none means the sync runs on demand only. */
function syncOf(seconds: number | undefined): number | 'on-demand' {
  return seconds !== undefined && seconds > 0 ? seconds : 'on-demand';
}

export default defineRule({
  meta: {
    id: 'PROV-DIRECTORY-TLS',
    title: 'LDAP directories and user federation are reached over TLS',
    severity: 'high',
    area: 'provisioning',
    process: 'provisioning',
    tier: 'T1',
    messages: {
      encrypted: 'Directory connections are encrypted ({{connections}}).',
      writable: 'Directory connections are encrypted, but {{count}} federation(s) write back to LDAP (editMode WRITABLE): {{names}}.',
      plaintext: 'Directory traffic crosses the network in clear: {{problems}}.',
      noDirectory: 'No enabled LDAP user federation is configured{{disabled}}.',
    },
    rationale:
      'A plain ldap:// connection without StartTLS carries the bind DN and password and, with user federation, every customer password checked against the directory; anyone on the path can read them. Write-back (WRITABLE) additionally lets the identity platform change the directory, widening the impact of a compromise.',
    remediation:
      'Use ldaps:// or enable StartTLS (Keycloak user federation: connectionUrl ldaps://… or startTls on; for a scanned directory, configure the target with an ldaps:// URL or startTls: true) and verify the server certificate. Keep editMode READ_ONLY or UNSYNCED unless write-back is a documented requirement (list justified federations in the justifiedWritable option).',
    references: [
      { spec: 'RFC 4513', section: '3, 6' },
      { spec: 'RFC 4512', section: '5.1' },
      { spec: 'Keycloak Admin REST API', section: 'components (UserStorageProvider ldap)' },
    ],
    options: z.strictObject({
      /** Federation names whose WRITABLE edit mode the operator has justified (no WARN for them). */
      justifiedWritable: z.array(z.string()).default([]),
    }),
  },
  check(inventory, _graph, options) {
    const out: Finding[] = [];
    for (const entry of identityStores(inventory)) {
      const { directory, provisioning } = entry.store;
      const unknown: UnknownReason[] = [];
      const problems: string[] = [];
      const connections: string[] = [];
      const evidence: Record<string, unknown> = {};
      let relevant = false;
      // An LDAP target scanned directly: how the scanner itself connected.
      if (directory?.state === 'unknown') unknown.push(directory.reason);
      else if (directory) {
        relevant = true;
        const d = directory.value;
        evidence.directory = { transport: d.transport, startTlsOffered: d.startTls, vendor: d.vendor ?? null };
        if (d.transport === 'plain') problems.push(`the directory was scanned over plain ldap:// without StartTLS${d.startTls ? ' (the server offers StartTLS: enable it)' : ''}`);
        else connections.push(`directory via ${d.transport}`);
      }
      // User federation configured in an identity platform (Keycloak LDAP providers). Disabled ones do not count.
      let writable: string[] = [];
      let federationListed = false;
      let disabledFederations = 0;
      if (provisioning?.state === 'unknown') {
        // Only identity platforms federate directories; a SCIM service or a file has none to hide.
        if (isPlatformStore(entry)) unknown.push(provisioning.reason);
      } else if (provisioning?.value.directoryFederation) {
        federationListed = true;
        const federations = provisioning.value.directoryFederation.filter((f) => f.enabled);
        disabledFederations = provisioning.value.directoryFederation.length - federations.length;
        if (federations.length) relevant = true;
        const clear = federations.filter((f) => plaintext(f).length > 0);
        for (const f of clear) problems.push(`federation ${f.name} uses ${plaintext(f).join(' ')} without StartTLS`);
        for (const f of federations.filter((x) => !clear.includes(x))) connections.push(`federation ${f.name}`);
        writable = federations.filter((f) => f.editMode?.toUpperCase() === 'WRITABLE' && !options.justifiedWritable.includes(f.name)).map((f) => f.name);
        evidence.federations = federations.slice(0, 50).map((f) => ({
          name: f.name,
          vendor: f.vendor ?? null,
          connectionUrl: f.connectionUrl,
          startTls: f.startTls,
          editMode: f.editMode ?? null,
          // INFO: periodic versus on-demand synchronisation.
          fullSync: syncOf(f.fullSyncPeriodSeconds),
          changedSync: syncOf(f.changedSyncPeriodSeconds),
        }));
        evidence.federationCount = federations.length;
        evidence.plaintextFederations = someIds(clear.map((f) => f.name));
        evidence.plaintextFederationCount = clear.length;
        evidence.writableFederations = someIds(writable);
        evidence.writableFederationCount = writable.length;
        evidence.disabledFederations = disabledFederations;
      }
      const base = { targetId: entry.targetId, subject: entry.subject, evidence };
      if (problems.length) {
        out.push({ ...base, outcome: 'fail', messageId: 'plaintext', data: { problems: nameSome(problems) } });
        continue;
      }
      const firstUnknown = unknown[0];
      if (firstUnknown) {
        out.push({ ...notObserved(entry.targetId, entry.subject, firstUnknown), evidence });
        continue;
      }
      if (!relevant) {
        // A platform whose federation list was read and holds no enabled LDAP provider: nothing to encrypt.
        if (federationListed) out.push({ ...base, outcome: 'n/a', messageId: 'noDirectory', data: { disabled: disabledFederations ? ` (${disabledFederations} disabled)` : '' } });
        continue;
      }
      if (writable.length) {
        out.push({ ...base, outcome: 'warn', messageId: 'writable', data: { count: writable.length, names: nameSome(writable) } });
        continue;
      }
      out.push({ ...base, outcome: 'pass', messageId: 'encrypted', data: { connections: nameSome(connections) } });
    }
    return out;
  },
});
