import type { IdentityProviderFacts } from '../../src/model/store-facts.js';
import { booleanAt, numberAt, objectAt, present, stringAt, type JsonObject } from './json-read.js';
import type { ConnectionRecord, DatabaseConnectionRecord } from './records.js';

/**
 * `GET /api/v2/connections`. A connection's `strategy` says what it is: `auth0` is a database of
 * local accounts, `sms` and `email` are passwordless, every other strategy brokers an upstream
 * identity provider (social or enterprise). Strategy names: https://auth0.com/docs/authenticate/identity-providers.
 */
export const LOCAL_STRATEGIES: ReadonlySet<string> = new Set(['auth0', 'sms', 'email']);

/** Fields of the listing of all connections: no `options` (they hold upstream client secrets). */
export const CONNECTION_FIELDS = ['id', 'name', 'display_name', 'strategy'] as const;
/** Fields of the listing of database connections (`strategy=auth0`), whose options the rules need. */
export const DATABASE_FIELDS = ['id', 'name', 'strategy', 'options'] as const;

interface StrategyInfo {
  provider: string;
  protocol: IdentityProviderFacts['protocol'];
  category: IdentityProviderFacts['category'];
}

const social = (provider: string, protocol: IdentityProviderFacts['protocol'] = 'oauth2'): StrategyInfo => ({ provider, protocol, category: 'social' });
const enterprise = (provider: string, protocol: IdentityProviderFacts['protocol']): StrategyInfo => ({ provider, protocol, category: 'enterprise' });

const STRATEGIES: Record<string, StrategyInfo> = {
  'google-oauth2': social('google', 'oidc'),
  apple: social('apple', 'oidc'),
  facebook: social('facebook'),
  github: social('github'),
  twitter: social('twitter'),
  linkedin: social('linkedin'),
  windowslive: social('microsoft'),
  amazon: social('amazon'),
  paypal: social('paypal'),
  'paypal-sandbox': social('paypal'),
  instagram: social('instagram'),
  bitbucket: social('bitbucket'),
  dropbox: social('dropbox'),
  yahoo: social('yahoo'),
  line: social('line'),
  shopify: social('shopify'),
  discord: social('discord'),
  box: social('box'),
  salesforce: social('salesforce'),
  'salesforce-sandbox': social('salesforce'),
  'salesforce-community': social('salesforce'),
  wordpress: social('wordpress'),
  vkontakte: social('vkontakte'),
  yandex: social('yandex'),
  baidu: social('baidu'),
  weibo: social('weibo'),
  oauth2: social('oauth2'),
  oauth1: social('oauth1', 'other'),
  samlp: enterprise('saml', 'saml'),
  pingfederate: enterprise('pingfederate', 'saml'),
  oidc: enterprise('oidc', 'oidc'),
  okta: enterprise('okta', 'oidc'),
  waad: enterprise('waad', 'oidc'),
  'google-apps': enterprise('google-workspace', 'oidc'),
  office365: enterprise('office365', 'oidc'),
  adfs: enterprise('adfs', 'other'),
  ad: enterprise('ad', 'ldap'),
  'auth0-adldap': enterprise('ad', 'ldap'),
  ip: enterprise('ip', 'other'),
};

export function connectionRecord(raw: unknown): ConnectionRecord | undefined {
  const name = present(stringAt(raw, 'name'));
  const strategy = present(stringAt(raw, 'strategy'));
  if (!name || !strategy) return undefined;
  const record: ConnectionRecord = { name, strategy };
  const displayName = present(stringAt(raw, 'display_name'));
  if (displayName) record.displayName = displayName;
  return record;
}

/** A database connection's option values; `optionsRead: false` when no options came back. */
export function databaseRecord(raw: unknown): DatabaseConnectionRecord | undefined {
  const name = present(stringAt(raw, 'name'));
  if (!name || stringAt(raw, 'strategy') !== 'auth0') return undefined;
  const options = objectAt(raw, 'options');
  const record: DatabaseConnectionRecord = { name, optionsRead: options !== undefined };
  if (options) Object.assign(record, databaseOptions(options));
  return record;
}

function databaseOptions(options: JsonObject): Partial<DatabaseConnectionRecord> {
  const out: Partial<DatabaseConnectionRecord> = {};
  const policy = stringAt(options, 'passwordPolicy');
  if (policy) out.passwordPolicy = policy;
  const minLength = numberAt(objectAt(options, 'password_complexity_options'), 'min_length');
  if (minLength !== undefined) out.minLength = minLength;
  const dictionary = booleanAt(objectAt(options, 'password_dictionary'), 'enable');
  if (dictionary !== undefined) out.dictionary = dictionary;
  const personal = booleanAt(objectAt(options, 'password_no_personal_info'), 'enable');
  if (personal !== undefined) out.noPersonalInfo = personal;
  const history = objectAt(options, 'password_history');
  const historyEnabled = booleanAt(history, 'enable');
  if (historyEnabled !== undefined) {
    const size = numberAt(history, 'size');
    out.history = { enabled: historyEnabled, ...(size !== undefined ? { size } : {}) };
  }
  for (const [key, target] of [
    ['brute_force_protection', 'bruteForceProtection'],
    ['disable_signup', 'disableSignup'],
    ['requires_username', 'requiresUsername'],
  ] as const) {
    const value = booleanAt(options, key);
    if (value !== undefined) out[target] = value;
  }
  const methods = objectAt(options, 'authentication_methods');
  const passkey = booleanAt(objectAt(methods, 'passkey'), 'enabled');
  if (passkey !== undefined) out.passkey = passkey;
  const password = booleanAt(objectAt(methods, 'password'), 'enabled');
  if (password !== undefined) out.passwordLogin = password;
  return out;
}

/** Upstream identity providers: every connection that is neither a database nor passwordless. */
export function identityProviderFacts(record: ConnectionRecord): IdentityProviderFacts | undefined {
  if (LOCAL_STRATEGIES.has(record.strategy)) return undefined;
  const info = STRATEGIES[record.strategy] ?? { provider: record.strategy, protocol: 'other' as const, category: 'other' as const };
  const facts: IdentityProviderFacts = {
    alias: record.name,
    protocol: info.protocol,
    provider: info.provider,
    category: info.category,
    // Auth0 has no on/off switch on a connection, and the list of applications using it
    // (`enabled_clients`) is deprecated and often empty: every configured connection counts as in use.
    enabled: true,
    linking: {
      mode: 'custom',
      detail: 'Auth0 links accounts only through custom code (an Action or the Account Link extension); the evidence is the share of users with several identities',
    },
  };
  if (record.displayName) facts.displayName = record.displayName;
  return facts;
}
