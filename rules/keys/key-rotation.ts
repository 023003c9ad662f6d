import { z } from 'zod';
import { forEachStoreSection, storeBase } from '../../src/rules-engine/clients.js';
import { defineRule, notObserved, type Finding } from '../../src/rules-engine/define.js';
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
      storeAutomatic: 'The store rotates its signing keys automatically{{rotated}}.',
      storeOverlap: 'The store publishes {{keys}} next to the current signing key, so rotation has overlap.',
      storeStale: 'The store\'s current signing key is {{days}} days old, beyond the {{window}}-day rotation window, and no next or previous key is published.',
      storeRecent: 'The store\'s current signing key is {{days}} days old, within the {{window}}-day rotation window; no next or previous key is published at the moment.',
    },
    rationale: 'Regular rotation limits the damage of an undetected key compromise; publishing the next key before use and keeping the retired one for a while avoids breaking relying parties.',
    remediation:
      'Rotate signing keys automatically at least once per window (Okta authorization servers: rotationMode AUTO; Auth0: rotate the signing key from the dashboard or `POST /api/v2/keys/signing/rotate` on a schedule; Keycloak: add a new key provider with a higher priority and keep the old one passive); publish the new key before signing with it and keep the retired key published until tokens signed with it have expired.',
    references: [
      { spec: 'OpenID Connect Core 1.0', section: '10.1.1' },
      { spec: 'FAPI 2.0 Security Profile', section: '6' },
    ],
    options: z.strictObject({ windowDays: z.number().int().min(1).default(365) }),
  },
  check(inventory, _graph, options) {
    const now = inventory.scannedAt;
    const servers: Finding[] = forEachAuthorizationServer(inventory, (entry) => {
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
    // T2: the store's key management as its admin API reports it (Auth0 current/next/previous and
    // current_since; Okta rotationMode and lastRotated; Keycloak active/passive keys). Keycloak passive
    // keys still verify tokens, so they count as previous keys.
    const nowMs = Date.parse(now);
    const ageDays = (iso: string | undefined): number | undefined => {
      const t = iso === undefined ? Number.NaN : Date.parse(iso);
      return Number.isFinite(t) ? Math.floor((nowMs - t) / DAY) : undefined;
    };
    const stores = forEachStoreSection(inventory, (s) => s.signingKeys, (entry, keys) => {
      const base = storeBase(entry);
      const counts: Record<string, number> = {};
      for (const k of keys.keys) counts[k.status] = (counts[k.status] ?? 0) + 1;
      const current = keys.keys.filter((k) => k.status === 'current' || k.status === 'active');
      const currentAges = current.map((k) => ageDays(k.since)).filter((d): d is number => d !== undefined);
      // The newest current key tells when the store last rotated; lastRotated, when reported, says it directly.
      const days = ageDays(keys.lastRotated) ?? (currentAges.length ? Math.min(...currentAges) : undefined);
      const evidence = { rotation: keys.rotation, lastRotated: keys.lastRotated ?? null, keysByStatus: counts, currentKeyAgeDays: days ?? null, windowDays: options.windowDays };
      if (keys.rotation === 'automatic') {
        return { ...base, outcome: 'pass', messageId: 'storeAutomatic', data: { rotated: days !== undefined ? ` (last rotation ${days} days ago)` : '' }, evidence };
      }
      const overlap = keys.keys.filter((k) => k.status === 'next' || k.status === 'previous' || k.status === 'passive');
      if (overlap.length) {
        const kinds = ['next', 'previous', 'passive'].filter((s) => counts[s]).map((s) => `${counts[s]} ${s} key(s)`).join(' and ');
        return { ...base, outcome: 'pass', messageId: 'storeOverlap', data: { keys: kinds }, evidence };
      }
      if (days === undefined) {
        return { ...notObserved(base.targetId, base.subject, { kind: 'not-observed', detail: `${entry.product} reported neither automatic rotation, nor a next or previous key, nor when the current key was created` }), evidence };
      }
      if (days > options.windowDays) return { ...base, outcome: 'warn', messageId: 'storeStale', data: { days, window: options.windowDays }, evidence };
      return { ...base, outcome: 'pass', messageId: 'storeRecent', data: { days, window: options.windowDays }, evidence };
    });
    return [...servers, ...stores];
  },
});
