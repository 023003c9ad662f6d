import { describe, expect, it } from 'vitest';
import type { IdentitySection } from '../../src/model/report.js';
import {
  connectionVerdict,
  formatCount,
  formatMean,
  formatNumber,
  formatShare,
  identityView,
  peopleText,
} from '../../src/report/identity-view.js';
import { heatLevel } from '../../src/report/svg.js';

function section(partial: Partial<IdentitySection>): IdentitySection {
  return { built: true, profilesPerTarget: [], clusters: [], overlaps: [], linkRates: [], ...partial };
}

const t = (targetId: string, people: number, kind: 'identity-store' | 'crm' = 'identity-store') => ({
  targetId,
  kind,
  profiles: people + 1,
  people,
  withoutIdentifiers: 0,
});

describe('identityView', () => {
  it('normalises each pair to (lower, higher) id and classifies silo, joined and disjoint', () => {
    const view = identityView(
      section({
        targets: [t('b', 10), t('a', 20), t('c', 5)],
        overlaps: [
          { targetA: 'b', targetB: 'a', shared: 4, shareOfSmaller: 0.4, edges: [] },
          { targetA: 'a', targetB: 'c', shared: 5, edges: [{ kind: 'crm-key', from: 'records', detail: 'x' }] },
          { targetA: 'c', targetB: 'b', shared: 0, shareOfSmaller: 0 },
        ],
      }),
    );
    expect(view.systems.map((s) => s.targetId)).toEqual(['a', 'b', 'c']);
    expect(view.pairs.map((p) => [p.a, p.b, p.state, p.share])).toEqual([
      ['a', 'b', 'silo', 0.4],
      // No shareOfSmaller in the report: computed from the smaller system's people.
      ['a', 'c', 'joined', 1],
      ['b', 'c', 'disjoint', 0],
    ]);
    expect(view.totals).toMatchObject({ systems: 3, overlapping: 2, silos: 1, joined: 1 });
  });

  it('gives the exact number of people for two systems and bounds for three', () => {
    const two = identityView(section({ targets: [t('a', 10), t('b', 6)], overlaps: [{ targetA: 'a', targetB: 'b', shared: 4 }] }));
    expect(two.totals.people).toEqual({ low: 12, high: 12 });
    expect(peopleText(two.totals.people)).toBe('12');
    // 3 systems: S1 = 30, pairs 5 + 4 + 3 = 12 → at least 18; spanning tree 5 + 4 → at most 21.
    const three = identityView(
      section({
        targets: [t('a', 10), t('b', 10), t('c', 10)],
        overlaps: [
          { targetA: 'a', targetB: 'b', shared: 5 },
          { targetA: 'a', targetB: 'c', shared: 4 },
          { targetA: 'b', targetB: 'c', shared: 3 },
        ],
      }),
    );
    expect(three.totals.people).toEqual({ low: 18, high: 21 });
    expect(peopleText(three.totals.people)).toBe('18–21');
    // Never fewer than the largest system.
    const nested = identityView(
      section({
        targets: [t('a', 10), t('b', 10), t('c', 10)],
        overlaps: [
          { targetA: 'a', targetB: 'b', shared: 10 },
          { targetA: 'a', targetB: 'c', shared: 10 },
          { targetA: 'b', targetB: 'c', shared: 10 },
        ],
      }),
    );
    expect(nested.totals.people).toEqual({ low: 10, high: 10 });
    // Without people per system (a 1.0 report), no count is claimed.
    expect(identityView(section({ profilesPerTarget: [{ targetId: 'a', profiles: 3 }] })).totals.people).toBeUndefined();
  });

  it('sorts every list canonically, whatever order the report holds', () => {
    const view = identityView(
      section({
        duplicates: [
          { targetId: 'b', clusters: 1, profilesInClusters: 2, share: 0.1, sizes: { '10+': 1, '2': 3, '4-9': 2, zz: 1, '3': 1 }, topReasons: [{ reason: 'y', count: 1 }, { reason: 'x', count: 1 }, { reason: 'z', count: 5 }] },
          { targetId: 'a', clusters: 0, profilesInClusters: 0, share: 0, sizes: {}, topReasons: [] },
        ],
        completeness: [{ targetId: 'a', buckets: [{ age: 'unknown', profiles: 1, meanFilled: 1 }, { age: '5y+', profiles: 1, meanFilled: 1 }, { age: '<1y', profiles: 1, meanFilled: 1 }] }],
        clusters: [
          { fingerprint: 'b', size: 2, members: [{ targetId: 'y', pseudonym: '2' }, { targetId: 'x', pseudonym: '9' }], reasons: [] },
          { fingerprint: 'a', size: 2, members: [], reasons: [] },
          { fingerprint: 'c', size: 5, members: [], reasons: [] },
        ],
      }),
    );
    expect(view.duplicates.map((d) => d.targetId)).toEqual(['a', 'b']);
    expect(Object.keys(view.duplicates[1]!.sizes)).toEqual(['2', '3', '4-9', '10+', 'zz']);
    expect(view.duplicates[1]!.topReasons.map((r) => r.reason)).toEqual(['z', 'x', 'y']);
    expect(view.completeness[0]!.buckets.map((b) => b.age)).toEqual(['<1y', '5y+', 'unknown']);
    expect(view.clusters.map((c) => c.fingerprint)).toEqual(['c', 'a', 'b']);
    expect(view.clusters[2]!.members.map((m) => m.targetId)).toEqual(['x', 'y']);
    expect(view.clusterCount).toBe(3);
  });

  it('never prints NaN or a negative count', () => {
    const view = identityView(
      section({
        targets: [{ targetId: 'a', kind: 'crm', profiles: Number.NaN, people: -3, withoutIdentifiers: Number.POSITIVE_INFINITY }],
        overlaps: [{ targetA: 'a', targetB: 'b', shared: -1, shareOfSmaller: 7 }],
      }),
    );
    expect(view.systems[0]).toEqual({ targetId: 'a', kind: 'crm', profiles: 0, people: 0, withoutIdentifiers: 0 });
    expect(view.pairs[0]).toMatchObject({ shared: 0, share: 1, state: 'disjoint' });
  });
});

