import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fileConnector } from '../../../connectors/file/index.js';
import { fileTargetSchema } from '../../../connectors/file/config.js';
import { collectExport, datasetOf, FIXTURES, profilesOf } from './helpers.js';

/**
 * Every mapping example in the connector's README, run against the fixture it names: the
 * documentation cannot drift from what the connector does.
 */
const readme = readFileSync(new URL('../../../connectors/file/README.md', import.meta.url), 'utf8');
const examples = [...readme.matchAll(/```yaml\n# fixture: (\S+)\n([\s\S]*?)```/g)].map((m) => ({ fixture: m[1]!, yaml: m[2]! }));

describe('README examples', () => {
  it('there is one per vendor export the README promises', () => {
    expect(examples.map((e) => e.fixture)).toEqual(['auth0-users.jsonl', 'auth0-users.csv', 'keycloak-users.jsonl', 'salesforce-contacts.csv', 'hubspot-contacts.csv']);
  });

  it('the config block at the top is a valid target', () => {
    const block = /## Config\n\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const [target] = parse(block) as unknown[];
    expect(fileTargetSchema.safeParse(target).success).toBe(true);
  });

  for (const { fixture, yaml } of examples) {
    it(`${fixture}: validates, and reads the fixture completely with no error`, async () => {
      const [raw] = parse(yaml) as Array<Record<string, unknown>>;
      const config = fileTargetSchema.parse({ ...raw, path: fixture });
      expect(fileConnector.location(config)).toBe(fixture);
      const snapshot = await collectExport(config, FIXTURES);
      expect(snapshot.errors).toEqual([]);
      expect(datasetOf(snapshot).state).toBe('complete');
      const profiles = profilesOf(snapshot);
      expect(profiles.length).toBeGreaterThan(3);
      expect(snapshot.kind).toBe(config.records === 'users' ? 'identity-store' : 'crm');
      if (config.records === 'users') {
        // Every users example maps status and federated identities, so those counts are observed.
        expect(snapshot.facts.identityStore?.userStats).toMatchObject({ state: 'observed', value: { disabled: 1, withFederatedIdentity: expect.any(Number) } });
        expect(profiles.some((p) => p.links.some((l) => l.kind === 'federated-identity'))).toBe(true);
      } else {
        expect(profiles.some((p) => p.links.some((l) => l.kind === 'crm-key' && l.via === 'auth0'))).toBe(true);
        expect(profiles.some((p) => p.consent?.marketing === true)).toBe(true);
      }
    });
  }

  it('the Auth0 CSV example: origin from the exported provider, social accounts as federated identities', async () => {
    const raw = (parse(examples[1]!.yaml) as Array<Record<string, unknown>>)[0]!;
    const profiles = profilesOf(await collectExport(fileTargetSchema.parse({ ...raw, path: 'auth0-users.csv' }), FIXTURES));
    expect(profiles.map((p) => [p.origin, p.status, p.links.map((l) => `${l.via}:${l.value}`)])).toEqual([
      ['local', 'active', []],
      ['federated', 'active', ['google-oauth2:']],
      ['local', 'active', []],
      ['local', 'disabled', []],
      ['local', 'active', []],
    ]);
  });
});
