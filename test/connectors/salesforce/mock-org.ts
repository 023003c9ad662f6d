import nock from 'nock';
import { ORG, V, countAnswer, fixture } from './helpers.js';

/**
 * A nock'ed Salesforce org answering the connector's reads from the fixtures. Each answer can be
 * replaced (`override`) by key; keys: versions, limits, describe:<Object>, count:<Object>,
 * linked:<Object>, duplicateRules, records:<Object>:<page index>.
 */
export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Answer this many times (then fall through to the default answer). Default: always. */
  times?: number;
}

export interface OrgOptions {
  origin?: string;
  describes?: Partial<Record<'Contact' | 'Lead' | 'Account' | 'Individual', string | null>>;
  /** Pages of Contact records (fixture names); the first is the query, the others queryMore. */
  contactPages?: string[];
  leadPages?: string[];
  counts?: Partial<Record<'Contact' | 'Lead', number>>;
  linked?: Partial<Record<'Contact' | 'Lead', number>>;
  duplicateRules?: string;
  override?: Record<string, Answer | Answer[]>;
  /** Headers on every answer (e.g. Sforce-Limit-Info). */
  headers?: Record<string, string>;
}

export const HARDENED: OrgOptions = {
  describes: { Contact: 'describe-contact-hardened.json', Lead: 'describe-lead.json', Account: 'describe-account-person.json', Individual: 'describe-individual.json' },
  contactPages: ['query-contacts-page-1.json', 'query-contacts-page-2.json', 'query-contacts-page-3.json'],
  leadPages: ['query-leads.json'],
  counts: { Contact: 7, Lead: 2 },
  linked: { Contact: 5 },
  duplicateRules: 'duplicate-rules-active.json',
};

export const WEAK: OrgOptions = {
  describes: { Contact: 'describe-contact-weak.json', Lead: 'describe-lead.json', Account: null, Individual: null },
  contactPages: ['query-contacts-weak.json'],
  counts: { Contact: 6 },
  linked: { Contact: 5 },
  duplicateRules: 'duplicate-rules-inactive.json',
};

const NOT_FOUND = fixture<unknown>('errors.json') as Record<string, unknown>;

export function locatorOf(object: string, page: number): string {
  return `${V}/query/01gHs00000Zx9AbIAJ-${object}${page}`;
}

export function mockOrg(options: OrgOptions): nock.Scope {
  const origin = options.origin ?? ORG;
  const scope = nock(origin);
  const headers = { 'Content-Type': 'application/json;charset=UTF-8', ...options.headers };
  // Interceptors match in registration order: overrides (with their counts) first, then the default.
  const answer = (make: () => nock.Interceptor, key: string, status: number, body: unknown) => {
    const override = options.override?.[key];
    const list = override ? (Array.isArray(override) ? override : [override]) : [];
    for (const o of list) make().times(o.times ?? 100).reply(o.status, (o.body ?? '') as nock.Body, { ...headers, ...o.headers });
    if (list.some((o) => o.times === undefined)) return;
    make().times(100).reply(status, body as nock.Body, headers);
  };
  const soql = (match: (q: string) => boolean) => () => scope.get(`${V}/query`).query((q) => typeof q.q === 'string' && match(q.q));

  answer(() => scope.get('/services/data/'), 'versions', 200, fixture('versions.json'));
  answer(() => scope.get(`${V}/limits`), 'limits', 200, fixture('limits.json'));
  for (const object of ['Contact', 'Lead', 'Account', 'Individual'] as const) {
    const file = options.describes?.[object];
    answer(() => scope.get(`${V}/sobjects/${object}/describe`), `describe:${object}`, file ? 200 : 404, file ? fixture(file) : NOT_FOUND.NOT_FOUND);
  }
  for (const object of ['Contact', 'Lead'] as const) {
    answer(soql((q) => q === `SELECT COUNT() FROM ${object}`), `count:${object}`, 200, countAnswer(options.counts?.[object] ?? 0));
    answer(soql((q) => q.startsWith(`SELECT COUNT() FROM ${object} WHERE`)), `linked:${object}`, 200, countAnswer(options.linked?.[object] ?? 0));
    const pages = object === 'Contact' ? (options.contactPages ?? []) : (options.leadPages ?? []);
    pages.forEach((file, i) => {
      const body = chained(fixture<Record<string, unknown>>(file), object, i, pages.length);
      const route = i === 0 ? soql((q) => q.startsWith('SELECT Id') && q.includes(`FROM ${object}`)) : () => scope.get(locatorOf(object, i));
      answer(route, `records:${object}:${i}`, 200, body);
    });
  }
  answer(soql((q) => q.includes('FROM DuplicateRule')), 'duplicateRules', 200, options.duplicateRules ? fixture(options.duplicateRules) : { totalSize: 0, done: true, records: [] });
  return scope;
}

/** The fixture pages, re-chained to this mock's locators (page i links to page i+1). */
function chained(page: Record<string, unknown>, object: string, index: number, count: number): Record<string, unknown> {
  const out: Record<string, unknown> = { ...page, done: index + 1 >= count };
  delete out.nextRecordsUrl;
  if (index + 1 < count) out.nextRecordsUrl = locatorOf(object, index + 1);
  return { totalSize: out.totalSize, done: out.done, ...(out.nextRecordsUrl ? { nextRecordsUrl: out.nextRecordsUrl } : {}), records: out.records };
}