describe('connectionVerdict', () => {
  const totals = { systems: 3, profiles: 10, duplicateProfiles: 0, overlapping: 3, silos: 0, joined: 3 };
  it('says connected, siloed, separate or single', () => {
    expect(connectionVerdict(totals).state).toBe('connected');
    expect(connectionVerdict({ ...totals, silos: 2, joined: 1 })).toMatchObject({ state: 'siloed', title: 'Siloed' });
    expect(connectionVerdict({ ...totals, silos: 2, joined: 1 }).text).toMatch(/^2 of 3 pairs of systems that share customers have nothing joining them/);
    expect(connectionVerdict({ ...totals, overlapping: 0, joined: 0 }).state).toBe('separate');
    expect(connectionVerdict({ ...totals, systems: 1 }).state).toBe('single');
  });
});

describe('number formatting (locale-free)', () => {
  it('groups counts by hand', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(-1234.5)).toBe('-1,234.5');
    expect(formatCount(0.999)).toBe('1');
    expect(formatCount(Number.NaN)).toBe('—');
    expect(formatCount(undefined)).toBe('—');
  });

  it('never hides a small share and never rounds a part up to all', () => {
    expect(formatShare(0)).toBe('0 %');
    expect(formatShare(0.0004)).toBe('<0.1 %');
    expect(formatShare(0.0521)).toBe('5.2 %');
    expect(formatShare(0.1355)).toBe('14 %');
    expect(formatShare(0.998)).toBe('>99 %');
    expect(formatShare(1)).toBe('100 %');
    expect(formatShare(3)).toBe('100 %');
    expect(formatShare(undefined)).toBe('—');
  });

  it('keeps three significant digits for model parameters and two decimals for means', () => {
    expect(formatNumber(0.0006169751542437885)).toBe('0.000617');
    expect(formatNumber(0.95)).toBe('0.95');
    expect(formatNumber(12345.6)).toBe('12,346');
    expect(formatMean(3.4)).toBe('3.40');
    expect(formatMean(Number.NaN)).toBe('—');
  });

  it('maps a share to one of five heat steps, 0 for none', () => {
    expect([undefined, 0, 0.01, 0.2, 0.39, 0.55, 0.74, 0.8, 1, 2].map(heatLevel)).toEqual([0, 0, 1, 2, 2, 3, 4, 5, 5, 5]);
  });
});
