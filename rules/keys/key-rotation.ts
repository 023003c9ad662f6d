import { z } from 'zod';
import { defineRule, notObserved } from '../../src/rules-engine/define.js';
import type { KeySighting } from '../../src/inventory.js';
import { forEachAuthorizationServer } from '../../src/rules-engine/subjects.js';
import { keysOrUnknown } from '../../src/rules-engine/jwks.js';

const DAY = 86_400_000;

/** Merge this scan's keys into the sightings carried over from history. */
export function mergeSightings(prior: readonly KeySighting[], current: ReadonlyArray<{ kid?: string; thumbprint: string }>, now: string): KeySighting[] {
  const byThumbprint = new Map(prior.map((s) => [s.thumbprint, { ...s }]));
  for (const key of current) {
    const seen = byThumbprint.get(key.thumbprint);
    if (seen) seen.lastSeen = now;
    else byThumbprint.set(key.thumbprint, { ...(key.kid !== undefined ? { kid: key.kid } : {}), thumbprint: key.thumbprint, firstSeen: now, lastSeen: now });
  }
  return [...byThumbprint.values()].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.thumbprint.localeCompare(b.thumbprint));
}

export default defineRule({
  meta: {
    id: 'KEY-ROTATION',
    title: 'Signing keys rotate, with overlap',
    severity: 'low',
    area: 'keys',
    process: 'authentication',
    tier: 'T0',
    messages: {
      rotated: 'A new signing key appeared {{days}} days ago while the previous one stayed published (overlap).',
      rotatedNoOverlap: 'The signing key changed {{days}} days ago without overlap: the old key disappeared in the same scan the new one appeared, breaking tokens in flight.',
      stale: 'The same signing key(s) have been current for {{days}} days, beyond the {{window}}-day rotation window.',
      noHistory: 'Not observed: no earlier scan of this issuer in the history; keys recorded now so that the next scan can tell ({{count}} keys).',
      shortHistory: 'Not observed: the history covers {{days}} days and no key change was seen; the rotation window is {{window}} days.',
    },
    rationale: 'Regular rotation limits the damage of an undetected key compromise; publishing the next key before use and keeping the retired one for a while avoids breaking relying parties.',
    remediation: 'Rotate signing keys automatically at least once per window; publish the new key before signing with it and keep the retired key published until tokens signed with it have expired.',
    references: [
      { spec: 'OpenID Connect Core 1.0', section: '10.1.1' },
      { spec: 'FAPI 2.0 Security Profile', section: '6' },
    ],
    options: z.strictObject({ windowDays: z.number().int().min(1).default(365) }),
  },
  check(inventory, _graph, options) {
    const now = inventory.scannedAt;
    return forEachAuthorizationServer(inventory, (entry) => {
      const { jwks, finding } = keysOrUnknown(entry);
      if (finding) return finding;
      const subject = entry.as.configuredIssuer;
      const current = jwks.keys.filter((k) => k.use !== 'enc' && k.thumbprint !== undefined).map((k) => ({ ...(k.kid !== undefined ? { kid: k.kid } : {}), thumbprint: k.thumbprint as string }));
      const prior = inventory.prior.keySightings[entry.targetId]?.[subject] ?? [];
      const sightings = mergeSightings(prior, current, now);
      const evidence = { keys: sightings, windowDays: options.windowDays };
      const base = { targetId: entry.targetId, subject, evidence };
      const unknownWith = (messageId: string, data: Record<string, number>, detail: string) => ({
        ...notObserved(entry.targetId, subject, { kind: 'not-observed', detail }),
        messageId,
        data,
        evidence,
      });
      if (prior.length === 0) {
        return unknownWith('noHistory', { count: current.length }, 'no earlier scan of this issuer in the history (use --history DIR)');
      }
      if (current.length === 0) {
        return notObserved(entry.targetId, subject, { kind: 'precondition', detail: 'the JWKS holds no signing key whose thumbprint could be computed, so rotation cannot be judged' });
      }
      const nowMs = Date.parse(now);
      const historyStart = Math.min(...prior.map((s) => Date.parse(s.firstSeen)));
      const ageDays = (iso: string) => Math.floor((nowMs - Date.parse(iso)) / DAY);
      // Keys that appeared after the first observation are rotations we witnessed.
      const arrivals = sightings.filter((s) => Date.parse(s.firstSeen) > historyStart && ageDays(s.firstSeen) <= options.windowDays);
      const latest = arrivals.at(-1);
      if (latest) {
        const overlap = sightings.some((s) => s !== latest && Date.parse(s.firstSeen) < Date.parse(latest.firstSeen) && s.lastSeen >= latest.firstSeen);
        return { ...base, outcome: overlap ? 'pass' : 'warn', messageId: overlap ? 'rotated' : 'rotatedNoOverlap', data: { days: ageDays(latest.firstSeen) } };
      }
      const currentSightings = sightings.filter((s) => current.some((c) => c.thumbprint === s.thumbprint));
      const youngest = Math.min(...currentSightings.map((s) => ageDays(s.firstSeen)));
      if (youngest > options.windowDays) return { ...base, outcome: 'warn', messageId: 'stale', data: { days: youngest, window: options.windowDays } };
      const span = Math.floor((nowMs - historyStart) / DAY);
      return unknownWith('shortHistory', { days: span, window: options.windowDays }, `the history covers ${span} days, less than the ${options.windowDays}-day window`);
    });
  },
});
