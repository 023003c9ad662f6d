import { describe, expect, it } from 'vitest';
import { classifyRedirectUri, isLoopbackHost, judgeClientUris, nameOffenders, serversWithoutStore, share } from '../../src/rules-engine/clients.js';
import { asInventory } from '../support/oidc-inventory.js';
import { client, noPermission, ok, storeInventory } from '../support/store-inventory.js';

/** src/rules-engine/clients.ts: the helpers FLOW-REDIRECT-URI-HYGIENE, SESS-POST-LOGOUT-REDIRECT and the T2 rules share. */
describe('classifyRedirectUri (RFC 9700 §2.1, §2.6; RFC 8252 §7.1, §7.3)', () => {
  it.each([
    ['https://shop.example.com/callback', []],
    ['https://shop.example.com:8443/cb?x=1', []],
    ['http://127.0.0.1:8400/cb', []],
    ['http://[::1]:8400/cb', []],
    ['http://localhost/cb', []],
    ['http://localhost:*/cb', []],
    ['/realms/customers/account/', []],
    ['*', ['global-wildcard']],
    ['/*', ['global-wildcard']],
    ['https://*', ['global-wildcard']],
    ['https://*/*', ['global-wildcard']],
    ['http://*', ['global-wildcard']],
    ['https://*.example.com/cb', ['wildcard-host']],
    ['https://shop.example.com:*/cb', ['wildcard-host']],
    ['https://shop.example.com/*', ['wildcard-path']],
    ['https://shop.example.com/cb?next=*', ['wildcard-path']],
    ['/realms/customers/account/*', ['wildcard-path']],
    ['http://shop.example.com/cb', ['http']],
    ['http://*.example.com/cb', ['wildcard-host', 'http']],
    ['http://127.0.0.2/cb', ['http']],
    ['HTTP://LOCALHOST/cb', []],
    ['com.example.app:/oauth2redirect', ['custom-scheme']],
    ['myapp://callback', ['custom-scheme']],
    ['myapp://callback/*', ['wildcard-path', 'custom-scheme']],
    ['javascript:alert(1)', ['dangerous-scheme']],
    ['data:text/html,hi', ['dangerous-scheme']],
  ])('%s', (uri, problems) => {
    expect(classifyRedirectUri(uri).problems).toEqual(problems);
  });

  it('knows the loopback hosts', () => {
    expect(['127.0.0.1', '[::1]', 'localhost', 'LOCALHOST.'].map(isLoopbackHost)).toEqual([true, true, true, true]);
    expect(['127.0.0.2', 'localhost.example.com', '::1'].map(isLoopbackHost)).toEqual([false, false, false]);
  });

  it('judges built-in clients leniently on wildcard paths only', () => {
    const builtIn = client({ id: 'account-console', builtIn: true });
    expect(judgeClientUris(builtIn, ['/realms/customers/account/*']).outcome).toBe('warn');
    expect(judgeClientUris(builtIn, ['*']).outcome).toBe('fail');
    expect(judgeClientUris(client({ id: 'app' }), ['/realms/customers/account/*']).outcome).toBe('fail');
    expect(judgeClientUris(client({ id: 'app' }), ['https://app.example.com/cb']).outcome).toBe('ok');
  });
});

describe('offender lists', () => {
  it('names at most five and counts the rest', () => {
    expect(nameOffenders([])).toBe('(none)');
    expect(nameOffenders(['a', 'b'])).toBe('a, b');
    expect(nameOffenders(['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toBe('a, b, c, d, e and 2 more');
    expect(share(1, 3)).toBe('1 of 3 (33 %)');
    expect(share(0, 0)).toBe('0 of 0 (0 %)');
  });
});

describe('serversWithoutStore', () => {
  it('covers a server by target, by reported issuer, or by product when the store issuers were not read', () => {
    const servers = asInventory([{ targetId: 'op' }, { targetId: 'kc-op', issuer: 'https://id.example.com/realms/shop' }]).snapshots;
    const byIssuer = storeInventory({ targetId: 'kc', facts: { issuers: ok(['https://login.example.com']) } }, { extra: servers });
    expect(serversWithoutStore(byIssuer).map((s) => s.targetId)).toEqual(['kc-op']);
    const unreadIssuers = storeInventory({ targetId: 'kc', product: 'keycloak', facts: { issuers: noPermission('view-realm') } }, { extra: servers });
    expect(serversWithoutStore(unreadIssuers).map((s) => s.targetId)).toEqual(['op']);
  });
});
