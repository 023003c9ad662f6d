import { z } from 'zod';
import { forEachStoreSection, noCredentialFindings, storeBase } from '../../src/rules-engine/clients.js';
import { defineRule, notObserved } from '../../src/rules-engine/define.js';

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * NIST SP 800-63B-4 reauthentication limits per AAL (§2.1.3, §2.2.3, §2.3.3): the overall (absolute)
 * timeout and the inactivity (idle) timeout, with the outcome when exceeded as the catalog sets it.
 */
const LIMITS = {
  AAL1: { absolute: { max: 30 * DAY, outcome: 'warn' }, idle: undefined },
  AAL2: { absolute: { max: DAY, outcome: 'warn' }, idle: { max: HOUR, outcome: 'warn' } },
  AAL3: { absolute: { max: 12 * HOUR, outcome: 'fail' }, idle: { max: 15 * 60, outcome: 'warn' } },
} as const;

function duration(seconds: number): string {
  if (seconds % DAY === 0) return `${seconds / DAY} d`;
  if (seconds % HOUR === 0) return `${seconds / HOUR} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

export default defineRule({
  meta: {
    id: 'SESS-REAUTH-TIMEOUTS',
    title: 'Session idle and absolute limits fit the target assurance level',
    severity: 'medium',
    area: 'session',
    process: 'authentication',
    tier: 'T2',
    messages: {
      noAbsoluteLimit: 'Sessions have no absolute limit{{which}}: a stolen session cookie stays valid as long as it is used{{otherProblems}}.',
      beyondAalFail: 'Session limits exceed {{aal}}: {{problems}}.',
      beyondAal: 'Session limits exceed what {{aal}} allows: {{problems}}.',
      withinAal: 'Session limits fit {{aal}}: absolute {{absolute}}, idle {{idle}}{{rememberMe}}.',
    },
    rationale:
      'A session is a bearer credential: the longer it lasts without the user authenticating again, the longer a stolen cookie or an unattended device gives access. NIST SP 800-63B-4 sets overall and inactivity timeouts per assurance level.',
    remediation:
      'Set an absolute session limit and an idle timeout that fit the target AAL (AAL2: at most 24 h absolute and 1 h idle; AAL3: 12 h and 15 min; AAL1: 30 days): Keycloak realm "SSO Session Max" and "SSO Session Idle" (and their Remember Me variants); Auth0 tenant `session_lifetime` and `idle_session_lifetime`; Okta global session policy "Maximum Okta global session lifetime" and "idle time".',
    references: [{ spec: 'NIST SP 800-63B-4', section: '2.1.3, 2.2.3, 2.3.3, 5.2' }],
    options: z.strictObject({
      /** The assurance level the customer accounts are meant to reach (AAL2 for accounts exposing personal data). */
      targetAal: z.enum(['AAL1', 'AAL2', 'AAL3']).default('AAL2'),
    }),
  },
  check(inventory, _graph, options) {
    const aal = options.targetAal;
    const limits = LIMITS[aal];
    const stores = forEachStoreSection(inventory, (s) => s.sessions, (entry, sessions) => {
      const base = storeBase(entry);
      // Both the normal and the "remember me" session are judged; `null` means no limit (the connectors
      // normalise vendor encodings such as Keycloak's 0 for "not set").
      const kinds = [{ name: '', label: 'normal sessions', absolute: sessions.absoluteSeconds, idle: sessions.idleSeconds }];
      if (sessions.rememberMe) kinds.push({ name: ' (remember me)', label: 'remember-me sessions', absolute: sessions.rememberMe.absoluteSeconds, idle: sessions.rememberMe.idleSeconds });
      const evidence = {
        targetAal: aal,
        // null: no limit; 'not reported': the product did not say.
        absoluteSeconds: sessions.absoluteSeconds === undefined ? 'not reported' : sessions.absoluteSeconds,
        idleSeconds: sessions.idleSeconds === undefined ? 'not reported' : sessions.idleSeconds,
        rememberMe: sessions.rememberMe ?? null,
        limits: { absoluteSeconds: limits.absolute.max, idleSeconds: limits.idle?.max ?? null },
      };
      const unlimited: string[] = [];
      const failing: string[] = [];
      const warning: string[] = [];
      const unreported: string[] = [];
      for (const k of kinds) {
        if (k.absolute === null) unlimited.push(k.label);
        else if (k.absolute === undefined) unreported.push(`absolute limit${k.name}`);
        else if (k.absolute > limits.absolute.max) {
          (limits.absolute.outcome === 'fail' ? failing : warning).push(`absolute${k.name} ${duration(k.absolute)} > ${duration(limits.absolute.max)}`);
        }
        if (!limits.idle) continue;
        if (k.idle === undefined) unreported.push(`idle timeout${k.name}`);
        else if (k.idle === null) warning.push(`no idle timeout${k.name}`);
        else if (k.idle > limits.idle.max) warning.push(`idle${k.name} ${duration(k.idle)} > ${duration(limits.idle.max)}`);
      }
      const problems = [...failing, ...warning];
      if (unlimited.length) {
        const which = sessions.rememberMe ? ` (${unlimited.join(', ')})` : '';
        return { ...base, outcome: 'fail', messageId: 'noAbsoluteLimit', data: { which, otherProblems: problems.length ? `; also ${problems.join('; ')}` : '' }, evidence };
      }
      if (failing.length) return { ...base, outcome: 'fail', messageId: 'beyondAalFail', data: { aal, problems: problems.join('; ') }, evidence };
      if (warning.length) return { ...base, outcome: 'warn', messageId: 'beyondAal', data: { aal, problems: warning.join('; ') }, evidence };
      if (unreported.length) {
        return { ...notObserved(base.targetId, base.subject, { kind: 'not-observed', detail: `${entry.product} did not report the ${unreported.join(' and ')}` }), evidence };
      }
      const rm = sessions.rememberMe;
      return {
        ...base,
        outcome: 'pass',
        messageId: 'withinAal',
        data: {
          aal,
          absolute: typeof sessions.absoluteSeconds === 'number' ? duration(sessions.absoluteSeconds) : '',
          idle: typeof sessions.idleSeconds === 'number' ? duration(sessions.idleSeconds) : 'not limited (not required at AAL1)',
          rememberMe: rm ? `; remember me: absolute ${typeof rm.absoluteSeconds === 'number' ? duration(rm.absoluteSeconds) : '-'}, idle ${typeof rm.idleSeconds === 'number' ? duration(rm.idleSeconds) : '-'}` : '',
        },
        evidence,
      };
    });
    return [...noCredentialFindings(inventory), ...stores];
  },
});
