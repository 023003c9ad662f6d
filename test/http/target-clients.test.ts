import { describe, expect, it } from 'vitest';
import { createRateGovernor } from '../../src/http/governor.js';
import { mergeLimits } from '../../src/http/defaults.js';
import { targetHttp } from '../../src/http/target-clients.js';
import type { HttpClient } from '../../src/http/types.js';
import { Redactor } from '../../src/privacy/redact.js';

describe('targetHttp: the clients of one target', () => {
  const limits = mergeLimits({});
  const base = { targetId: 't', namedHosts: ['api.example.test'], limits, governor: createRateGovernor(limits), allowedPosts: [], secrets: new Redactor() };

  it('one client per set of extra hosts, whatever their order; wrap and onClient once per client', async () => {
    const created: HttpClient[] = [];
    let wrapped = 0;
    const http = targetHttp({ ...base, wrap: (c) => (wrapped++, c), onClient: (c) => created.push(c) });
    const plain = http();
    expect(http()).toBe(plain);
    const download = http({ extraHosts: ['b.example.test', 'a.example.test'] });
    expect(http({ extraHosts: ['a.example.test', 'b.example.test'] })).toBe(download);
    expect(download).not.toBe(plain);
    expect(created).toEqual([plain, download]);
    expect(wrapped).toBe(2);
    // The host allow-list is the named hosts plus the extra ones: anything else is refused before sending.
    await expect(plain.request({ url: 'https://a.example.test/x' })).rejects.toThrow(/a\.example\.test/);
  });
});
