/**
 * The six identity stores of test/e2e/six-stores.test.ts, on 127.0.0.1, and the config that scans
 * them: the Keycloak, Auth0 and Okta benchmark simulators (bench/simulators), a real SCIM server
 * (scimmy, src/demo/scim-server.ts), a real OpenLDAP slapd with StartTLS (src/demo/ldap-server.ts)
 * and a CSV export for the file connector.
 *
 * Every store holds customers whose e-mail addresses are known here (`seededEmails`), so the suite
 * can check that none of them reaches the console or a report file; every credential is handed to
 * the CLI through `${env:...}` references (`env`), so the suite can check that no secret does.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startAuth0Simulator, type Auth0Simulator } from '../../bench/simulators/auth0.js';
import { startKeycloakSimulator, type KeycloakSimulator } from '../../bench/simulators/keycloak.js';
import { customersContainer, syntheticCustomer, BENCH_BASE_DN, BENCH_SUFFIX, isLockedCustomer } from '../../bench/simulators/ldap.js';
import { startOktaSimulator, type OktaSimulator } from '../../bench/simulators/okta.js';
import { createCertificateAuthority, issueServerCertificate } from '../../src/demo/certificates.js';
import { startSlapd, type LdifEntry, type SlapdServer } from '../../src/demo/ldap-server.js';
import { startScimServer, type ScimSeedUser, type ScimServer } from '../../src/demo/scim-server.js';

/** How many customers each store holds: what the `users` dataset of each target must count. */
export const USERS = {
  keycloak: 1_500,
  auth0: 1_200,
  okta: 1_000,
  scim: 300,
  ldap: 300,
  file: 250,
} as const;

export type StoreId = keyof typeof USERS;

/** Target ids in the config, per store. */
export const TARGET_IDS: Record<StoreId, string> = {
  keycloak: 'kc-customers',
  auth0: 'auth0-shop',
  okta: 'okta-org',
  scim: 'scim-accounts',
  ldap: 'ldap-loyalty',
  file: 'file-export',
};

export const LDAP_POLICY_DN = `cn=default,ou=policies,${BENCH_SUFFIX}`;

export interface SixStores {
  /** The config file (YAML) with the six targets. */
  configFile: string;
  /** Environment of the CLI process: the secrets the config references. */
  env: Record<string, string>;
  /** The secret values themselves (none may be printed or written). */
  secrets: string[];
  /** E-mail addresses held by the stores (none may be printed or written). */
  seededEmails: string[];
  /** Locked/disabled customers per store, computed from the generators (not from the stores). */
  disabled: Partial<Record<StoreId, number>>;
  close(): Promise<void>;
}

