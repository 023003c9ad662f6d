import rule from '../../../rules/flows/cauth-client-inventory.js';
import type { ClientAuthMethod } from '../../../src/model/store-facts.js';
import { asInventory } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { client, notRead, ok, storeInventory } from '../../support/store-inventory.js';

const conf = (id: string, authMethod?: ClientAuthMethod, extra = {}) => {
  const c = client({ id, ...extra });
  if (authMethod === undefined) delete c.authMethod;
  else c.authMethod = authMethod;
  return c;
};
const spa = client({ id: 'spa', type: 'public', appType: 'spa', authMethod: 'none' });
const broker = conf('broker', 'client_secret_basic', { builtIn: true });
const mixed = [conf('shop', 'private_key_jwt'), conf('api', 'tls_client_auth'), conf('blog', 'client_secret_basic'), spa, broker];

// Catalog §4 CAUTH-CLIENT-INVENTORY (RFC 9700 §2.5; RFC 8705 §2; OIDC Core §9), T2 per store: share of
// enabled, non-built-in confidential clients using private_key_jwt / tls_client_auth /
// self_signed_tls_client_auth; PASS at or above the threshold option (default 0.5), WARN below; FAIL when
// a client has a service account and an interactive grant. Unreported methods decide only when they
// cannot change the verdict; otherwise unknown.
testRule(rule, [
  {
    name: 'two of three confidential clients use asymmetric keys (public and built-in clients do not count): pass',
    inventory: storeInventory({ facts: { clients: ok(mixed) } }),
    expected: [{ targetId: 'store', subject: 'realm customers', outcome: 'pass', messageId: 'strongShare', messageIncludes: ['2 of 3 (67 %)', 'threshold 50 %'], evidence: { confidential: 3, asymmetric: 2 } }],
  },
  {
    name: 'the same clients against an 80 % threshold warn and name the shared-secret clients',
    inventory: storeInventory({ facts: { clients: ok(mixed) } }),
    options: { threshold: 0.8 },
    expected: [{ outcome: 'warn', messageId: 'weakShare', messageIncludes: ['2 of 3 (67 %)', 'threshold 80 %', 'blog'] }],
  },
  {
    name: 'one of four confidential clients with asymmetric keys warns',
    inventory: storeInventory({ facts: { clients: ok([conf('a', 'private_key_jwt'), conf('b', 'client_secret_post'), conf('c', 'client_secret_jwt'), conf('d', 'client_secret_basic')]) } }),
    expected: [{ outcome: 'warn', messageId: 'weakShare', severity: 'medium', messageIncludes: ['1 of 4 (25 %)', 'b, c, d'] }],
  },
  {
    name: 'a client with a service account and the code flow fails, whatever the share',
    inventory: storeInventory({ facts: { clients: ok([conf('shop', 'private_key_jwt', { serviceAccount: true, grants: ['authorization_code', 'client_credentials'] })]) } }),
    expected: [{ outcome: 'fail', messageId: 'mixedServiceAccount', messageIncludes: ['1 client(s)', 'shop'], evidence: { mixedServiceAccount: { ids: ['shop'] } } }],
  },
  {
    name: 'only public clients: N/A',
    inventory: storeInventory({ facts: { clients: ok([spa, broker]) } }),
    expected: [{ outcome: 'n/a', messageId: 'noConfidentialClients' }],
  },
  {
    name: 'unreported methods that cannot change the verdict do not block it; ones that could: unknown',
    inventory: storeInventory([
      { targetId: 'okta-a', product: 'okta', facts: { clients: ok([conf('a', 'private_key_jwt'), conf('b', 'private_key_jwt'), conf('c')]) } },
      { targetId: 'okta-b', product: 'okta', facts: { clients: ok([conf('a', 'private_key_jwt'), conf('b', 'client_secret_basic'), conf('c')]) } },
    ]),
    expected: [
      { targetId: 'okta-a', outcome: 'pass', messageId: 'strongShare', evidence: { methodNotReported: { ids: ['c'] } } },
      { targetId: 'okta-b', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['did not report the authentication method of 1 confidential client(s) (c)'] },
    ],
  },
  {
    name: 'clients could not be read: unknown',
    inventory: storeInventory({ facts: { clients: notRead() } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['TIMEOUT'] }],
  },
  {
    name: 'a server scanned without a store credential: unknown next to the store findings of another target',
    inventory: storeInventory({ targetId: 'kc', facts: { clients: ok(mixed) } }, { extra: asInventory({ targetId: 'op' }).snapshots }),
    expected: [
      { targetId: 'kc', outcome: 'pass', messageId: 'strongShare' },
      { targetId: 'op', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['needs a read-only admin credential (T2) for oidc'] },
    ],
  },
]);
