import { describe, expect, it } from 'vitest';
import { parseSpellings } from '../../src/identity/normalize/phone-batch.js';
import { PhoneNormalizer, phoneSpellingKey } from '../../src/identity/normalize/phone.js';
import { COUNTRIES } from '../../src/synthetic/names.js';
import { phoneFor } from '../../src/synthetic/people.js';

/** Valid numbers of five countries in national and international spelling, and some that are no numbers. */
function spellings(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const phone = phoneFor(COUNTRIES[i % COUNTRIES.length] ?? 'GB', i);
    out.push(phoneSpellingKey(phone.e164), phoneSpellingKey(phone.national), `12${i}`);
  }
  return out.slice(0, count);
}

describe('parseSpellings: distinct phone spellings to E.164, on worker threads', () => {
  const input = spellings(6000);
  const expected = input.map((s) => new PhoneNormalizer('GB').e164(s));

  it('gives, with two workers, exactly what the main thread alone gives, spelling by spelling', () => {
    const alone = parseSpellings(input, 'GB', { workers: 0 }).results;
    const parallel = parseSpellings(input, 'GB', { workers: 2, minParallel: 0 }).results;
    expect([...parallel]).toEqual([...alone]);
    expect([...alone].map((digits) => (digits ? `+${digits}` : undefined))).toEqual(expected);
  });

  it('the worker threads really parse: with the main thread only waiting, they parse every spelling', () => {
    const { results, byWorkers } = parseSpellings(input, 'GB', { workers: 2, minParallel: 0, mainHelps: false });
    expect(byWorkers).toBe(input.length);
    expect([...results].map((digits) => (digits ? `+${digits}` : undefined))).toEqual(expected);
  });

  it('below minParallel no worker starts: the main thread parses all', () => {
    expect(parseSpellings(input.slice(0, 50), 'GB', { workers: 2 }).byWorkers).toBe(0);
  });

  it('runs the work given as `meanwhile` on the main thread while the workers parse', () => {
    let ran = 0;
    const { results } = parseSpellings(input.slice(0, 100), 'GB', { workers: 1, minParallel: 0, meanwhile: () => ran++ });
    expect(ran).toBe(1);
    expect(results[0]).toBe(Number(expected[0]?.slice(1)));
  });

  it('reads national spellings in the default region and rejects what is no valid number', () => {
    const [uk, , bogus] = parseSpellings([phoneSpellingKey('020 7946 0018'), '', '12345'], 'GB', { workers: 0 }).results;
    expect(uk).toBe(442079460018);
    expect(bogus).toBe(0);
  });
});

describe('phoneSpellingKey: spellings that libphonenumber reads alike share one parse', () => {
  it.each([
    ['+44 20 7946 0018', '+442079460018'],
    ['020-7946-0018', '02079460018'],
    ['0151.2345.6789', '015123456789'],
    ['+1 (415) 555-0100', '+1(415)5550100'],
  ])('%s → %s', (raw, key) => {
    expect(phoneSpellingKey(raw)).toBe(key);
  });

  it('keeps brackets: "+44 (0)20" is read differently from "+44020"', () => {
    expect(phoneSpellingKey('+44 (0)20 7946 0018')).toBe('+44(0)2079460018');
  });
});
