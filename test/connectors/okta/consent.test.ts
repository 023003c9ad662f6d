import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { oktaConnector } from '../../../connectors/okta/index.js';
import { config, context, expectReadOnly, fixture, isolate, mockOrg, orgFixture, resetNock, WEAK } from './helpers.js';

beforeEach(isolate);
afterEach(resetNock);

/** profiles.consent on Okta: a property of the user profile (a base or custom attribute of the user type). */
type OktaUser = { id: string; profile: Record<string, unknown> };

/** The fixture's users (two pages as one) with invented consent properties: a boolean custom attribute, a string one, its time. */
function usersWithConsent(): OktaUser[] {
  const page = structuredClone([...fixture<OktaUser[]>('okta/users-page-1.json'), ...fixture<OktaUser[]>('okta/users-page-2.json')]);
  const values: Array<[unknown, unknown]> = [
    [true, '2025-03-01T10:00:00.000Z'],
    [false, '2025-03-01T12:00:00+02:00'],
    ['opted-in', 'not a date'],
    ['pending', '2025-03-01T10:00:00.000Z'],
  ];
  page.forEach((user, i) => {
    const [consent, at] = values[i % values.length]!;
    user.profile.marketingConsent = consent;
    user.profile.marketingConsentDate = at;
  });
  return page;
}

describe('okta: marketing consent from a user profile property', () => {
  it('fills Profile.consent from user.profile[attribute]', async () => {
    const page = usersWithConsent();
    expect(page.length).toBeGreaterThanOrEqual(4);
    mockOrg(WEAK, orgFixture('org-weak.json'), { users: [page] });
    const target = config(WEAK, { profiles: { consent: { attribute: 'marketingConsent', updatedAt: 'marketingConsentDate' } } });
    const { ctx, requests } = context(target);
    const snapshot = await oktaConnector.collect(target, ctx);
    expectReadOnly(requests);
    expect(snapshot.errors).toEqual([]);
    const byId = new Map([...snapshot.profiles!].map((p) => [p.localId, p.consent]));
    expect(byId.get(page[0]!.id)).toEqual({ marketing: true, updatedAt: '2025-03-01T10:00:00.000Z' });
    expect(byId.get(page[1]!.id)).toEqual({ marketing: false, updatedAt: '2025-03-01T10:00:00.000Z' });
    expect(byId.get(page[2]!.id)).toEqual({ marketing: true });
    expect(byId.get(page[3]!.id)).toBeUndefined();
    const users = snapshot.coverage.datasets.find((d) => d.name === 'users');
    expect(users?.state).toBe('complete');
    expect(users?.reason).toContain('in neither optedIn nor optedOut');
    expect(users?.reason).toContain('timestamp(s) at "marketingConsentDate" are not dates and were dropped');
  });

  it('a property no user has: no consent, and the dataset says to check the name', async () => {
    mockOrg(WEAK, orgFixture('org-weak.json'), { users: [usersWithConsent()] });
    const target = config(WEAK, { profiles: { consent: { attribute: 'marketing_consent' } } });
    const { ctx } = context(target);
    const snapshot = await oktaConnector.collect(target, ctx);
    expect([...snapshot.profiles!].every((p) => p.consent === undefined)).toBe(true);
    expect(snapshot.coverage.datasets.find((d) => d.name === 'users')?.reason).toMatch(/no record read has a value at "marketing_consent" — check the name/);
  });
});
