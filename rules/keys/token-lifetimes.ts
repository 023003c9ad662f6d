import { z } from 'zod';
import { identityStores } from '../../src/inventory.js';
import type { ClientFacts, TokenPolicyFacts } from '../../src/model/store-facts.js';
import { activeClients, capped, issuesRefreshTokens, nameOffenders, noCredentialFindings, sectionValue, storeBase } from '../../src/rules-engine/clients.js';
import { defineRule, notObserved, type Finding } from '../../src/rules-engine/define.js';

/** FAPI 2.0 SP §5.3.2.1: authorization codes live at most 60 seconds (a fixed requirement, not an operator choice). */
const MAX_CODE_SECONDS = 60;

/** `null` means "never" (the connectors normalise vendor flags such as Auth0 infinite_token_lifetime to null). */
type Lifetime = number | null | undefined;

/** A client's own refresh lifetimes override the store's (Auth0 per-application settings, Keycloak client attributes). */
function refreshLifetimes(client: ClientFacts | undefined, tokens: TokenPolicyFacts | undefined): { absolute: Lifetime; idle: Lifetime } {
  const own = client?.lifetimes;
  return {
    absolute: own?.refreshAbsoluteSeconds !== undefined ? own.refreshAbsoluteSeconds : tokens?.refreshAbsoluteSeconds,
    idle: own?.refreshIdleSeconds !== undefined ? own.refreshIdleSeconds : tokens?.refreshIdleSeconds,
  };
}

const neverExpires = (l: { absolute: Lifetime; idle: Lifetime }) => l.absolute === null && l.idle === null;
const refreshKnown = (l: { absolute: Lifetime; idle: Lifetime }) => typeof l.absolute === 'number' || typeof l.idle === 'number' || neverExpires(l);

