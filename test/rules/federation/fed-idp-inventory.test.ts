import rule from '../../../rules/federation/fed-idp-inventory.js';
import { asInventory } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { idp, noPermission, notRead, ok, storeInventory } from '../../support/store-inventory.js';

const google = idp({ alias: 'google', provider: 'google', category: 'social' });
const apple = idp({ alias: 'apple', provider: 'apple', category: 'social' });
const partner = idp({ alias: 'partner-saml', provider: 'saml', protocol: 'saml', category: 'enterprise' });
const itsme = idp({ alias: 'itsme', provider: 'oidc', category: 'national-eid' });

// Catalog §7 FED-IDP-INVENTORY (OIDC Core §3; vendor APIs), T2 per store: INFO counts of enabled upstream
// identity providers by category (social, enterprise, national eID, other) and disabled ones. The message
// id `socialOrEnterprise` means "social or enterprise login present" (a maturity signal).
testRule(rule, [
  {
    name: 'social and enterprise providers enabled, one disabled: INFO socialOrEnterprise with counts',
    inventory: storeInventory({ facts: { identityProviders: ok([google, apple, partner, { ...itsme, enabled: false }]) } }),
    expected: [
      {
        targetId: 'store',
        subject: 'realm customers',
        outcome: 'info',
        messageId: 'socialOrEnterprise',
        severity: 'info',
        messageIncludes: ['3 upstream identity provider(s)', 'social 2 (google, apple)', 'enterprise 1 (saml)', '1 disabled'],
        evidence: { enabled: 3, disabled: 1, byCategory: { social: { enabled: 2, aliases: ['google', 'apple'] }, 'national-eid': { enabled: 0, disabled: 1 } } },
      },
    ],
  },
  {
    name: 'only a national eID provider: INFO otherOnly',
    inventory: storeInventory({ facts: { identityProviders: ok([itsme]) } }),
    expected: [{ outcome: 'info', messageId: 'otherOnly', messageIncludes: ['national eID 1 (oidc)'] }],
  },
  {
    name: 'every provider disabled: INFO none, with the disabled count',
    inventory: storeInventory({ facts: { identityProviders: ok([{ ...google, enabled: false }]) } }),
    expected: [{ outcome: 'info', messageId: 'none', messageIncludes: ['; 1 disabled'] }],
  },
  {
    name: 'several stores: social login in one, none in another, one not readable, an LDAP directory silent',
    inventory: storeInventory([
      { targetId: 'auth0', product: 'auth0', facts: { scope: { kind: 'tenant', name: 'acme' }, identityProviders: ok([google]) } },
      { targetId: 'kc', facts: { identityProviders: ok([]) } },
      { targetId: 'kc-legacy', facts: { identityProviders: notRead() } },
      { targetId: 'ldap', product: 'ldap', facts: { scope: { kind: 'directory', name: 'dc=example' } } },
    ]),
    expected: [
      { targetId: 'auth0', subject: 'tenant acme', outcome: 'info', messageId: 'socialOrEnterprise' },
      { targetId: 'kc', outcome: 'info', messageId: 'none' },
      { targetId: 'kc-legacy', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['TIMEOUT'] },
    ],
  },
  {
    name: 'identity providers not readable: unknown with the missing permission',
    inventory: storeInventory({ facts: { identityProviders: noPermission('view-identity-providers') } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['403'] }],
  },
  {
    name: 'a server scanned without a store credential: unknown',
    inventory: asInventory({ issuer: 'https://acme.okta.com' }),
    expected: [{ targetId: 'op', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['needs a read-only admin credential (T2) for okta'] }],
  },
]);
