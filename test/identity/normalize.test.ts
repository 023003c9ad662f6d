/**
 * The normalisation pitfalls, table by table: which spellings of an email, a phone number and a
 * name are one value for matching, and which only look alike.
 */
import { describe, expect, it } from 'vitest';
import { compareFamily, compareGiven, NAME, typoOf } from '../../src/identity/comparison.js';
import { normalizeEmail } from '../../src/identity/normalize/email.js';
import { foldName, normalizeName } from '../../src/identity/normalize/name.js';
import { PhoneNormalizer } from '../../src/identity/normalize/phone.js';

const canonical = (raw: string) => normalizeEmail(raw)?.canonical;

describe('email normalisation', () => {
  it.each([
    // Case and Unicode compatibility forms: one mailbox.
    ['John.Smith@Example.COM', 'john.smith@example.com'],
    ['  jane@example.org  ', 'jane@example.org'],
    ['ＪＯＨＮ@ＥＸＡＭＰＬＥ.ＣＯＭ', 'john@example.com'],
    ['mailto:Bob@Example.com', 'bob@example.com'],
    ['x@example.com.', 'x@example.com'],
    // Gmail ignores dots and treats googlemail.com as gmail.com.
    ['John.Smith@gmail.com', 'johnsmith@gmail.com'],
    ['j.o.h.n.s.m.i.t.h@GMAIL.com', 'johnsmith@gmail.com'],
    ['john.smith@googlemail.com', 'johnsmith@gmail.com'],
    // Plus tags, only where the provider delivers local+tag to local.
    ['john.smith+shop@gmail.com', 'johnsmith@gmail.com'],
    ['jane.doe+news@outlook.com', 'jane.doe@outlook.com'],
    ['jane.doe+news@hotmail.co.uk', 'jane.doe@hotmail.co.uk'],
    ['jane.doe+app@icloud.com', 'jane.doe@icloud.com'],
    ['jane.doe+promo@proton.me', 'jane.doe@proton.me'],
    ['jane.doe+promo@protonmail.com', 'jane.doe@protonmail.com'],
    ['jane.doe+x@gmx.de', 'jane.doe@gmx.de'],
    // Yahoo uses "-" disposable addresses, not "+": the tag is part of the mailbox there.
    ['jane.doe+news@yahoo.com', 'jane.doe+news@yahoo.com'],
    ['jane.doe+news@example.com', 'jane.doe+news@example.com'],
    ['jane.doe+news@company.example', 'jane.doe+news@company.example'],
    // Nobody but Gmail ignores dots: they stay everywhere else.
    ['john.smith@example.com', 'john.smith@example.com'],
    ['john.smith@yahoo.com', 'john.smith@yahoo.com'],
    ['john.smith@outlook.com', 'john.smith@outlook.com'],
    ['j.smith@icloud.com', 'j.smith@icloud.com'],
  ])('%s → %s', (raw, expected) => {
    expect(canonical(raw)).toBe(expected);
  });

  it('Gmail dots versus dots elsewhere: one Gmail mailbox, two mailboxes at any other domain', () => {
    expect(canonical('john.smith@gmail.com')).toBe(canonical('johnsmith@googlemail.com'));
    for (const domain of ['example.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'company.example']) {
      expect(canonical(`john.smith@${domain}`), domain).not.toBe(canonical(`johnsmith@${domain}`));
    }
  });

  it.each([
    ['info@company.example', true],
    ['Sales@company.example', true],
    ['support.team@company.example', true],
    ['no-reply@company.example', true],
    ['family@example.net', true],
    ['home@example.net', true],
    ['the.smiths.family@example.net', true],
    ['smith.family@yahoo.com', true],
    // Gmail's dots are gone from the canonical form, but the household word is read as written.
    ['the.smiths.family@gmail.com', true],
    ['the.smiths.family+shop@googlemail.com', true],
    ['john.smith@example.com', false],
    ['information.desk.fan@example.com', false],
    ['familyman@example.com', false],
    ['mary@example.com', false],
  ])('role or household mailbox: %s → %s', (raw, role) => {
    expect(normalizeEmail(raw)?.role).toBe(role);
  });

  it('a household mailbox keeps one canonical form whether or not it is recognised as shared', () => {
    expect(normalizeEmail('the.smiths.family@gmail.com')).toEqual({ canonical: 'thesmithsfamily@gmail.com', local: 'thesmithsfamily', domain: 'gmail.com', role: true });
  });

  it.each(['', 'not-an-email', '@example.com', 'john@', 'john smith@example.com', 'john@localhost', 'john@example.c', 'john@exa mple.com', '...@gmail.com'])(
    'invalid: %j → undefined',
    (raw) => {
      expect(normalizeEmail(raw)).toBeUndefined();
    },
  );
});

describe('phone normalisation (libphonenumber, max metadata)', () => {
  it.each([
    // [default region, as written, E.164]
    ['GB', '020 7946 0018', '+442079460018'],
    ['GB', '(020) 7946-0018', '+442079460018'],
    ['GB', '020.7946.0018', '+442079460018'],
    ['GB', '07911 123456', '+447911123456'],
    ['GB', '07911-123-456', '+447911123456'],
    ['US', '(415) 201-0000', '+14152010000'],
    ['US', '415.201.0000', '+14152010000'],
    ['US', '1-415-201-0000', '+14152010000'],
    ['US', '(212) 555-1234', '+12125551234'],
    ['DE', '030 12345678', '+493012345678'],
    ['DE', '030/12345678', '+493012345678'],
    ['DE', '0151 12345678', '+4915112345678'],
    ['FR', '01 23 45 67 89', '+33123456789'],
    ['FR', '06.12.34.56.78', '+33612345678'],
    ['NL', '020-1234567', '+31201234567'],
    ['NL', '06-12345678', '+31612345678'],
    ['NL', '(020) 123 4567', '+31201234567'],
    ['BE', '02 555 12 12', '+3225551212'],
    ['BE', '0470 12 34 56', '+32470123456'],
    // The region is a default only: an international number keeps its own country.
    ['US', '+44 20 7946 0018', '+442079460018'],
    ['GB', '+1 (415) 201-0000', '+14152010000'],
    ['GB', '+49 (0)30 12345678', '+493012345678'],
    ['DE', '+33 6 12 34 56 78', '+33612345678'],
    // 00 is the international prefix people type in Europe.
    ['GB', '0044 20 7946 0018', '+442079460018'],
    ['US', '001 415 201 0000', '+14152010000'],
    ['FR', '0031 6 12345678', '+31612345678'],
    ['BE', '0032 470 12 34 56', '+32470123456'],
    // "(0)" inside an international number, as British and German writers do.
    ['GB', '+44 (0)20 7946 0018', '+442079460018'],
    ['DE', '+49 (0) 151 1234 5678', '+4915112345678'],
  ])('%s: %s → %s', (region, raw, e164) => {
    expect(new PhoneNormalizer(region).e164(raw)).toBe(e164);
  });

  it('the region is case-insensitive and optional for international numbers', () => {
    expect(new PhoneNormalizer('gb').e164('020 7946 0018')).toBe('+442079460018');
    expect(new PhoneNormalizer().e164('+44 20 7946 0018')).toBe('+442079460018');
    expect(new PhoneNormalizer().e164('0044 20 7946 0018')).toBe('+442079460018');
  });

  it.each([
    ['GB', ''],
    ['GB', '   '],
    ['GB', 'abc'],
    ['GB', '12345'],
    ['GB', '0000'],
    ['GB', '+'],
    ['GB', '+44 123'],
    ['GB', '+44 20 7946 001'],
    ['GB', '+44 20 7946 00181'],
    ['GB', '+99 1234567'],
    // A national number in another country's plan is not guessed: no match beats a wrong one.
    ['US', '020 7946 0018'],
    ['US', '201-0000'],
    ['BE', '04 123 45 67'],
    // No default region: a national number cannot be placed.
    [undefined, '020 7946 0018'],
  ])('invalid (%s): %j → undefined', (region, raw) => {
    expect(new PhoneNormalizer(region).e164(raw)).toBeUndefined();
  });

  it.each([
    ['GB', ['020 7946 0018', '+44 20 7946 0018', '0044 (0)20-7946-0018']],
    ['US', ['(415) 201-0000', '+1 415 201 0000', '001 415.201.0000']],
    ['DE', ['0151 12345678', '+49 151 1234 5678', '0049 (0)151-12345678']],
    ['FR', ['06 12 34 56 78', '+33 6 12 34 56 78', '0033 612345678']],
    ['NL', ['06-12345678', '+31 6 1234 5678', '0031 (0)6 12345678']],
  ])('%s: one number in three spellings is one E.164', (region, spellings) => {
    const phones = new PhoneNormalizer(region);
    const values = spellings.map((s) => phones.e164(s));
    expect(values[0]).toMatch(/^\+\d{8,15}$/);
    expect(new Set(values), spellings.join(' | ')).toEqual(new Set([values[0]]));
  });

  it('answers repeated spellings from its cache, and the cache is bounded', () => {
    const phones = new PhoneNormalizer('GB', 2);
    for (const raw of ['020 7946 0018', '07911 123456', '020 7946 0019', 'abc', '020 7946 0018']) phones.e164(raw);
    expect(phones.e164('020 7946 0018')).toBe('+442079460018');
    expect(phones.e164('abc')).toBeUndefined();
  });
});

describe('name normalisation', () => {
  it.each([
    ['Müller', 'muller'],
    ['MÜLLER', 'muller'],
    ['Łukasz', 'lukasz'],
    ['Søren Jørgensen', 'soren jorgensen'],
    ['Strauß', 'strauss'],
    ['Ærø', 'aero'],
    ['Œuvre', 'oeuvre'],
    ['Zoë', 'zoe'],
    ['Ｚｏë', 'zoe'],
    ['José Núñez', 'jose nunez'],
    ['Ayşe Yılmaz', 'ayse yilmaz'],
    ['Dąbrowski', 'dabrowski'],
    ['Çelik', 'celik'],
    ["O'Connor", 'oconnor'],
    ['O’Connor', 'oconnor'],
    ['Ó Briain', 'o briain'],
    ['Ana-Sofía', 'ana sofia'],
    ['', ''],
  ])('folds %j → %j', (raw, folded) => {
    expect(foldName(raw)).toBe(folded);
  });

  it('Müller and Mueller: not one folded spelling (ü folds to u, not ue), but the same sound and a "similar" family name', () => {
    const muller = normalizeName('Anna', 'Müller', undefined);
    const mueller = normalizeName('Anna', 'Mueller', undefined);
    expect(muller.family).toBe('muller');
    expect(mueller.family).toBe('mueller');
    expect(muller.familySound).toBe(mueller.familySound);
    expect(compareFamily(muller.family, mueller.family)).toBe(NAME.similar);
    // Müller and Muller are one name after folding.
    expect(compareFamily(muller.family, normalizeName('Anna', 'Muller', undefined).family)).toBe(NAME.exact);
  });

  it.each([
    ['Bob', 'robert'],
    ['Bobby', 'robert'],
    ['Rob', 'robert'],
    ['Bill', 'william'],
    ['Will', 'william'],
    ['Liz', 'elizabeth'],
    ['Peggy', 'margaret'],
    ['Jimmy', 'james'],
    ['Aga', 'agnieszka'],
    ['Robert', 'robert'],
    // Not a nickname in the table: a name of its own.
    ['Liam', 'liam'],
    ['Zoë', 'zoe'],
    ['Łukasz', 'lukasz'],
    // Only the first given name is compared.
    ['Anna Maria', 'anna'],
  ])('given name %j → %j', (given, canonicalGiven) => {
    expect(normalizeName(given, 'Smith', undefined).given).toBe(canonicalGiven);
  });

  it.each([
    ['Bob', 'Robert', NAME.exact],
    ['Bobby', 'Rob', NAME.exact],
    ['Zoë', 'Zoe', NAME.exact],
    ['Łukasz', 'Lukasz', NAME.exact],
    ['J', 'John', NAME.similar],
    ['Jon', 'John', NAME.similar],
    ['Liam', 'William', NAME.different],
    ['Mary', 'John', NAME.different],
  ])('given names %s / %s → level %i', (a, b, level) => {
    expect(compareGiven(normalizeName(a, 'x', undefined).given, normalizeName(b, 'x', undefined).given)).toBe(level);
  });

  it.each([
    ['Smith, John', { given: 'john', family: 'smith' }],
    ['Smith,Bob', { given: 'robert', family: 'smith' }],
    ['John Smith', { given: 'john', family: 'smith' }],
    ['Jan van der Berg', { given: 'jan', family: 'van der berg' }],
    ['van der Berg, Jan', { given: 'jan', family: 'van der berg' }],
    ['Pieter de Vries', { given: 'pieter', family: 'de vries' }],
    ['Ludwig von Mises', { given: 'ludwig', family: 'von mises' }],
    ['Müller, Zoë', { given: 'zoe', family: 'muller' }],
    ['Cher', { given: '', family: 'cher' }],
  ])('full name %j', (full, parts) => {
    const name = normalizeName(undefined, undefined, full);
    expect({ given: name.given, family: name.family }).toEqual(parts);
  });

  it('given and family parts win over the full name; the full name fills what is missing', () => {
    expect(normalizeName('Jan', 'Berg', 'Somebody Else')).toMatchObject({ given: 'jan', family: 'berg' });
    expect(normalizeName('Jan', undefined, 'Jan van der Berg')).toMatchObject({ given: 'jan', family: 'van der berg' });
  });

  it('particles: "van der Berg" and "Vanderberg" are one family name; "van den Berg" only a similar one', () => {
    const family = (f: string) => normalizeName('Jan', f, undefined).family;
    expect(compareFamily(family('van der Berg'), family('Vanderberg'))).toBe(NAME.exact);
    expect(compareFamily(family('van der Berg'), family('van den Berg'))).toBe(NAME.similar);
  });

  it('phonetic keys: Schmidt / Schmitt and Jon / John sound alike, Smith does not sound like Schmidt', () => {
    const sound = (given: string, family: string) => normalizeName(given, family, undefined);
    expect(sound('Hans', 'Schmidt').familySound).toBe(sound('Hans', 'Schmitt').familySound);
    expect(sound('Hans', 'Schmidt').familySound).not.toBe(sound('Hans', 'Smith').familySound);
    expect(sound('Jon', 'x').givenSound).toBe(sound('John', 'x').givenSound);
    expect(compareFamily('schmidt', 'schmitt')).toBe(NAME.similar);
    expect(sound('Bob', 'x').givenSound).toBe(sound('Robert', 'x').givenSound);
  });
});

describe('email typos (comparison level "similar")', () => {
  it.each([
    ['jonathan.baker@example.com', 'jonathan.bakre@example.com', true],
    ['jonathan.baker@example.com', 'jonathan.bakr@example.com', true],
    ['jonathan.baker@example.com', 'jonathan.bakers@example.com', true],
    ['jonathan.baker@example.com', 'jonathan.bakor@example.com', true],
    // A digit is never a typo: john.smith1 and john.smith2 are two mailboxes.
    ['john.smith1@example.com', 'john.smith2@example.com', false],
    ['john.smith@example.com', 'john.smith2@example.com', false],
    // Another domain, a short local part, two slips: not a typo.
    ['jonathan.baker@example.com', 'jonathan.baker@example.org', false],
    ['anna@example.com', 'anan@example.com', false],
    ['jonathan.baker@example.com', 'jonahtan.bakre@example.com', false],
  ])('%s ~ %s → %s', (a, b, similar) => {
    expect(typoOf(a, b)).toBe(similar);
    expect(typoOf(b, a)).toBe(similar);
  });
});
