import rule from '../../../rules/provisioning/prov-directory-tls.js';
import type { DirectoryFacts, ProvisioningFacts } from '../../../src/model/store-facts.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, notRead, ok, storeInventory } from '../../support/store-inventory.js';

type Federation = NonNullable<ProvisioningFacts['directoryFederation']>[number];
const fed = (overrides: Partial<Federation> & { name: string }): Federation => ({
  vendor: 'other',
  connectionUrl: 'ldaps://ldap.example.com:636',
  startTls: false,
  editMode: 'READ_ONLY',
  fullSyncPeriodSeconds: 86_400,
  changedSyncPeriodSeconds: -1,
  enabled: true,
  ...overrides,
});
const realm = (federations: Federation[], targetId = 'kc') => ({ targetId, facts: { provisioning: ok({ directoryFederation: federations }) } });
const dir = (overrides: Partial<DirectoryFacts>): DirectoryFacts => ({ namingContexts: ['dc=example,dc=com'], supportedControls: [], supportedExtensions: [], pagedResults: true, startTls: true, transport: 'ldaps', ...overrides });
const ldapTarget = (d: DirectoryFacts, targetId = 'ldap') => ({ targetId, product: 'ldap', facts: { scope: { kind: 'directory' as const, name: 'ou=customers,dc=example,dc=com' }, directory: ok(d) } });

// Catalog §10 PROV-DIRECTORY-TLS (RFC 4513 §3, §6; RFC 4512 §5.1): FAIL when an LDAP target was scanned over
// plain ldap:// without StartTLS or a Keycloak LDAP federation uses ldap:// with StartTLS off; WARN editMode
// WRITABLE (unless justified in the option); sync periods are INFO evidence.
testRule(rule, [
  {
    name: 'ldaps federation, read-only: pass with sync periods as evidence',
    inventory: storeInventory(realm([fed({ name: 'corp-ldap' })])),
    expected: [{ outcome: 'pass', messageId: 'encrypted', subject: 'realm customers', messageIncludes: ['federation corp-ldap'], evidence: { federations: [{ name: 'corp-ldap', fullSync: 86_400, changedSync: 'on-demand' }] } }],
  },
  {
    name: 'ldap:// with StartTLS on passes',
    inventory: storeInventory(realm([fed({ name: 'corp-ldap', connectionUrl: 'ldap://ldap.example.com', startTls: true })])),
    expected: [{ outcome: 'pass', messageId: 'encrypted' }],
  },
  {
    name: 'ldap:// without StartTLS fails (one of two failover URLs is enough)',
    inventory: storeInventory(realm([fed({ name: 'corp-ldap', connectionUrl: 'ldaps://a.example.com ldap://b.example.com' })])),
    expected: [{ outcome: 'fail', messageId: 'plaintext', severity: 'high', messageIncludes: ['federation corp-ldap uses ldap://b.example.com without StartTLS'], evidence: { plaintextFederations: ['corp-ldap'] } }],
  },
  {
    name: 'a disabled plain federation does not count: N/A',
    inventory: storeInventory(realm([fed({ name: 'legacy', connectionUrl: 'ldap://old.example.com', enabled: false })])),
    expected: [{ outcome: 'n/a', messageId: 'noDirectory', messageIncludes: ['(1 disabled)'] }],
  },
  {
    name: 'WRITABLE federation warns',
    inventory: storeInventory(realm([fed({ name: 'corp-ldap', editMode: 'WRITABLE' })])),
    expected: [{ outcome: 'warn', messageId: 'writable', messageIncludes: ['corp-ldap'] }],
  },
  {
    name: 'WRITABLE justified by the operator passes',
    inventory: storeInventory(realm([fed({ name: 'corp-ldap', editMode: 'WRITABLE' })])),
    options: { justifiedWritable: ['corp-ldap'] },
    expected: [{ outcome: 'pass', messageId: 'encrypted' }],
  },
  {
    name: 'an LDAP target scanned over plain ldap:// fails, noting that the server offers StartTLS',
    inventory: storeInventory(ldapTarget(dir({ transport: 'plain', startTls: true }))),
    expected: [{ outcome: 'fail', messageId: 'plaintext', subject: 'directory ou=customers,dc=example,dc=com', messageIncludes: ['offers StartTLS'] }],
  },
  {
    name: 'an LDAP target over StartTLS passes',
    inventory: storeInventory(ldapTarget(dir({ transport: 'starttls' }))),
    expected: [{ outcome: 'pass', messageId: 'encrypted', messageIncludes: ['directory via starttls'] }],
  },
  {
    name: 'root DSE not read: unknown; federation components denied: unknown',
    inventory: storeInventory([
      { targetId: 'a', product: 'ldap', facts: { scope: { kind: 'directory', name: 'dc=example' }, directory: notRead() } },
      { targetId: 'b', facts: { provisioning: noPermission('view-realm') } },
    ]),
    expected: [
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'a', messageIncludes: ['TIMEOUT'] },
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'b', messageIncludes: ['HTTP 403'] },
    ],
  },
  {
    name: 'several stores: a SCIM service and an Auth0 tenant without federation facts give nothing',
    inventory: storeInventory([
      realm([fed({ name: 'a-ldap' })], 'a'),
      realm([fed({ name: 'b-ldap', connectionUrl: 'ldap://b.example.com' })], 'b'),
      { targetId: 'c', product: 'scim', facts: { scope: { kind: 'scim-service', name: 'scim' }, provisioning: noPermission('scim token') } },
      { targetId: 'd', product: 'auth0', facts: { scope: { kind: 'tenant', name: 'acme' }, provisioning: ok({ lifecycleChannels: [] }) } },
    ]),
    expected: [
      { outcome: 'pass', messageId: 'encrypted', targetId: 'a' },
      { outcome: 'fail', messageId: 'plaintext', targetId: 'b' },
    ],
  },
]);
