import { withDefaults, type OptionRegistry } from '../options/option-spec.js';
import type { FakeCxoneOptions } from './types.js';

/** The fake's defaults that are one value; the others (credentials, tenant id) are made up per fake. */
export const FAKE_CXONE_DEFAULTS = {
  expiresIn: 3600,
  tokenFormat: 'opaque',
  // CXone's access tokens are issued by its auth host, not by the issuer.
  authHost: 'https://auth.nice-incontact.com',
  areaInIdToken: true,
  accessKeyStatuses: { formBody: 400, wrongKey: 401 },
  clientAuthentication: 'either',
  grantTypes: ['client_credentials', 'password'],
  area: 'na1',
  cluster: 'B32',
  clockSkewSeconds: 0,
  recordRequests: true,
  // 0: any free port.
  port: 0,
  apiPort: 0,
} as const satisfies Partial<Required<FakeCxoneOptions>>;

const MADE_UP = { defaultText: 'made up' } as const;

/**
 * Every option of `startFakeCxone`, declared once: unknown keys are refused by it, and
 * docs/testing.md's table is checked against it (tests/docs/readme.test.ts).
 */
export const FAKE_CXONE_OPTIONS = {
  ...withDefaults(FAKE_CXONE_DEFAULTS),
  clientId: MADE_UP,
  clientSecret: MADE_UP,
  accessKeyId: MADE_UP,
  accessKeySecret: MADE_UP,
  tenantId: MADE_UP,
  scope: { defaultText: 'none' },
  // Left to Node, which listens with 511.
  backlog: { defaultText: '`511`' },
} as const satisfies OptionRegistry<FakeCxoneOptions>;
