import { z } from 'zod';
import {
  activeClients,
  ASYMMETRIC_AUTH_METHODS,
  forEachStoreSection,
  INTERACTIVE_GRANTS,
  nameOffenders,
  noCredentialFindings,
  offenderEvidence,
  percent,
  share,
  storeBase,
  usesGrant,
} from '../../src/rules-engine/clients.js';
import { defineRule, notObserved } from '../../src/rules-engine/define.js';

export default defineRule({
  meta: {
    id: 'CAUTH-CLIENT-INVENTORY',
    title: 'Confidential clients authenticate with asymmetric keys, and no client mixes machine and user access',
    severity: 'medium',
    area: 'flows',
    process: 'authorization',
    tier: 'T2',
    messages: {
      mixedServiceAccount:
        '{{count}} client(s) have a service account (client credentials) and an interactive grant at once, so one credential grants both machine and user access: {{clients}}.',
      strongShare: '{{share}} confidential client(s) authenticate with private_key_jwt or mutual TLS (threshold {{threshold}} %).',
      weakShare: 'Only {{share}} confidential client(s) authenticate with private_key_jwt or mutual TLS (threshold {{threshold}} %); shared secrets are used by {{clients}}.',
      noConfidentialClients: 'The store has no enabled confidential application client.',
    },
    rationale:
      'Client secrets are shared, must be stored server-side, and leak through configuration and logs; private_key_jwt and mutual TLS keep the private key with the client. A client that is both a service account and an interactive app lets one leaked credential act as the machine and obtain user tokens.',
    remediation:
      'Move confidential clients to private_key_jwt or tls_client_auth (Keycloak client authenticator "Signed JWT" or "X509 certificate"; Auth0 application Private Key JWT credentials; Okta token_endpoint_auth_method private_key_jwt), and split clients that have a service account and interactive grants into a machine client and an interactive client (Keycloak: disable "Service accounts roles" or "Standard flow"; Auth0/Okta: separate applications).',
    references: [
      { spec: 'RFC 9700', section: '2.5' },
      { spec: 'RFC 8705', section: '2' },
      { spec: 'OpenID Connect Core 1.0', section: '9' },
    ],
    options: z.strictObject({
      /** Share of confidential clients that must use asymmetric authentication (0–1). */
      threshold: z.number().min(0).max(1).default(0.5),
    }),
  },
  check(inventory, _graph, options) {
    // Built-in vendor clients (Keycloak `broker`, `realm-management`) are left out of the share: their
    // authentication is a vendor default the operator does not use for applications. The mixed
    // service-account check applies to every enabled client, built-in ones included.
    const stores = forEachStoreSection(inventory, (s) => s.clients, (entry, clients) => {
      const base = storeBase(entry);
      const active = activeClients(clients);
      const mixed = active.filter((c) => c.serviceAccount && usesGrant(c, INTERACTIVE_GRANTS)).map((c) => c.id);
      const confidential = active.filter((c) => c.type === 'confidential' && c.builtIn !== true);
      const strong = confidential.filter((c) => c.authMethod !== undefined && ASYMMETRIC_AUTH_METHODS.includes(c.authMethod));
      const weak = confidential.filter((c) => c.authMethod !== undefined && !ASYMMETRIC_AUTH_METHODS.includes(c.authMethod));
      const unreported = confidential.filter((c) => c.authMethod === undefined).map((c) => c.id);
      const threshold = Math.round(options.threshold * 100);
      const evidence = {
        confidential: confidential.length,
        asymmetric: strong.length,
        sharePercent: percent(strong.length, confidential.length),
        thresholdPercent: threshold,
        sharedSecret: offenderEvidence(weak.map((c) => `${c.id} (${c.authMethod ?? ''})`)),
        methodNotReported: offenderEvidence(unreported),
        mixedServiceAccount: offenderEvidence(mixed),
      };
      if (mixed.length) return { ...base, outcome: 'fail', messageId: 'mixedServiceAccount', data: { count: mixed.length, clients: nameOffenders(mixed) }, evidence };
      if (confidential.length === 0) return { ...base, outcome: 'n/a', messageId: 'noConfidentialClients', evidence };
      // Clients whose method was not reported decide only when they cannot change the verdict.
      const passesAnyway = strong.length / confidential.length >= options.threshold;
      const failsAnyway = (strong.length + unreported.length) / confidential.length < options.threshold;
      if (passesAnyway) return { ...base, outcome: 'pass', messageId: 'strongShare', data: { share: share(strong.length, confidential.length), threshold }, evidence };
      if (failsAnyway) {
        return { ...base, outcome: 'warn', messageId: 'weakShare', data: { share: share(strong.length, confidential.length), threshold, clients: nameOffenders(weak.map((c) => c.id)) }, evidence };
      }
      return {
        ...notObserved(base.targetId, base.subject, {
          kind: 'not-observed',
          detail: `${entry.product} did not report the authentication method of ${unreported.length} confidential client(s) (${nameOffenders(unreported)}), which decides whether the ${threshold} % threshold is met`,
        }),
        evidence,
      };
    });
    return [...noCredentialFindings(inventory), ...stores];
  },
});
