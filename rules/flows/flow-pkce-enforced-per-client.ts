import type { ClientFacts } from '../../src/model/store-facts.js';
import { activeClients, forEachStoreSection, isPublicClient, nameOffenders, noCredentialFindings, offenderEvidence, storeBase } from '../../src/rules-engine/clients.js';
import { defineRule, notObserved } from '../../src/rules-engine/define.js';

const enforcesS256 = (c: ClientFacts) => c.pkce.required === true && c.pkce.method === 'S256';

function weakness(c: ClientFacts): string {
  if (c.pkce.required === true) return `${c.id} (${c.pkce.method ?? 'no method'})`;
  return `${c.id} (not required)`;
}

export default defineRule({
  meta: {
    id: 'FLOW-PKCE-ENFORCED-PER-CLIENT',
    title: 'PKCE with S256 is required for every client that uses the code flow',
    severity: 'high',
    area: 'flows',
    process: 'authorization',
    tier: 'T2',
    messages: {
      publicWithout: '{{count}} public client(s) using the code flow do not have PKCE with S256 enforced: {{clients}}{{confidentialNote}}.',
      confidentialWithout: '{{count}} confidential or unclassified client(s) using the code flow do not have PKCE with S256 enforced: {{clients}}.',
      enforced: 'PKCE with S256 is enforced for all {{count}} enabled client(s) that use the code flow.',
      noCodeFlowClients: 'No enabled client uses the authorization code flow.',
      notReported:
        'Not observed: {{product}} has no per-client PKCE switch for {{count}} client(s) ({{clients}}); PKCE then depends on the client SDK (see OIDC-PKCE-S256 for what the server offers).',
    },
    rationale:
      'Without PKCE an intercepted or injected authorization code can be redeemed by an attacker; public clients have no other protection, and an authorization server that requires PKCE also blocks the PKCE downgrade attack. Only S256 keeps the verifier secret.',
    remediation:
      'Require PKCE with S256 on every client that uses the code flow, public ones first (Keycloak client "Proof Key for Code Exchange Code Challenge Method" = S256; Okta application "Require PKCE as additional verification"); on Auth0, which has no per-client switch, use SDKs that always send an S256 code challenge.',
    references: [
      { spec: 'RFC 9700', section: '2.1.1, 4.8' },
      { spec: 'RFC 7636', section: '4.2, 7.2' },
      { spec: 'OAuth 2.1 (draft)', section: '4.1.1' },
    ],
  },
  check(inventory) {
    // Public clients without enforced S256 fail (high); confidential ones warn (medium: PKCE is
    // RECOMMENDED for them); clients whose type is not known are treated as confidential (warn), never
    // as passing. Built-in vendor clients are judged leniently: they can only warn.
    const stores = forEachStoreSection(inventory, (s) => s.clients, (entry, clients) => {
      const base = storeBase(entry);
      const code = activeClients(clients).filter((c) => c.grants.includes('authorization_code'));
      if (code.length === 0) return { ...base, outcome: 'n/a', messageId: 'noCodeFlowClients', evidence: { clients: clients.length, codeFlow: 0 } };
      const known = code.filter((c) => c.pkce.required !== 'unknown');
      const notReported = code.filter((c) => c.pkce.required === 'unknown').map((c) => c.id);
      const lacking = known.filter((c) => !enforcesS256(c));
      const failing = lacking.filter((c) => isPublicClient(c) && c.builtIn !== true);
      const warning = lacking.filter((c) => !failing.includes(c));
      const evidence = {
        codeFlow: code.length,
        enforced: known.length - lacking.length,
        publicWithout: offenderEvidence(failing.map((c) => c.id)),
        otherWithout: offenderEvidence(warning.map((c) => c.id)),
        notReported: offenderEvidence(notReported),
      };
      if (failing.length) {
        const confidentialNote = warning.length ? `; ${warning.length} other client(s) lack it too` : '';
        return { ...base, outcome: 'fail', messageId: 'publicWithout', data: { count: failing.length, clients: nameOffenders(failing.map(weakness)), confidentialNote }, evidence };
      }
      if (warning.length) return { ...base, outcome: 'warn', severity: 'medium', messageId: 'confidentialWithout', data: { count: warning.length, clients: nameOffenders(warning.map(weakness)) }, evidence };
      if (notReported.length) {
        return {
          ...notObserved(base.targetId, base.subject, { kind: 'not-observed', detail: `${entry.product} has no per-client PKCE switch (${notReported.length} code-flow client(s))` }),
          messageId: 'notReported',
          data: { product: entry.product, count: notReported.length, clients: nameOffenders(notReported) },
          evidence,
        };
      }
      return { ...base, outcome: 'pass', messageId: 'enforced', data: { count: code.length }, evidence };
    });
    return [...noCredentialFindings(inventory), ...stores];
  },
});
