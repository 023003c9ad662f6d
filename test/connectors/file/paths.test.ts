import { describe, expect, it } from 'vitest';
import { parsePath, valuesAt } from '../../../connectors/file/paths.js';

function values(root: unknown, text: string): string[] {
  const parsed = parsePath(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return valuesAt(root, parsed.path);
}

describe('JSON Lines paths', () => {
  const user = {
    user_id: 'auth0|1',
    email_verified: true,
    logins_count: 7,
    user_metadata: { country: 'IE', nested: { deep: 'x' } },
    identities: [
      { provider: 'auth0', user_id: '1' },
      { provider: 'google-oauth2', user_id: '2' },
      { provider: 'facebook' },
    ],
    attributes: { phoneNumber: ['+15555550100', '+15555550101'] },
    nothing: null,
  };

  it.each([
    ['user_id', ['auth0|1']],
    ['email_verified', ['true']],
    ['logins_count', ['7']],
    ['user_metadata.country', ['IE']],
    ['user_metadata.nested.deep', ['x']],
    ['identities[1].provider', ['google-oauth2']],
    ['identities[9].provider', ['']],
    ['attributes.phoneNumber', ['+15555550100', '+15555550101']],
    ['user_metadata', ['']],
    ['nothing', ['']],
    ['missing.key', ['']],
  ])('%s', (path, expected) => {
    expect(values(user, path)).toEqual(expected);
  });

  it('[*] gives one value per element, "" where the key is missing, so paired paths stay aligned', () => {
    expect(values(user, 'identities[*].provider')).toEqual(['auth0', 'google-oauth2', 'facebook']);
    expect(values(user, 'identities[*].user_id')).toEqual(['1', '2', '']);
    expect(values({ identities: [] }, 'identities[*].user_id')).toEqual([]);
    expect(values({ identities: 'no array' }, 'identities[*].user_id')).toEqual([]);
  });

  it.each(['', 'a..b', '[0]', 'a[x]', 'a[*].b[*]', 'a]', 'a[0'])('rejects %j', (text) => {
    expect(parsePath(text).ok).toBe(false);
  });
});
