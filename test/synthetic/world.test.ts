import { describe, expect, it } from 'vitest';
import { isInStore, localIdOf, storeRecords, type WorldSpec } from '../../src/synthetic/world.js';
import { person, phoneFor } from '../../src/synthetic/people.js';

const world: WorldSpec = {
  seed: 11,
  people: 3000,
  stores: [
    { id: 'app', kind: 'identity-store', coverage: 0.8, duplicateRate: 0.03, socialLogin: true },
    { id: 'legacy', kind: 'identity-store', coverage: 0.5, range: [0, 2000], idStyle: 'numeric' },
    { id: 'crm', kind: 'crm', coverage: 0.7, idStyle: 'salesforce', links: { toStore: 'app', kind: 'crm-key', via: 'IdP_Subject__c', rate: 0.6 }, leads: 100 },
  ],
};

describe('synthetic world', () => {
  it('is deterministic for a seed', () => {
    expect([...storeRecords(world, 'app')].slice(0, 50)).toEqual([...storeRecords(world, 'app')].slice(0, 50));
    expect(person(5, world)).toEqual(person(5, world));
    expect(person(5, { ...world, seed: 12 })).not.toEqual(person(5, world));
  });

  it('respects coverage, ranges and duplicates, and carries the ground truth', () => {
    const app = [...storeRecords(world, 'app')];
    const people = new Set(app.map((r) => r.personId));
    expect(people.size / world.people).toBeGreaterThan(0.75);
    expect(people.size / world.people).toBeLessThan(0.85);
    expect(app.length - people.size).toBeGreaterThan(0);
    const legacy = [...storeRecords(world, 'legacy')];
    expect(legacy.every((r) => Number(r.personId.slice(1)) < 2000)).toBe(true);
    for (const r of legacy) expect(isInStore(world.stores[1]!, world.seed, Number(r.personId.slice(1)))).toBe(true);
  });

  it('gives every person distinct, valid-looking contact data and links that resolve', () => {
    const seen = new Set<string>();
    for (let i = 0; i < world.people; i++) {
      const p = person(i, world);
      expect(seen.has(p.email)).toBe(false);
      seen.add(p.email);
      expect(p.email).toMatch(/^[a-z0-9._]+@[a-z0-9.-]+\.[a-z]+$/);
    }
    const phones = new Set(Array.from({ length: 5000 }, (_, i) => phoneFor('DE', i).e164));
    expect(phones.size).toBe(5000);
    const appIds = new Set([...storeRecords(world, 'app')].map((r) => r.localId));
    const crm = [...storeRecords(world, 'crm')];
    const linked = crm.filter((r) => r.links.some((l) => l.kind === 'crm-key'));
    expect(linked.length).toBeGreaterThan(crm.length * 0.3);
    for (const r of linked) expect(appIds.has(r.links[0]!.value)).toBe(true);
    expect(crm.filter((r) => r.lifecycle === 'lead')).toHaveLength(100);
  });

  it('produces the imperfections the identity analysis must handle', () => {
    const variants = new Set([...storeRecords({ ...world, people: 20_000 }, 'app')].flatMap((r) => r.variants));
    for (const v of ['gmailDots', 'plusTag', 'emailTypo', 'emailUpperCase', 'familyMailbox', 'roleMailbox', 'phoneNational', 'nickname', 'nameMissing']) expect(variants).toContain(v);
  });

  it('derives local ids that other stores can link to', () => {
    expect(localIdOf({ id: 'x', idStyle: 'numeric' }, 1, 10)).toBe('100030');
    expect(localIdOf({ id: 'x' }, 1, 10)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(localIdOf({ id: 'x', idStyle: 'salesforce' }, 1, 10)).toMatch(/^003[0-9A-Z]{12}$/);
  });
});