export default defineRule({
  meta: {
    id: 'TOKEN-LIFETIMES',
    title: 'Access tokens are short-lived, refresh tokens expire, and authorization codes live one minute',
    severity: 'medium',
    area: 'keys',
    process: 'authorization',
    tier: 'T2',
    messages: {
      refreshNeverExpires: 'Refresh tokens neither expire nor idle-expire for {{where}}{{otherProblems}}.',
      tooLong: 'Token lifetimes exceed the limits: {{problems}}.',
      withinLimits: 'Token lifetimes are within the limits: access tokens at most {{access}} (limit {{max}} s); {{refresh}}; {{code}}.',
    },
    rationale:
      'Every minute a token lives widens the window in which a stolen token can be replayed; a refresh token that never expires, even when unused, is a permanent credential, and long-lived authorization codes invite code injection.',
    remediation:
      'Keep access tokens at or below the limit (Keycloak realm and client "Access Token Lifespan"; Auth0 API "Token Expiration" and application `jwt_configuration.lifetime_in_seconds`; Okta access policy rule "Access token lifetime"), give refresh tokens an idle and an absolute expiry (Auth0: turn off `infinite_token_lifetime` / `infinite_idle_token_lifetime`; Keycloak: limit SSO and offline sessions; Okta: "Refresh token lifetime" and "expires if not used every"), and keep authorization codes at 60 seconds or less (Keycloak "Client login timeout" / accessCodeLifespan).',
    references: [
      { spec: 'RFC 9700', section: '4.14.2' },
      { spec: 'OAuth 2.1 (draft)', section: '7.1' },
      { spec: 'FAPI 2.0 Security Profile', section: '5.3.2.1, 6' },
    ],
    options: z.strictObject({
      /** Longest acceptable access-token lifetime in seconds. */
      maxAccessTokenSeconds: z.number().int().min(1).default(3600),
    }),
  },
  check(inventory, _graph, options) {
    const max = options.maxAccessTokenSeconds;
    const out: Finding[] = [];
    for (const entry of identityStores(inventory)) {
      const base = storeBase(entry);
      const tokensRead = sectionValue(entry.store.tokens);
      const clientsRead = sectionValue(entry.store.clients);
      if (!entry.store.tokens && !entry.store.clients) continue;
      const tokens = tokensRead.value;
      const clients = clientsRead.value ? activeClients(clientsRead.value) : undefined;
      const problems: string[] = [];
      const notReported: string[] = [];

      // Access tokens: the store default and every client override.
      const accessValues: number[] = [];
      if (tokens?.accessTokenSeconds !== undefined) {
        accessValues.push(tokens.accessTokenSeconds);
        if (tokens.accessTokenSeconds > max) problems.push(`store access tokens live ${tokens.accessTokenSeconds} s`);
      }
      const longAccess = (clients ?? []).filter((c) => c.lifetimes?.accessTokenSeconds !== undefined && c.lifetimes.accessTokenSeconds > max);
      for (const c of clients ?? []) if (c.lifetimes?.accessTokenSeconds !== undefined) accessValues.push(c.lifetimes.accessTokenSeconds);
      if (longAccess.length) problems.push(`access tokens of ${longAccess.length} client(s) live longer than ${max} s (${nameOffenders(longAccess.map((c) => `${c.id}: ${c.lifetimes?.accessTokenSeconds ?? ''} s`))})`);
      if (accessValues.length === 0) notReported.push('access-token lifetime');

      // Refresh tokens: per client that receives them; the store policy alone when clients were not read.
      const never: string[] = [];
      let refresh: string;
      if (clients) {
        const refreshClients = clients.filter(issuesRefreshTokens);
        const lifetimes = refreshClients.map((c) => ({ c, l: refreshLifetimes(c, tokens) }));
        never.push(...lifetimes.filter((x) => neverExpires(x.l)).map((x) => x.c.id));
        const unknownRefresh = lifetimes.filter((x) => !refreshKnown(x.l)).length;
        if (unknownRefresh) notReported.push(`refresh-token lifetime of ${unknownRefresh} client(s)`);
        refresh = refreshClients.length ? `refresh tokens of all ${refreshClients.length} client(s) that receive them expire` : 'no enabled client receives refresh tokens';
      } else {
        const l = refreshLifetimes(undefined, tokens);
        if (neverExpires(l)) never.push('the store policy');
        else if (!refreshKnown(l)) notReported.push('refresh-token lifetime');
        refresh = 'the store\'s refresh tokens expire';
      }

      const code = tokens?.authorizationCodeSeconds;
      if (code === undefined) notReported.push('authorization-code lifetime');
      else if (code > MAX_CODE_SECONDS) problems.push(`authorization codes live ${code} s (FAPI 2.0: at most ${MAX_CODE_SECONDS} s)`);

      const evidence = {
        maxAccessTokenSeconds: max,
        storeAccessTokenSeconds: tokens?.accessTokenSeconds ?? null,
        longestAccessTokenSeconds: accessValues.length ? Math.max(...accessValues) : null,
        longAccessClients: capped(longAccess.map((c) => c.id)),
        refreshNeverExpires: capped(never),
        storeRefreshAbsoluteSeconds: tokens?.refreshAbsoluteSeconds,
        storeRefreshIdleSeconds: tokens?.refreshIdleSeconds,
        authorizationCodeSeconds: code ?? null,
        notReported,
      };
      if (never.length) {
        const where = clients ? `${never.length} client(s): ${nameOffenders(never)}` : 'the store policy';
        out.push({ ...base, outcome: 'fail', messageId: 'refreshNeverExpires', data: { where, otherProblems: problems.length ? `; also ${problems.join('; ')}` : '' }, evidence });
        continue;
      }
      if (problems.length) {
        out.push({ ...base, outcome: 'warn', messageId: 'tooLong', data: { problems: problems.join('; ') }, evidence });
        continue;
      }
      // Nothing too long among what was read. Pass needs the access-token and refresh-token parts; an
      // unreported code lifetime is named in the message but does not block (several products fix it).
      const blocking = notReported.filter((p) => p !== 'authorization-code lifetime');
      if (blocking.length) {
        const section = tokensRead.reason ?? clientsRead.reason;
        const missing = blocking.join(' and ');
        const reason = section ? { ...section, detail: `the ${missing} could not be read: ${section.detail}` } : { kind: 'not-observed' as const, detail: `${entry.product} did not report the ${missing}` };
        out.push({ ...notObserved(base.targetId, base.subject, reason), evidence });
        continue;
      }
      out.push({
        ...base,
        outcome: 'pass',
        messageId: 'withinLimits',
        data: {
          access: `${Math.max(...accessValues)} s`,
          max,
          refresh,
          code: code === undefined ? 'the authorization-code lifetime was not reported' : `authorization codes ${code} s`,
        },
        evidence,
      });
    }
    return [...noCredentialFindings(inventory), ...out];
  },
});
