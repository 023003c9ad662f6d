import { describe, expect, it } from 'vitest';
import { UserStatsCounter } from '../../src/connector-kit/user-stats.js';
import type { ProfileInput } from '../../src/identity/profile-store.js';

const user = (p: Partial<ProfileInput>): ProfileInput => ({ localId: 'x', emails: [], phones: [], names: {}, links: [], status: 'active', filledAttributes: 0, ...p });
const social = { kind: 'federated-identity', via: 'google', value: '1' } as const;

describe('UserStatsCounter: the userStats fact every identity-store connector reports', () => {
  it('verification comes from the primary address; an address without a flag is neither verified nor unverified', () => {
    const c = new UserStatsCounter();
    c.add(user({ emails: [{ address: 'a@x.test', verified: false }, { address: 'b@x.test', verified: true, primary: true }] }));
    c.add(user({ emails: [{ address: 'c@x.test' }] }));
    expect(c.facts()).toMatchObject({ total: 2, read: 2, emailVerified: 1, emailUnverified: 0 });
  });

  it('without any flag the verified counts are absent (unknown), not zero', () => {
    const c = new UserStatsCounter();
    c.add(user({ emails: [{ address: 'c@x.test' }] }));
    expect(c.facts().emailVerified).toBeUndefined();
  });

  it('several identities: federated links, or the product’s own count when it keeps one (Auth0 identities[])', () => {
    const c = new UserStatsCounter();
    c.add(user({ links: [social] }), 2);
    c.add(user({ links: [social, { ...social, via: 'apple' }] }));
    c.add(user({ status: 'disabled' }));
    expect(c.facts(10)).toEqual({ total: 10, read: 3, enabled: 2, disabled: 1, withFederatedIdentity: 2, withSeveralIdentities: 2 });
  });

  it('what was not read stays absent', () => {
    const c = new UserStatsCounter();
    c.add(user({ emails: [{ address: 'a@x.test', verified: true }], links: [social] }));
    expect(c.facts(1, { status: false, verified: false, federated: false })).toEqual({ total: 1, read: 1 });
  });
});
