import { describe, expect, it } from 'vitest';
import { compileConsent } from '../../src/connector-kit/consent.js';
import { StoreCollection } from '../../src/connector-kit/store-collection.js';
import type { ProfileInput } from '../../src/identity/profile-store.js';

/** The shared profiles.consent mapping of the identity-store connectors (src/connector-kit/consent.ts). */
describe('profiles.consent: what a value means', () => {
  const consent = compileConsent({ attribute: 'marketingConsent', updatedAt: 'marketingConsentAt' });

  it('the default lists: opted in and opted out, any case, trimmed; booleans and numbers as their text', () => {
    for (const value of ['true', ' YES ', 'y', '1', 'opted_in', 'Opted-In', 'subscribed', 'GRANTED', true, 1, ['true']]) {
      expect(consent.consentOf(value), JSON.stringify(value)).toEqual({ marketing: true });
    }
    for (const value of ['false', 'No', 'n', '0', 'opted_out', 'opted-out', 'Unsubscribed', 'withdrawn', 'denied', false, 0, [' ', 'no']]) {
      expect(consent.consentOf(value), JSON.stringify(value)).toEqual({ marketing: false });
    }
  });

  it('a value in neither list is unknown, not guessed; no value is unknown too', () => {
    for (const value of ['pending', 'maybe', 2, 'true-ish', { granted: true }]) expect(consent.consentOf(value), JSON.stringify(value)).toBeUndefined();
    for (const value of [undefined, null, '', '   ', [], Number.NaN]) expect(consent.consentOf(value), JSON.stringify(value)).toBeUndefined();
  });

  it('the timestamp is normalised to ISO 8601 UTC (dates, offsets, epoch seconds and milliseconds)', () => {
    expect(consent.consentOf('yes', '2025-03-01T10:00:00+02:00')).toEqual({ marketing: true, updatedAt: '2025-03-01T08:00:00.000Z' });
    expect(consent.consentOf('no', '2025-03-01')).toEqual({ marketing: false, updatedAt: '2025-03-01T00:00:00.000Z' });
    expect(consent.consentOf('no', 1_740_823_200)).toEqual({ marketing: false, updatedAt: '2025-03-01T10:00:00.000Z' });
    expect(consent.consentOf('no', '1740823200000')).toEqual({ marketing: false, updatedAt: '2025-03-01T10:00:00.000Z' });
  });

  it('an unparsable timestamp is dropped and counted; the consent is kept', () => {
    const mapping = compileConsent({ attribute: 'c', updatedAt: 'at' });
    expect(mapping.consentOf('true', 'last tuesday')).toEqual({ marketing: true });
    expect(mapping.consentOf('true', '2025-02-30T10:00:00Z')).toEqual({ marketing: true });
    expect(mapping.consentOf('true', '')).toEqual({ marketing: true });
    expect(mapping.tally).toEqual({ stated: 3, unrecognised: 0, absent: 0, invalidDates: 2 });
    expect(mapping.notes()).toBe('profiles.consent: 2 timestamp(s) at "at" are not dates and were dropped');
  });

  it('the operator\'s own lists replace the defaults', () => {
    // An opt-out flag: "true" means the person objected.
    const optOut = compileConsent({ attribute: 'emailOptOut', optedIn: ['false'], optedOut: ['true'] });
    expect(optOut.consentOf(true)).toEqual({ marketing: false });
    expect(optOut.consentOf('FALSE')).toEqual({ marketing: true });
    expect(optOut.consentOf('yes')).toBeUndefined();
    const custom = compileConsent({ attribute: 'newsletter', optedIn: ['Weekly', 'daily '] });
    expect(custom.consentOf('weekly')).toEqual({ marketing: true });
    expect(custom.consentOf('Daily')).toEqual({ marketing: true });
    expect(custom.consentOf('no')).toEqual({ marketing: false });
    expect(custom.consentOf('true')).toBeUndefined();
  });

  it('counts what did not fit and says so once, naming the attribute but no value', () => {
    const mapping = compileConsent({ attribute: 'marketingConsent' });
    for (const value of ['yes', 'pending', 'pending', undefined]) mapping.consentOf(value);
    expect(mapping.tally).toEqual({ stated: 1, unrecognised: 2, absent: 1, invalidDates: 0 });
    expect(mapping.notes()).toBe('profiles.consent: 2 record(s) hold a value at "marketingConsent" that is in neither optedIn nor optedOut (consent left unknown)');
    expect(mapping.notes()).not.toContain('pending');
    const missing = compileConsent({ attribute: 'marketingConsnet' });
    for (let i = 0; i < 3; i++) missing.consentOf(undefined);
    expect(missing.notes()).toMatch(/^profiles\.consent: no record read has a value at "marketingConsnet" — check the name/);
    const fine = compileConsent({ attribute: 'marketingConsent' });
    fine.consentOf('yes');
    fine.consentOf(undefined);
    expect(fine.notes()).toBeUndefined();
  });

  it('nothing configured: no mapping', () => {
    expect(compileConsent(undefined)).toBeUndefined();
  });
});

describe('profiles.consent: the store collection', () => {
  const profile = (localId: string): ProfileInput => ({ localId, emails: [], phones: [], names: {}, links: [], status: 'active', filledAttributes: 0 });

  it('compiles the option once and reports its notes on the dataset the profiles went into, without changing its state', () => {
    const col = new StoreCollection('t', { consent: { attribute: 'marketingConsent', updatedAt: 'at' } });
    const users = col.dataset('users');
    col.dataset('groups').page(1);
    for (const [id, value, at] of [['a', 'yes', 'soon'], ['b', 'unknown-value', undefined]] as const) {
      const p = profile(id);
      const consent = col.consent?.consentOf(value, at);
      if (consent) p.consent = consent;
      col.addProfile(p, users);
    }
    users.page(2);
    users.total(2);
    const snapshot = col.snapshot('identity-store', 'test', {});
    expect(snapshot.coverage.datasets).toEqual([
      { name: 'groups', state: 'complete', records: 1, pages: 1 },
      {
        name: 'users',
        state: 'complete',
        records: 2,
        total: 2,
        pages: 1,
        reason:
          'profiles.consent: 1 record(s) hold a value at "marketingConsent" that is in neither optedIn nor optedOut (consent left unknown). profiles.consent: 1 timestamp(s) at "at" are not dates and were dropped',
      },
    ]);
    expect(snapshot.profiles?.consentOf(0)).toBe(true);
    expect(snapshot.profiles?.consentOf(1)).toBeUndefined();
  });

  it('appends to a reason the dataset already has', () => {
    const col = new StoreCollection('t', { maxRecords: 1, consent: { attribute: 'c' } });
    const users = col.dataset('users');
    col.consent?.consentOf('perhaps');
    col.addProfile(profile('a'), users);
    col.addProfile(profile('b'), users);
    expect(col.snapshot('identity-store', 'test', {}).coverage.datasets[0]).toMatchObject({
      state: 'partial',
      reason: 'stopped at maxRecords 1. profiles.consent: 1 record(s) hold a value at "c" that is in neither optedIn nor optedOut (consent left unknown)',
    });
  });

  it('without profiles.consent there is no mapping and no note', () => {
    const col = new StoreCollection('t', {});
    expect(col.consent).toBeUndefined();
    col.addProfile(profile('a'), col.dataset('users'));
    expect(col.snapshot('identity-store', 'test', {}).coverage.datasets[0]?.reason).toBeUndefined();
  });
});
