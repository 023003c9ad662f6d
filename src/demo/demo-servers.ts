/**
 * The demo's servers, run in their own process: the scanned systems are separate programs, as in
 * reality, and their console output (oidc-provider prints notices) can never mix with a report
 * written to stdout. The parent reads one line starting with READY_MARKER.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { storeRecords, type SyntheticRecord } from '../synthetic/world.js';
import { startAuthorizationServer } from './authorization-server.js';
import { startCrmSimulator } from './crm-simulator.js';
import { createCertificateAuthority, issueServerCertificate } from './certificates.js';
import { SlapdNotInstalledError, startSlapd, type LdifEntry } from './ldap-server.js';
import { MARKETING_SCHEMA, startScimServer, type ScimSeedUser } from './scim-server.js';
import { DEMO_WORLD } from './world.js';

export const READY_MARKER = 'CIAMSCAN-DEMO-READY ';

export interface DemoServersReady {
  caFile: string;
  authorizationServer: { issuer: string };
  /** `marketingSchema`: the User extension URN that holds marketing consent. */
  scim: { baseUrl: string; token: string; users: number; marketingSchema: string };
  /** Absent when slapd is not installed (the reason says how to get it). */
  ldap?: { url: string; bindDn: string; bindPassword: string; baseDn: string; entries: number };
  ldapSkipped?: string;
  /** One simulator: Salesforce answers on 127.0.0.1, HubSpot on localhost (same port). */
  crm: {
    salesforce: { loginUrl: string; clientId: string; clientSecret: string; contacts: number; leads: number };
    hubspot: { basePath: string; token: string; contacts: number };
  };
}

/** Field and property names the demo CRMs keep the account store's user id in (detected by the scan, not configured). */
export const DEMO_CRM_LINK = { salesforce: 'IdP_Subject__c', hubspot: 'idp_subject' } as const;

const LOYALTY_SUFFIX = 'dc=loyalty,dc=example';
const LOYALTY_BASE = `ou=members,${LOYALTY_SUFFIX}`;

export function scimUser(r: SyntheticRecord): ScimSeedUser {
  const primary = r.emails[0]?.address;
  const user: ScimSeedUser = {
    id: r.localId,
    userName: primary ?? r.localId,
    active: r.status === 'active',
    created: r.createdAt,
    emails: r.emails.map((e, i) => ({ value: e.address, type: 'home', primary: i === 0 })),
    phoneNumbers: r.phones.map((p, i) => ({ value: p, type: 'mobile', primary: i === 0 })),
    // The preference centre's extension (MARKETING_SCHEMA); the record's last update stands for the decision's time.
    marketingConsent: r.marketingConsent,
    marketingConsentUpdated: r.updatedAt,
  };
  if (r.given || r.family) user.name = { ...(r.given ? { givenName: r.given } : {}), ...(r.family ? { familyName: r.family } : {}) };
  return user;
}

export function loyaltyEntry(r: SyntheticRecord): LdifEntry {
  const attributes: Record<string, string | string[]> = {
    objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
    uid: r.localId,
    cn: [r.given, r.family].filter(Boolean).join(' ') || r.localId,
    sn: r.family ?? r.localId,
  };
  if (r.given) attributes.givenName = r.given;
  if (r.emails.length) attributes.mail = r.emails.map((e) => e.address);
  if (r.phones.length) attributes.telephoneNumber = r.phones;
  return { dn: `uid=${r.localId},${LOYALTY_BASE}`, attributes };
}

const closers: Array<() => Promise<void>> = [];

async function start(dir: string): Promise<void> {
  const ca = await createCertificateAuthority('ciamscan demo CA');
  const caFile = join(dir, 'demo-ca.pem');
  writeFileSync(caFile, ca.certPem);
  const tls = await issueServerCertificate(ca, { hosts: ['127.0.0.1', 'localhost'] });
  // Typical and imperfect: PKCE only for public clients, PAR optional, no HSTS or anti-framing
  // headers, open dynamic registration, HS256 ID tokens and front-channel tokens still enabled,
  // no back-channel logout, no sender-constrained tokens.
  const op = await startAuthorizationServer({
    tls,
    issuerPath: '/realms/customers',
    pkce: 'public-only',
    par: 'on',
    weakAlgorithms: true,
    securityHeaders: false,
    openRegistration: true,
    backchannelLogout: false,
    dpop: false,
    deviceFlow: true,
    introspection: true,
  });
  closers.push(() => op.close());
  const scimToken = randomBytes(24).toString('base64url');
  const scimUsers = [...storeRecords(DEMO_WORLD, 'customers')].map(scimUser);
  const scim = await startScimServer({ users: scimUsers, token: scimToken, tls, groups: ['customers', 'newsletter'] });
  closers.push(() => scim.close());
  const sales = [...storeRecords(DEMO_WORLD, 'sales')];
  const marketing = [...storeRecords(DEMO_WORLD, 'marketing')];
  const crmToken = randomBytes(24).toString('base64url');
  const crm = await startCrmSimulator({
    tls: { ...tls, caPem: ca.certPem },
    token: crmToken,
    salesforce: { contacts: sales, linkField: DEMO_CRM_LINK.salesforce },
    hubspot: { contacts: marketing, linkProperty: DEMO_CRM_LINK.hubspot },
  });
  closers.push(() => crm.close());
  const ready: DemoServersReady = {
    caFile,
    authorizationServer: { issuer: op.issuer },
    scim: { baseUrl: scim.baseUrl, token: scimToken, users: scimUsers.length, marketingSchema: MARKETING_SCHEMA },
    crm: {
      salesforce: {
        loginUrl: crm.salesforce.loginUrl,
        clientId: 'ciamscan-demo-integration',
        // The simulator accepts any client secret; the demo still passes one through a secret reference.
        clientSecret: randomBytes(24).toString('base64url'),
        contacts: sales.filter((r) => r.lifecycle !== 'lead').length,
        leads: sales.filter((r) => r.lifecycle === 'lead').length,
      },
      hubspot: { basePath: crm.hubspot.basePath, token: crmToken, contacts: marketing.length },
    },
  };
  try {
    const entries = [
      { dn: LOYALTY_BASE, attributes: { objectClass: ['top', 'organizationalUnit'], ou: 'members' } },
      ...[...storeRecords(DEMO_WORLD, 'loyalty')].map(loyaltyEntry),
    ];
    const ldap = await startSlapd({ suffix: LOYALTY_SUFFIX, entries, tls: { certPem: tls.certPem, keyPem: tls.keyPem, caPem: ca.certPem } });
    closers.push(() => ldap.close());
    ready.ldap = { url: ldap.url, bindDn: ldap.bindDn, bindPassword: ldap.bindPassword, baseDn: LOYALTY_BASE, entries: entries.length - 1 };
  } catch (err) {
    if (!(err instanceof SlapdNotInstalledError)) throw err;
    ready.ldapSkipped = err.message;
  }
  process.stdout.write(`${READY_MARKER}${JSON.stringify(ready)}\n`);
  // Stop when the parent goes away (its end of the IPC-less pipe closes) or asks.
  process.stdin.resume();
  const shutdown = () => {
    // Stop the servers (slapd is a child process with a temporary directory) before leaving.
    void Promise.allSettled(closers.map((close) => close())).finally(() => process.exit(0));
  };
  process.stdin.on('end', shutdown);
  process.on('SIGTERM', shutdown);
}

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: demo-servers <directory for the CA file>\n');
  process.exit(2);
}
start(dir).catch((err: unknown) => {
  process.stderr.write(`demo servers failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
