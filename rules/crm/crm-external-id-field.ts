import type { CrmLinkField } from '../../src/model/crm-facts.js';
import { nameSome } from '../../src/rules-engine/authenticators.js';
import { capped } from '../../src/rules-engine/clients.js';
import { crmSection, customerObjects } from '../../src/rules-engine/crm.js';
import { defineRule, notObserved, type Finding } from '../../src/rules-engine/define.js';
import { graphEntries } from '../../src/rules-engine/graph.js';

function label(f: CrmLinkField): string {
  return `${f.object}.${f.field} (${f.source})`;
}

export default defineRule({
  meta: {
    id: 'CRM-EXTERNAL-ID-FIELD',
    title: 'The CRM has a unique External ID field for the identity key',
    severity: 'medium',
    area: 'crm',
    process: 'user-management',
    tier: 'T2',
    messages: {
      uniqueKey: 'The customer object has a unique External ID field that can hold the identity key: {{fields}}.',
      notUnique:
        'Field(s) that can hold the identity key exist on the customer object but are not a unique External ID ({{fields}}): the CRM accepts the same key on several contacts and cannot upsert by it.',
      noKeyField:
        'No field on the customer object ({{objects}}) can hold the identity key{{elsewhere}}: the CRM can only match customers by email, which mis-links and duplicates them.',
    },
    rationale:
      'A connected platform joins each CRM contact to its identity by a stored key: the identity store\'s user id or iss + sub, the only stable and unique identifier (OIDC Core §5.7). Without a unique External ID field the CRM falls back to matching on email, which changes, is shared and is reused; with a non-unique one, duplicates with the same key go unnoticed and integrations cannot upsert by it.',
    remediation:
      'Create a text field on the customer object (Salesforce Contact, or person account) marked External ID and Unique, e.g. IdP_Subject__c, and have the identity platform or the integration write the user id into it (Salesforce upsert by External ID); in HubSpot create a contact property with "unique values" (hasUniqueValue) for the key. Name it in the connector\'s link-field setting so the scan reads it as configured.',
    references: [
      { spec: 'OpenID Connect Core 1.0', section: '5.7' },
      { spec: 'RFC 7643', section: '3.1' },
      { spec: 'Salesforce Object Reference', section: 'field describe (externalId, unique)' },
      { spec: 'HubSpot CRM API', section: 'properties (hasUniqueValue)' },
    ],
  },
  check(inventory) {
    const out: Finding[] = [];
    for (const entry of graphEntries(inventory, 'crm')) {
      const base = { targetId: entry.targetId, subject: entry.subject };
      const fields = crmSection(entry, 'identityLinkFields', 'the fields that could hold the identity key');
      if (fields.reason) {
        out.push(notObserved(base.targetId, base.subject, fields.reason));
        continue;
      }
      const all = fields.value;
      // Only the object customers live on counts; when the objects were not read (or none is
      // marked), every object's candidates are considered.
      const objects = customerObjects(entry);
      const onCustomer = objects ? all.filter((f) => objects.includes(f.object)) : all;
      const strong = onCustomer.filter((f) => f.externalId && f.unique);
      const weak = onCustomer.filter((f) => !(f.externalId && f.unique));
      const elsewhere = all.filter((f) => !onCustomer.includes(f));
      const evidence = {
        customerObjects: objects ?? null,
        fields: capped(all).map((f) => ({ object: f.object, field: f.field, externalId: f.externalId, unique: f.unique, source: f.source, ...(f.reason ? { reason: f.reason } : {}) })),
        fieldCount: all.length,
      };
      if (strong.length) {
        out.push({ ...base, outcome: 'pass', messageId: 'uniqueKey', data: { fields: nameSome(strong.map(label)) }, evidence });
      } else if (weak.length) {
        const describe = (f: CrmLinkField) => `${label(f)}: ${[f.externalId ? '' : 'not External ID', f.unique ? '' : 'not unique'].filter(Boolean).join(', ')}`;
        out.push({ ...base, outcome: 'warn', messageId: 'notUnique', data: { fields: nameSome(weak.map(describe)) }, evidence });
      } else {
        const note = elsewhere.length ? ` (candidates exist only on other objects: ${nameSome(elsewhere.map(label))})` : '';
        out.push({ ...base, outcome: 'fail', messageId: 'noKeyField', data: { objects: objects ? objects.join(', ') : 'all objects read', elsewhere: note }, evidence });
      }
    }
    return out;
  },
});
