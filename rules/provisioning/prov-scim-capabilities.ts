import { defineRule, notObserved } from '../../src/rules-engine/define.js';
import { forEachStoreSection, isScimStore } from '../../src/rules-engine/authenticators.js';
import { list } from '../../src/rules-engine/subjects.js';

const SERVICE_PROVIDER_CONFIG_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
/** Token-based authentication scheme types (RFC 7643 §5 `authenticationSchemes.type`). */
const TOKEN_SCHEMES = new Set(['oauthbearertoken', 'oauth2', 'oauth']);

export default defineRule({
  meta: {
    id: 'PROV-SCIM-CAPABILITIES',
    title: 'The SCIM 2.0 service provider advertises the features provisioning needs',
    severity: 'medium',
    area: 'provisioning',
    process: 'provisioning',
    tier: 'T0',
    messages: {
      capable: 'The SCIM service supports PATCH, filtering and ETags, and token-based authentication ({{schemes}}).',
      gaps: 'The SCIM service provider configuration is valid, but: {{problems}}.',
      invalid: 'The SCIM ServiceProviderConfig is not valid ({{problem}}): clients cannot discover what the service supports.',
    },
    rationale:
      'Automated provisioning from a CRM or HR source needs PATCH (partial updates), filtering (find the existing record instead of creating a duplicate) and ETags (concurrent writers otherwise overwrite each other); bearer-token authentication avoids long-lived shared passwords. RFC 7644 §4 makes these discoverable in ServiceProviderConfig.',
    remediation:
      'Serve /ServiceProviderConfig with the RFC 7643 §5 schema, and enable patch, filter (with a sensible maxResults) and etag support; advertise an `oauthbearertoken` (or `oauth2`) authentication scheme and retire HTTP Basic. Enable bulk with explicit maxOperations/maxPayloadSize limits if large imports are expected.',
    references: [
      { spec: 'RFC 7644', section: '4, 3.4.2.2, 3.5.2, 3.7, 3.14' },
      { spec: 'RFC 7643', section: '5' },
    ],
  },
  check(inventory) {
    return forEachStoreSection(
      inventory,
      'provisioning',
      (entry, provisioning) => {
        const scim = provisioning.scim;
        if (!scim) return undefined;
        const doc = scim.document;
        const subject = entry.subject;
        if (doc.error) return notObserved(entry.targetId, subject, { kind: 'collection-error', detail: `ServiceProviderConfig could not be fetched (${doc.error.message})`, error: doc.error });
        const status = doc.status ?? 0;
        if (status === 401 || status === 403) return notObserved(entry.targetId, subject, { kind: 'no-permission', detail: `ServiceProviderConfig answered HTTP ${status}, also with the configured credential` });
        if (status >= 500 || status === 429) return notObserved(entry.targetId, subject, { kind: 'collection-error', detail: `ServiceProviderConfig answered HTTP ${status}` });
        const schemes = scim.authenticationSchemes.map((s) => s.toLowerCase());
        const evidence = {
          url: doc.url,
          status,
          validSchema: scim.validSchema,
          patch: scim.patch,
          filter: { supported: scim.filter.supported, maxResults: scim.filter.maxResults ?? null },
          // INFO: bulk limits.
          bulk: { supported: scim.bulk.supported, maxOperations: scim.bulk.maxOperations ?? null, maxPayloadSize: scim.bulk.maxPayloadSize ?? null },
          etag: scim.etag,
          sort: scim.sort,
          changePassword: scim.changePassword,
          cursorPaging: scim.cursorPaging ?? null,
          authenticationSchemes: [...scim.authenticationSchemes],
          enterpriseUser: scim.enterpriseUser,
          resourceTypes: [...scim.resourceTypes],
        };
        const base = { targetId: entry.targetId, subject, evidence };
        // Judged on the body, not on doc.valid: SCIM answers application/scim+json.
        if (status !== 200 || !doc.json || !scim.validSchema) {
          const problem = status !== 200 ? `HTTP ${status}` : !doc.json ? 'the body is not a JSON object' : `"schemas" does not contain ${SERVICE_PROVIDER_CONFIG_SCHEMA}`;
          return { ...base, outcome: 'fail', messageId: 'invalid', data: { problem } };
        }
        const problems: string[] = [];
        if (!scim.patch) problems.push('PATCH is not supported (every change rewrites the whole resource)');
        if (!scim.filter.supported) problems.push('filtering is not supported (existing records cannot be looked up)');
        if (!scim.etag) problems.push('ETags are not supported (concurrent writers, e.g. a CRM sync, can lose updates)');
        const tokenBased = schemes.filter((s) => TOKEN_SCHEMES.has(s));
        if (schemes.length === 0) problems.push('no authentication scheme is advertised');
        else if (tokenBased.length === 0) problems.push(`only ${list(scim.authenticationSchemes)} authentication is advertised (no token-based scheme)`);
        if (problems.length) return { ...base, outcome: 'warn', messageId: 'gaps', data: { problems: problems.join('; ') } };
        return { ...base, outcome: 'pass', messageId: 'capable', data: { schemes: list(tokenBased) } };
      },
      isScimStore,
    );
  },
});
