import rule from '../../../rules/flows/flow-no-implicit.js';
import { asInventory, baseMetadata } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { client, noPermission, notRead, ok, storeInventory } from '../../support/store-inventory.js';
import { without } from '../support.js';

const spa = (id: string, extra = {}) => client({ id, type: 'public', appType: 'spa', grants: ['authorization_code', 'implicit'], ...extra });

const meta = (members: Record<string, unknown>) => asInventory({ metadata: { ...baseMetadata(), ...members } });

// Catalog §3 FLOW-NO-IMPLICIT (RFC 9700 §2.1.2, §4.3) at T0: WARN if a response type contains the `token`
// word or grant_types_supported lists implicit or is absent (§1.4: absent means authorization_code +
// implicit); INFO when ID tokens but no access tokens come from the authorization endpoint; PASS otherwise.
// T2 (per store, aggregated over enabled clients): FAIL when any enabled non-built-in client has the
// implicit grant; built-in clients alone only WARN; disabled clients do not count.
testRule(rule, [
  {
    name: 'code only, grants without implicit passes',
    inventory: asInventory({}),
    expected: [{ outcome: 'pass', messageId: 'none' }],
  },
  {
    name: 'absent grant_types_supported means implicit by default: warn',
    inventory: asInventory({ metadata: without(baseMetadata(), 'grant_types_supported') }),
    expected: [{ outcome: 'warn', messageId: 'advertised', messageIncludes: ['grant_types_supported is absent'], evidence: { grantTypesDefaulted: true } }],
  },
  {
    name: 'implicit listed in grant_types_supported warns',
    inventory: meta({ grant_types_supported: ['authorization_code', 'implicit'] }),
    expected: [{ outcome: 'warn', messageId: 'advertised', messageIncludes: ['grant_types_supported lists implicit'] }],
  },
  {
    name: 'the token response type warns',
    inventory: meta({ response_types_supported: ['code', 'token'] }),
    expected: [{ outcome: 'warn', messageId: 'advertised', messageIncludes: ['response types token'] }],
  },
  {
    name: 'hybrid response types carrying an access token warn (id_token token, code id_token token)',
    inventory: meta({ response_types_supported: ['code', 'id_token token', 'code id_token token'] }),
    expected: [{ outcome: 'warn', messageId: 'advertised', messageIncludes: ['id_token token, code id_token token'] }],
  },
  {
    name: 'code id_token (an ID token, no access token, from the authorization endpoint) is INFO',
    inventory: meta({ response_types_supported: ['code', 'code id_token'] }),
    expected: [{ outcome: 'info', messageId: 'idTokenOnly', messageIncludes: ['code id_token'] }],
  },
  {
    name: 'id_token alone with explicit grants without implicit is INFO (id_token is not the token word)',
    inventory: meta({ response_types_supported: ['id_token'], grant_types_supported: ['authorization_code'] }),
    expected: [{ outcome: 'info', messageId: 'idTokenOnly' }],
  },
  {
    name: 'no discovery document: unknown (precondition)',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
  {
    name: 'T2: no enabled client has the implicit grant: pass',
    inventory: storeInventory({ facts: { clients: ok([client({ id: 'web' }), client({ id: 'batch', grants: ['client_credentials'], serviceAccount: true })]) } }),
    expected: [{ targetId: 'store', subject: 'realm customers', outcome: 'pass', messageId: 'noClientImplicit', messageIncludes: ['None of the 2 enabled'] }],
  },
  {
    name: 'T2: two SPAs with implicit fail and are named; a disabled one does not count',
    inventory: storeInventory({ facts: { clients: ok([spa('shop-spa'), spa('loyalty-spa'), spa('old-spa', { enabled: false }), client({ id: 'web' })]) } }),
    expected: [
      {
        outcome: 'fail',
        messageId: 'clientsImplicit',
        severity: 'high',
        messageIncludes: ['2 of 3 enabled client(s)', 'shop-spa, loyalty-spa'],
        evidence: { active: 3, offenders: { count: 2, ids: ['shop-spa', 'loyalty-spa'] } },
      },
    ],
  },
  {
    name: 'T2: more than five offenders: five named and the rest counted',
    inventory: storeInventory({ facts: { clients: ok(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => spa(id))) } }),
    expected: [{ outcome: 'fail', messageId: 'clientsImplicit', messageIncludes: ['a, b, c, d, e and 2 more'], evidence: { offenders: { count: 7 } } }],
  },
  {
    name: 'T2: only a built-in client has implicit: warn (lenient)',
    inventory: storeInventory({ facts: { clients: ok([client({ id: 'web' }), spa('account-console', { builtIn: true })]) } }),
    expected: [{ outcome: 'warn', messageId: 'builtInImplicit', messageIncludes: ['account-console'] }],
  },
  {
    name: 'T2: clients not readable (missing view-clients): unknown with the permission',
    inventory: storeInventory({ facts: { clients: noPermission('view-clients') } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['403'] }],
  },
  {
    name: 'T0 and T2 side by side: the server warns; stores fail, pass, are N/A (only disabled clients) or unknown; a store without clients is silent',
    inventory: storeInventory(
      [
        { targetId: 'kc-shop', facts: { clients: ok([spa('shop-spa')]) } },
        { targetId: 'kc-loyalty', facts: { clients: ok([client({ id: 'web' })]) } },
        { targetId: 'ldap', product: 'ldap', facts: { scope: { kind: 'directory', name: 'dc=example' } } },
        { targetId: 'kc-legacy', facts: { clients: notRead() } },
        { targetId: 'kc-empty', facts: { clients: ok([spa('old-spa', { enabled: false })]) } },
      ],
      { extra: asInventory({ targetId: 'op', metadata: { ...baseMetadata(), response_types_supported: ['code', 'token'] } }).snapshots },
    ),
    expected: [
      { targetId: 'kc-empty', outcome: 'n/a', messageId: 'noActiveClients' },
      { targetId: 'kc-legacy', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['TIMEOUT'] },
      { targetId: 'kc-loyalty', outcome: 'pass', messageId: 'noClientImplicit' },
      { targetId: 'kc-shop', outcome: 'fail', messageId: 'clientsImplicit' },
      { targetId: 'op', outcome: 'warn', messageId: 'advertised' },
    ],
  },
]);
