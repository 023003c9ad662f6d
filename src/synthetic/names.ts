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
  'Oliver', 'Amelia', 'George', 'Isla', 'Harry', 'Ava', 'Jack', 'Freya', 'Jacob', 'Lily', 'Charlie', 'Grace', 'Oscar', 'Sophie', 'Leo', 'Evie',
  'Alfie', 'Poppy', 'Henry', 'Ella', 'Archie', 'Ivy', 'Joshua', 'Florence', 'Ethan', 'Rosie', 'Samuel', 'Alice', 'Isaac', 'Matilda', 'Edward', 'Harriet',
  'Benjamin', 'Hannah', 'Alexander', 'Victoria', 'Sebastian', 'Eleanor', 'Max', 'Clara', 'Felix', 'Lena', 'Paul', 'Marie', 'Jonas', 'Anna', 'Elias', 'Leonie',
  'Luca', 'Emilia', 'Tim', 'Johanna', 'Jan', 'Katharina', 'Stefan', 'Julia', 'Tobias', 'Laura', 'Florian', 'Lea', 'Niklas', 'Sophia', 'Moritz', 'Hanna',
  'Antoine', 'Camille', 'Hugo', 'Léa', 'Louis', 'Manon', 'Arthur', 'Inès', 'Jules', 'Louise', 'Gabriel', 'Juliette', 'Raphaël', 'Margaux', 'Théo', 'Élodie',
  'Alejandro', 'Lucía', 'Pablo', 'Carmen', 'Javier', 'Elena', 'Diego', 'Paula', 'Sergio', 'Marta', 'Andrés', 'Sofía', 'Iker', 'Nerea', 'Álvaro', 'Irene',
  'Giovanni', 'Francesca', 'Alessandro', 'Chiara', 'Lorenzo', 'Sara', 'Andrea', 'Martina', 'Davide', 'Federica', 'Riccardo', 'Alessia', 'Tommaso', 'Valentina',
  'Mateusz', 'Katarzyna', 'Piotr', 'Magdalena', 'Tomasz', 'Małgorzata', 'Krzysztof', 'Joanna', 'Paweł', 'Ewa', 'Michał', 'Zofia', 'Wojciech', 'Dorota',
  'Lars', 'Karin', 'Erik', 'Astrid', 'Nils', 'Elin', 'Anders', 'Maja', 'Magnus', 'Sigrid', 'Henrik', 'Freja', 'Mikkel', 'Ida', 'Rasmus', 'Signe',
  'Jeroen', 'Femke', 'Bas', 'Anouk', 'Thijs', 'Eva', 'Ruben', 'Iris', 'Sem', 'Fleur', 'Bram', 'Noor', 'Stijn', 'Roos', 'Koen', 'Lieke',
  'Rahul', 'Ananya', 'Vikram', 'Deepika', 'Sanjay', 'Kavya', 'Amit', 'Neha', 'Rohan', 'Pooja', 'Hao', 'Xiu', 'Jun', 'Lan', 'Kenji', 'Aiko',
  'Emre', 'Zeynep', 'Burak', 'Elif', 'Ahmed', 'Layla', 'Omar', 'Yasmin', 'Tariq', 'Amira', 'Chinedu', 'Ngozi', 'Kofi', 'Ama', 'Tunde', 'Adaeze',
];

export const FAMILY_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
  'de Vries', 'van der Berg', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot',
  'Dubois', 'Lefèvre', 'Moreau', 'Laurent', 'Girard', 'Núñez', 'Peña', 'Gómez', 'Fernández', 'López',
  'Kowalski', 'Wiśniewski', 'Wójcik', 'Nowak', 'Ó Briain', "O'Connor", 'MacDonald', 'Rossi', 'Esposito', 'Bianchi',
  'Yılmaz', 'Kaya', 'Patel', 'Sharma', 'Wang', 'Li', 'Tanaka', 'Suzuki', 'Okafor', 'Mensah',
  'Andersson', 'Johansson', 'Nielsen', 'Hansen', 'Jensen', 'Larsen', 'Virtanen', 'Korhonen', 'Novák', 'Horváth',
  'Taylor', 'Anderson', 'Thomas', 'Jackson', 'White', 'Harris', 'Martin', 'Thompson', 'Moore', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen',
  'King', 'Wright', 'Scott', 'Hill', 'Green', 'Adams', 'Baker', 'Nelson', 'Carter', 'Mitchell', 'Roberts', 'Turner', 'Phillips', 'Campbell', 'Parker',
  'Evans', 'Edwards', 'Collins', 'Stewart', 'Morris', 'Murphy', 'Cook', 'Rogers', 'Morgan', 'Cooper', 'Peterson', 'Reed', 'Bailey', 'Bell', 'Kelly',
  'Howard', 'Ward', 'Cox', 'Richardson', 'Wood', 'Watson', 'Brooks', 'Bennett', 'Gray', 'James', 'Hughes', 'Price', 'Sanders', 'Myers', 'Long',
  'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt',
  'Werner', 'Schmitz', 'Krause', 'Meier', 'Lehmann', 'Köhler', 'Herrmann', 'König', 'Walter', 'Mayer', 'Huber', 'Kaiser', 'Fuchs', 'Peters', 'Lang',
  'Bos', 'Vos', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits', 'de Graaf', 'van der Meer', 'van Dijk', 'Kok', 'Jacobs',
  'Bernard', 'Petit', 'Robert', 'Richard', 'Durand', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Mercier', 'Blanc', 'Guérin',
  'Sánchez', 'Pérez', 'Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Alonso', 'Gutiérrez', 'Navarro', 'Torres',
  'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti',
  'Wiśniewska', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański', 'Woźniak', 'Dąbrowski', 'Kozłowski', 'Jankowski', 'Mazur', 'Kwiatkowski',
  'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Pedersen', 'Andersen', 'Christensen', 'Rasmussen', 'Jørgensen',
  'Gupta', 'Singh', 'Kumar', 'Reddy', 'Iyer', 'Nair', 'Chen', 'Liu', 'Zhang', 'Huang', 'Zhao', 'Wu', 'Sato', 'Takahashi', 'Watanabe', 'Ito',
  'Demir', 'Şahin', 'Çelik', 'Öztürk', 'Aydın', 'Hassan', 'Ali', 'Ibrahim', 'Mahmoud', 'Adeyemi', 'Eze', 'Nwosu', 'Boateng', 'Asante', 'Owusu',
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
