import rule from '../../../rules/flows/flow-cross-device.js';
import { asInventory, baseMetadata, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { client, noPermission, ok, storeInventory } from '../../support/store-inventory.js';

const tv = client({ id: 'tv-app', type: 'public', appType: 'native', authMethod: 'none', grants: ['device_code', 'refresh_token'], deviceGrant: true });
const callCentre = client({ id: 'call-centre', appType: 'web', grants: ['ciba'], ciba: true });
const web = client({ id: 'web', appType: 'web' });

const meta = (members: Record<string, unknown>) => asInventory({ metadata: { ...baseMetadata(), ...members } });

// Catalog §3 FLOW-CROSS-DEVICE (RFC 8628; CIBA Core §4): INFO present/absent per grant at T0; the
// endpoints are never called. T2 (per store): INFO which enabled clients have the device grant or CIBA;
// WARN when a client that does not need one has it (device grant on an SPA or web app; CIBA on a public,
// SPA or native client). Built-in clients are never warned about.
testRule(rule, [
  {
    name: 'no device or CIBA grant: INFO none',
    inventory: asInventory({}),
    expected: [{ outcome: 'info', messageId: 'none', evidence: { deviceAuthorization: false, ciba: false } }],
  },
  {
    name: 'a device authorization endpoint: INFO available',
    inventory: meta({ device_authorization_endpoint: `${ISSUER}/device` }),
    expected: [{ outcome: 'info', messageId: 'available', messageIncludes: ['device authorization (RFC 8628)'] }],
  },
  {
    name: 'the device_code grant type alone counts',
    inventory: meta({ grant_types_supported: ['authorization_code', 'urn:ietf:params:oauth:grant-type:device_code'] }),
    expected: [{ outcome: 'info', messageId: 'available', evidence: { deviceAuthorization: true } }],
  },
  {
    name: 'a CIBA endpoint with delivery modes: INFO available with the modes',
    inventory: meta({ backchannel_authentication_endpoint: `${ISSUER}/bc-authorize`, backchannel_token_delivery_modes_supported: ['poll', 'ping'], backchannel_user_code_parameter_supported: true }),
    expected: [{ outcome: 'info', messageId: 'available', messageIncludes: ['CIBA (delivery modes: poll, ping)'], evidence: { ciba: true, cibaUserCode: true } }],
  },
  {
    name: 'both grants (CIBA by grant type only) are listed',
    inventory: meta({ device_authorization_endpoint: `${ISSUER}/device`, grant_types_supported: ['authorization_code', 'urn:openid:params:grant-type:ciba'] }),
    expected: [{ outcome: 'info', messageId: 'available', messageIncludes: ['device authorization (RFC 8628); CIBA (delivery modes: (none))'] }],
  },
  {
    name: 'no discovery document: unknown (precondition)',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
  {
    name: 'T2: no enabled client has a cross-device grant: INFO',
    inventory: storeInventory({ facts: { clients: ok([web, { ...tv, enabled: false }]) } }),
    expected: [{ targetId: 'store', subject: 'realm customers', outcome: 'info', messageId: 'clientsNone' }],
  },
  {
    name: 'T2: device grant on a TV app and CIBA on a confidential call-centre client: INFO scoped',
    inventory: storeInventory({ facts: { clients: ok([web, tv, callCentre]) } }),
    expected: [{ outcome: 'info', messageId: 'clientsScoped', messageIncludes: ['2 client(s) (device grant on 1, CIBA on 1)', 'tv-app, call-centre'] }],
  },
  {
    name: 'T2: the device grant on an SPA warns',
    inventory: storeInventory({ facts: { clients: ok([tv, client({ id: 'shop-spa', type: 'public', appType: 'spa', grants: ['authorization_code', 'device_code'] })]) } }),
    expected: [{ outcome: 'warn', messageId: 'clientsUnneeded', messageIncludes: ['shop-spa: device grant on a single-page app'], evidence: { unneeded: { count: 1 } } }],
  },
  {
    name: 'T2: CIBA on a public native app warns',
    inventory: storeInventory({ facts: { clients: ok([client({ id: 'mobile', type: 'public', appType: 'native', grants: ['authorization_code'], ciba: true })]) } }),
    expected: [{ outcome: 'warn', messageId: 'clientsUnneeded', messageIncludes: ['mobile: CIBA on a public or browser/native client'] }],
  },
  {
    name: 'T2: a built-in web client with the device grant is reported, not warned about',
    inventory: storeInventory({ facts: { clients: ok([client({ id: 'account', appType: 'web', builtIn: true, deviceGrant: true })]) } }),
    expected: [{ outcome: 'info', messageId: 'clientsScoped', evidence: { deviceGrant: { ids: ['account'] } } }],
  },
  {
    name: 'T2: clients not readable: unknown',
    inventory: storeInventory({ facts: { clients: noPermission('view-clients') } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
  {
    name: 'T0 and T2 side by side: the server offers the device grant, the store scopes it',
    inventory: storeInventory({ targetId: 'kc', facts: { clients: ok([tv]) } }, { extra: meta({ device_authorization_endpoint: `${ISSUER}/device` }).snapshots }),
    expected: [
      { targetId: 'kc', outcome: 'info', messageId: 'clientsScoped' },
      { targetId: 'op', outcome: 'info', messageId: 'available' },
    ],
  },
]);
