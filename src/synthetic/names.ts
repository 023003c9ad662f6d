/**
 * Name and address material for synthetic customers. Common names first (they are picked with a
 * skew, so "same name, different people" happens as in real customer bases); diacritics and
 * non-Latin-1 letters on purpose, because normalisation must cope with them.
 */
export const GIVEN_NAMES = [
  'James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth',
  'David', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen',
  'Daniel', 'Nancy', 'Matthew', 'Lisa', 'Anthony', 'Margaret', 'Mark', 'Sandra', 'Andrew', 'Ashley',
  'José', 'María', 'Zoë', 'Chloé', 'Łukasz', 'Agnieszka', 'Jürgen', 'Søren', 'Björn', 'Ana-Sofía',
  'François', 'Hélène', 'Siobhán', 'Niamh', 'Giulia', 'Matteo', 'Sven', 'Ingrid', 'Mehmet', 'Ayşe',
  'Priya', 'Arjun', 'Wei', 'Mei', 'Hiroshi', 'Yuki', 'Olusegun', 'Chiamaka', 'Kwame', 'Fatima',
  'Noah', 'Emma', 'Liam', 'Olivia', 'Lucas', 'Mila', 'Finn', 'Lotte', 'Daan', 'Sanne',
];

export const FAMILY_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
  'de Vries', 'van der Berg', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot',
  'Dubois', 'Lefèvre', 'Moreau', 'Laurent', 'Girard', 'Núñez', 'Peña', 'Gómez', 'Fernández', 'López',
  'Kowalski', 'Wiśniewski', 'Wójcik', 'Nowak', 'Ó Briain', "O'Connor", 'MacDonald', 'Rossi', 'Esposito', 'Bianchi',
  'Yılmaz', 'Kaya', 'Patel', 'Sharma', 'Wang', 'Li', 'Tanaka', 'Suzuki', 'Okafor', 'Mensah',
  'Andersson', 'Johansson', 'Nielsen', 'Hansen', 'Jensen', 'Larsen', 'Virtanen', 'Korhonen', 'Novák', 'Horváth',
];

/** Mail providers, with the ones whose local-part rules matter (Gmail ignores dots and +tags). */
export const CONSUMER_DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'gmx.de', 'web.de', 'orange.fr', 'proton.me', 'hotmail.co.uk', 'ziggo.nl'];

/** Fictional business domains (the .example TLD is reserved, RFC 2606). */
export function businessDomain(n: number): string {
  return `company${n}.example`;
}

/**
 * Phone numbers in ranges reserved for fiction or documentation: UK Ofcom drama numbers
 * (020 7946 0xxx), US 555-01xx, and the Netherlands, Germany and France in formats people type.
 */
export const COUNTRIES = ['GB', 'US', 'DE', 'NL', 'FR'] as const;
export type Country = (typeof COUNTRIES)[number];