/** Start everything; `dir` receives the CA files, the CSV export and the config. */
export async function startSixStores(dir: string): Promise<SixStores> {
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    await Promise.allSettled(closers.splice(0).reverse().map((c) => c()));
  };
  try {
    const secrets = {
      keycloak: `kc-secret-${randomBytes(12).toString('hex')}`,
      auth0: `auth0-secret-${randomBytes(12).toString('hex')}`,
      okta: `okta-token-${randomBytes(12).toString('hex')}`,
      scim: `scim-token-${randomBytes(12).toString('hex')}`,
    };

    const keycloak: KeycloakSimulator = await startKeycloakSimulator({ users: USERS.keycloak });
    closers.push(() => keycloak.close());
    const auth0: Auth0Simulator = await startAuth0Simulator({ users: USERS.auth0, rps: 200 });
    closers.push(() => auth0.close());
    const okta: OktaSimulator = await startOktaSimulator({ users: USERS.okta });
    closers.push(() => okta.close());

    // One private CA for the two real servers (SCIM over https, slapd with StartTLS).
    const ca = await createCertificateAuthority('ciamscan six-stores e2e CA');
    const cert = await issueServerCertificate(ca, { hosts: ['127.0.0.1', 'localhost'] });
    const scim: ScimServer = await startScimServer({ users: scimUsers(USERS.scim), groups: ['Loyalty', 'Newsletter'], token: secrets.scim, tls: cert });
    closers.push(() => scim.close());
    const ldap: SlapdServer = await startSlapd({
      suffix: BENCH_SUFFIX,
      entries: ldapEntries(USERS.ldap),
      tls: { ...cert, caPem: ca.certPem },
      passwordPolicyDn: LDAP_POLICY_DN,
    });
    closers.push(() => ldap.close());

    const caFiles = {
      shared: join(dir, 'e2e-ca.pem'),
      auth0: join(dir, 'auth0-ca.pem'),
      okta: join(dir, 'okta-ca.pem'),
    };
    writeFileSync(caFiles.shared, ca.certPem);
    writeFileSync(caFiles.auth0, auth0.ca);
    writeFileSync(caFiles.okta, okta.caPem);
    writeFileSync(join(dir, 'users.csv'), csvExport(USERS.file));

    // Local servers: the production defaults (2–10 requests/s) would only make the suite slow.
    const fast = { requestsPerSecond: 500, burst: 100, maxRetryWaitMs: 5_000 };
    const config = {
      version: 1,
      targets: [
        {
          id: TARGET_IDS.keycloak,
          type: 'keycloak',
          name: 'Customer realm (Keycloak simulator)',
          baseUrl: keycloak.baseUrl,
          realm: keycloak.realm,
          clientId: 'ciamscan',
          clientSecret: '${env:E2E_KC_SECRET}',
          profiles: { pageSize: 500 },
          limits: fast,
        },
        {
          id: TARGET_IDS.auth0,
          type: 'auth0',
          name: 'Shop tenant (Auth0 simulator)',
          domain: auth0.domain,
          clientId: 'e2e-scanner-client',
          clientSecret: '${env:E2E_AUTH0_SECRET}',
          exportPollMs: 50,
          exportMaxWaitSeconds: 30,
          tls: { caFile: caFiles.auth0 },
          limits: fast,
        },
        {
          id: TARGET_IDS.okta,
          type: 'okta',
          name: 'Workforce org (Okta simulator)',
          orgUrl: okta.orgUrl,
          auth: { method: 'api-token', token: '${env:E2E_OKTA_TOKEN}' },
          tls: { caFile: caFiles.okta },
          limits: fast,
        },
        {
          id: TARGET_IDS.scim,
          type: 'scim',
          name: 'Customer accounts (scimmy)',
          baseUrl: scim.baseUrl,
          token: '${env:E2E_SCIM_TOKEN}',
          maxCount: 200,
          tls: { caFile: caFiles.shared },
          limits: fast,
        },
        {
          id: TARGET_IDS.ldap,
          type: 'ldap',
          name: 'Loyalty directory (slapd)',
          url: ldap.url,
          startTls: true,
          bindDn: ldap.bindDn,
          bindPassword: '${env:E2E_LDAP_PASSWORD}',
          baseDn: BENCH_BASE_DN,
          passwordPolicyDn: LDAP_POLICY_DN,
          tls: { caFile: caFiles.shared },
          limits: fast,
        },
        {
          id: TARGET_IDS.file,
          type: 'file',
          name: 'Legacy shop export (CSV)',
          path: 'users.csv',
          records: 'users',
          product: 'legacy-shop',
          mapping: { status: { column: 'blocked', disabled: ['true'] } },
        },
      ],
    };
    const configFile = join(dir, 'six-stores.yaml');
    writeFileSync(configFile, stringify(config));

    const env = {
      E2E_KC_SECRET: secrets.keycloak,
      E2E_AUTH0_SECRET: secrets.auth0,
      E2E_OKTA_TOKEN: secrets.okta,
      E2E_SCIM_TOKEN: secrets.scim,
      E2E_LDAP_PASSWORD: ldap.bindPassword,
    };
    return {
      configFile,
      env,
      secrets: [...Object.values(secrets), ldap.bindPassword, ldap.adminPassword],
      seededEmails: seededEmails(),
      disabled: {
        ldap: Array.from({ length: USERS.ldap }, (_, i) => i + 1).filter(isLockedCustomer).length,
        scim: Array.from({ length: USERS.scim }, (_, i) => i + 1).filter(scimDisabled).length,
        file: Array.from({ length: USERS.file }, (_, i) => i + 1).filter(fileBlocked).length,
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** A sample of every store's addresses: the generators' own (simulators, slapd) and ours (SCIM, CSV). */
function seededEmails(): string[] {
  return [
    // bench/simulators/keycloak.ts: user<i>@example.test, i = 1..N
    'user1@example.test',
    'user42@example.test',
    `user${USERS.keycloak}@example.test`,
    // bench/simulators/auth0.ts: customer<i>@example.com, i = 0..N-1 (also LDAP's pattern below)
    'customer0@example.com',
    `customer${USERS.auth0 - 1}@example.com`,
    // bench/simulators/okta.ts: user<i>@example.com, i = 0..N-1
    'user0@example.com',
    'user77@example.com',
    // bench/simulators/ldap.ts: customer<i>@example.com, second address c<i>.alt@example.net
    'customer1@example.com',
    'c7.alt@example.net',
    // ours
    'scim.seed.1@e2e-seed.test',
    `scim.seed.${USERS.scim}@e2e-seed.test`,
    'file.seed.1@e2e-seed.test',
    `file.seed.${USERS.file}@e2e-seed.test`,
  ];
}

/** Any address of the stores' mail domains (a looser net than the sample above). */
export const STORE_EMAIL = /[A-Za-z0-9._%+-]+@(?:example\.test|example\.com|example\.net|e2e-seed\.test)\b/;

const scimDisabled = (i: number) => i % 9 === 0;
const fileBlocked = (i: number) => i % 11 === 0;

function scimUsers(n: number): ScimSeedUser[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + 1;
    const user: ScimSeedUser = {
      userName: `scim-user-${i}`,
      name: { givenName: `Given${i}`, familyName: `Family${i % 17}` },
      emails: [{ value: `scim.seed.${i}@e2e-seed.test`, type: 'work', primary: true }],
      active: !scimDisabled(i),
      created: new Date(Date.UTC(2023, 0, 1) + i * 3_600_000).toISOString(),
    };
    if (i % 3 === 0) user.phoneNumbers = [{ value: `+3161234${String(i).padStart(4, '0')}`, type: 'mobile' }];
    if (i % 2 === 0) user.externalId = `crm-${i}`;
    return user;
  });
}

function ldapEntries(n: number): LdifEntry[] {
  const entries: LdifEntry[] = [
    { dn: `ou=policies,${BENCH_SUFFIX}`, attributes: { objectClass: 'organizationalUnit', ou: 'policies' } },
    {
      dn: LDAP_POLICY_DN,
      // Length checked strictly (12), lockout after 5 failures: a policy the rules can judge.
      attributes: { objectClass: ['pwdPolicy', 'organizationalRole'], cn: 'default', pwdAttribute: 'userPassword', pwdMinLength: '12', pwdCheckQuality: '2', pwdLockout: 'TRUE', pwdMaxFailure: '5', pwdLockoutDuration: '900' },
    },
    customersContainer(BENCH_BASE_DN),
  ];
  for (let i = 1; i <= n; i++) entries.push(syntheticCustomer(i, BENCH_BASE_DN));
  return entries;
}

function csvExport(n: number): string {
  const lines = ['id,email,email_verified,first_name,last_name,created_at,last_login,blocked'];
  for (let i = 1; i <= n; i++) {
    const created = new Date(Date.UTC(2022, 5, 1) + i * 86_400_000).toISOString();
    lines.push([`legacy-${i}`, `file.seed.${i}@e2e-seed.test`, i % 4 === 0 ? 'false' : 'true', `Given${i}`, `Family${i % 13}`, created, i % 5 === 0 ? '' : created, fileBlocked(i) ? 'true' : 'false'].join(','));
  }
  return `${lines.join('\n')}\n`;
}
