import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTH_OPTIONS } from '../../src/options/auth-options.js';
import type { OptionSpec } from '../../src/options/option-spec.js';
import { REDIS_TOKEN_STORE_OPTIONS } from '../../src/redis/redis-token-store.js';
import { RETRY_OPTIONS } from '../../src/retry/retry-options.js';
import { FAKE_CXONE_OPTIONS } from '../../src/testing/fake-options.js';
import { codeOf, tsdocDefaults, valueDefaults } from '../support/option-tables.js';

const src = resolve(import.meta.dirname, '..', '..', 'src');

// The `@default` tags editors show are the third place a default is written (after the code and
// the docs' tables): each must open with the value the registry declares.
describe.each([
  ['attachCxoneAuth', AUTH_OPTIONS, 'types/options.ts', ['CxoneTokenOptions', 'CxoneAuthOptions']],
  ['retry', RETRY_OPTIONS, 'types/options.ts', ['RetryOptions']],
  ['redisTokenStore', REDIS_TOKEN_STORE_OPTIONS, 'redis/redis-token-store.ts', ['RedisTokenStoreOptions']],
  ['startFakeCxone', FAKE_CXONE_OPTIONS, 'testing/types.ts', ['FakeCxoneOptions']],
] as const)('the TSDoc of the options of %s', (_, registry, file, interfaces) => {
  const tags = tsdocDefaults(join(src, file), interfaces);

  it.each(valueDefaults(registry as Record<string, OptionSpec>))('gives %s the default the registry declares', (key, value) => {
    const tag = tags.get(key);
    // The value, then nothing or a comma and words: `@default 0, any free port`.
    expect(tag === codeOf(value) || tag?.startsWith(`${codeOf(value)},`), `@default ${tag}`).toBe(true);
  });
});
