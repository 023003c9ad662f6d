import type { UnknownReason } from '../../src/model/observation.js';
import type { ClientFacts, TokenPolicyFacts } from '../../src/model/store-facts.js';
import {
  activeClients,
  forEachStoreSection,
  isPublicClient,
  isSenderConstrained,
  issuesRefreshTokens,
  nameOffenders,
  noCredentialFindings,
  offenderEvidence,
  storeBase,
} from '../../src/rules-engine/clients.js';
import { defineRule, notObserved } from '../../src/rules-engine/define.js';

type Protection = 'rotating' | 'bound' | 'unprotected' | 'unknown';

/**
 * How one public client's refresh tokens are protected. Rotation is the client's own setting when it
 * reports one (Auth0 `rotation_type`, Okta `rotation_type`), else the store's (Keycloak realm
 * `revokeRefreshToken` with `refreshTokenMaxReuse`); a token that may be reused (max reuse > 0) is
 * not one-time, so it does not count as rotated.
 */
function protectionOf(client: ClientFacts, tokens: TokenPolicyFacts | undefined): Protection {
  if (isSenderConstrained(client)) return 'bound';
  const own = client.refreshTokens?.rotation;
  const rotation = own === 'rotating' || own === 'static' ? own : tokens?.refreshRotation;
  const reuse = client.refreshTokens?.reuseLimit ?? tokens?.refreshReuseLimit ?? 0;
  if (rotation === 'rotating') return reuse === 0 ? 'rotating' : 'unprotected';
  if (rotation === 'static') return 'unprotected';
  return 'unknown';
}

export default defineRule({
  meta: {
    id: 'TOKEN-REFRESH-PROTECTION',
    title: 'Refresh tokens of public clients are rotated or sender-constrained',
    severity: 'high',
    area: 'keys',
    process: 'authorization',
    tier: 'T2',
    messages: {
      unprotected: '{{count}} of {{publicClients}} public client(s) receive refresh tokens that are neither rotated (one-time use) nor sender-constrained: {{clients}}.',
      builtInUnprotected: 'Only built-in vendor public client(s) receive refresh tokens that are neither rotated nor sender-constrained: {{clients}}.',
      protected: 'All {{publicClients}} public client(s) that receive refresh tokens have them rotated or sender-constrained ({{how}}).',
      noPublicRefresh: 'No enabled public client receives refresh tokens{{confidentialNote}}.',
    },
    rationale:
      'A public client cannot keep a secret, so a refresh token stolen from it (browser storage, device backup) can be redeemed by anyone for as long as it lives; rotation makes a replayed token detectable and revokes the family, sender-constraining makes it useless without the client\'s key.',
    remediation:
      'For SPAs and native apps, turn on refresh-token rotation with one-time use (Keycloak realm "Revoke Refresh Token" on with "Refresh Token Max Reuse" 0; Auth0 application Refresh Token Rotation "rotating"; Okta application refresh token behaviour "Rotate token after every use") or bind refresh tokens with DPoP; confidential clients with sender-constrained tokens need no rotation.',
    references: [
      { spec: 'RFC 9700', section: '2.2.2, 4.14.2' },
      { spec: 'OAuth 2.1 (draft)', section: '4.3.3' },
      { spec: 'FAPI 2.0 Security Profile', section: '5.3.2.1' },
    ],
  },
  check(inventory) {
    const stores = forEachStoreSection(inventory, (s) => s.clients, (entry, clients) => {
      const base = storeBase(entry);
      const tokensSection = entry.store.tokens;
      const tokens = tokensSection?.state === 'observed' ? tokensSection.value : undefined;
      const refresh = activeClients(clients).filter(issuesRefreshTokens);
      const publics = refresh.filter(isPublicClient);
      // Confidential clients with sender-constrained tokens need no rotation (FAPI 2.0 discourages it): N/A for them.
      const confidentialBound = refresh.filter((c) => !isPublicClient(c) && isSenderConstrained(c)).length;
      const judged = publics.map((c) => ({ client: c, protection: protectionOf(c, tokens) }));
      const ids = (p: Protection, builtIn: boolean) => judged.filter((j) => j.protection === p && (j.client.builtIn === true) === builtIn).map((j) => j.client.id);
      const unprotected = ids('unprotected', false);
      // Built-in vendor clients (Keycloak account-console, security-admin-console) are judged leniently: alone they only warn.
      const builtInUnprotected = ids('unprotected', true);
      const unknown = judged.filter((j) => j.protection === 'unknown').map((j) => j.client.id);
      const rotating = judged.filter((j) => j.protection === 'rotating').length;
      const bound = judged.filter((j) => j.protection === 'bound').length;
      const evidence = {
        refreshClients: refresh.length,
        publicClients: publics.length,
        rotating,
        senderConstrained: bound,
        unprotected: offenderEvidence(unprotected),
        builtInUnprotected: offenderEvidence(builtInUnprotected),
        rotationNotReported: offenderEvidence(unknown),
        confidentialSenderConstrained: confidentialBound,
        storeRotation: tokens?.refreshRotation ?? null,
        storeReuseLimit: tokens?.refreshReuseLimit ?? null,
      };
      if (publics.length === 0) {
        const confidentialNote = confidentialBound ? `; ${confidentialBound} confidential client(s) have sender-constrained refresh tokens, for which rotation is not required` : '';
        return { ...base, outcome: 'n/a', messageId: 'noPublicRefresh', data: { confidentialNote }, evidence };
      }
      if (unprotected.length) {
        return { ...base, outcome: 'fail', messageId: 'unprotected', data: { count: unprotected.length + builtInUnprotected.length, publicClients: publics.length, clients: nameOffenders([...unprotected, ...builtInUnprotected]) }, evidence };
      }
      if (unknown.length) {
        const reason: UnknownReason =
          tokensSection?.state === 'unknown'
            ? { ...tokensSection.reason, detail: `the store's refresh-token policy was not read (${tokensSection.reason.detail}), and ${unknown.length} public client(s) do not report their own rotation` }
            : { kind: 'not-observed', detail: `${entry.product} reports no refresh-token rotation for ${unknown.length} public client(s): ${nameOffenders(unknown)}` };
        return { ...notObserved(base.targetId, base.subject, reason), evidence };
      }
      if (builtInUnprotected.length) return { ...base, outcome: 'warn', messageId: 'builtInUnprotected', data: { clients: nameOffenders(builtInUnprotected) }, evidence };
      const how = [rotating ? `${rotating} rotated` : '', bound ? `${bound} sender-constrained` : ''].filter(Boolean).join(', ');
      return { ...base, outcome: 'pass', messageId: 'protected', data: { publicClients: publics.length, how }, evidence };
    });
    return [...noCredentialFindings(inventory), ...stores];
  },
});
