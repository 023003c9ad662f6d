/**
 * The small, strict SOQL subset the simulator answers:
 *   SELECT <field>[, <field>...] FROM <object> [WHERE <field> != null] [ORDER BY Id [ASC]] [LIMIT n]
 *   SELECT COUNT() FROM <object> [WHERE <field> != null] [LIMIT n]
 * Keywords, object and field names are case-insensitive (as in SOQL); names come back in their
 * describe spelling. Anything else is refused the way Salesforce refuses it: MALFORMED_QUERY for
 * syntax, INVALID_TYPE for an unknown object, INVALID_FIELD for an unknown column.
 */
import type { SfObject } from './salesforce-model.js';

export interface SoqlQuery {
  object: SfObject;
  /** Describe spellings, in the order asked; empty for COUNT(). */
  fields: string[];
  count: boolean;
  /** `WHERE <field> != null` */
  notNull?: string;
  limit?: number;
  orderById: boolean;
}

export class SoqlError extends Error {
  constructor(
    readonly errorCode: 'MALFORMED_QUERY' | 'INVALID_TYPE' | 'INVALID_FIELD',
    message: string,
  ) {
    super(message);
  }
}

interface Token {
  text: string;
  kind: 'word' | 'number' | 'symbol' | 'string';
  column: number;
}

const TOKEN = /\s+|([A-Za-z_][A-Za-z0-9_]*)|(\d+)|('(?:[^'\\]|\\.)*')|(!=|<>|<=|>=|[(),.=<>*:])|(\S)/gy;

function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = TOKEN.exec(soql)) !== null) {
    const column = match.index + 1;
    if (match[1] !== undefined) tokens.push({ text: match[1], kind: 'word', column });
    else if (match[2] !== undefined) tokens.push({ text: match[2], kind: 'number', column });
    else if (match[3] !== undefined) tokens.push({ text: match[3], kind: 'string', column });
    else if (match[4] !== undefined) tokens.push({ text: match[4], kind: 'symbol', column });
    else if (match[5] !== undefined) tokens.push({ text: match[5], kind: 'symbol', column });
  }
  return tokens;
}

const KEYWORDS = new Set(['select', 'from', 'where', 'order', 'by', 'limit', 'offset', 'group', 'having', 'and', 'or', 'not', 'null', 'asc', 'desc', 'nulls', 'first', 'last', 'typeof', 'with', 'for', 'using', 'scope']);

export function parseSoql(soql: string, objects: Map<string, SfObject>): SoqlQuery {
  const tokens = tokenize(soql);
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const malformed = (token: Token | undefined, hint?: string): SoqlError => {
    const column = token?.column ?? soql.length + 1;
    const shown = token ? token.text : '<EOF>';
    return new SoqlError('MALFORMED_QUERY', `\n${soql}\n${' '.repeat(Math.max(0, column - 1))}^\nERROR at Row:1:Column:${column}\n${hint ?? `unexpected token: '${shown}'`}`);
  };
  const keyword = (word: string): boolean => {
    const token = peek();
    if (token?.kind === 'word' && token.text.toLowerCase() === word) {
      at += 1;
      return true;
    }
    return false;
  };
  const expectKeyword = (word: string): void => {
    if (!keyword(word)) throw malformed(peek());
  };
  const symbol = (text: string): boolean => {
    const token = peek();
    if (token?.kind === 'symbol' && token.text === text) {
      at += 1;
      return true;
    }
    return false;
  };
  const name = (): Token => {
    const token = peek();
    if (token?.kind !== 'word' || KEYWORDS.has(token.text.toLowerCase())) throw malformed(token);
    at += 1;
    if (peek()?.text === '.') throw malformed(peek(), 'relationship queries are not supported by this simulator');
    return token;
  };

  expectKeyword('select');
  let count = false;
  const selected: Token[] = [];
  if (peek()?.kind === 'word' && peek()?.text.toLowerCase() === 'count' && tokens[at + 1]?.text === '(') {
    at += 2;
    if (!symbol(')')) throw malformed(peek(), 'only COUNT() is supported by this simulator');
    count = true;
  } else {
    selected.push(name());
    while (symbol(',')) selected.push(name());
  }
  if (peek()?.kind === 'symbol' && peek()?.text === '(') throw malformed(peek(), 'functions are not supported by this simulator');
  expectKeyword('from');
  const objectToken = name();
  const object = objects.get(objectToken.text.toLowerCase());
  if (!object) {
    throw new SoqlError(
      'INVALID_TYPE',
      `\n${soql}\n${' '.repeat(objectToken.column - 1)}^\nERROR at Row:1:Column:${objectToken.column}\nsObject type '${objectToken.text}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  const resolve = (token: Token): string => {
    const field = object.fields.find((f) => f.name.toLowerCase() === token.text.toLowerCase());
    if (!field) {
      throw new SoqlError(
        'INVALID_FIELD',
        `\n${soql}\n${' '.repeat(token.column - 1)}^\nERROR at Row:1:Column:${token.column}\nNo such column '${token.text}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    return field.name;
  };
  const fields: string[] = [];
  for (const token of selected) {
    const field = resolve(token);
    if (fields.includes(field)) throw malformed(token, `duplicate field selected: ${field}`);
    fields.push(field);
  }
  const query: SoqlQuery = { object, fields, count, orderById: false };

  if (keyword('where')) {
    const field = resolve(name());
    if (!symbol('!=') && !symbol('<>')) throw malformed(peek(), 'only <field> != null is supported in WHERE by this simulator');
    if (!keyword('null')) throw malformed(peek(), 'only <field> != null is supported in WHERE by this simulator');
    query.notNull = field;
  }
  if (keyword('order')) {
    expectKeyword('by');
    const token = name();
    if (resolve(token) !== 'Id') throw malformed(token, 'only ORDER BY Id is supported by this simulator');
    if (!keyword('asc') && peek()?.text.toLowerCase() === 'desc') throw malformed(peek(), 'only ORDER BY Id ASC is supported by this simulator');
    query.orderById = true;
  }
  if (keyword('limit')) {
    const token = peek();
    if (token?.kind !== 'number') throw malformed(token);
    at += 1;
    query.limit = Number(token.text);
  }
  if (at < tokens.length) throw malformed(peek());
  return query;
}
