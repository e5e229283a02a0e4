/**
 * `axios-cxone-auth/testing`: a fake NICE CXone for tests and demos that run offline.
 * Dependency-free (node:http only); never use it in production code.
 */
export { startFakeCxone } from './fake-cxone.js';
export type {
  FakeCxone,
  FakeCxoneCredentials,
  FakeCxoneOptions,
  FakeCxoneStats,
  FakeFault,
  FakeGrantType,
  FakeRateLimit,
  FakeRequest,
  FakeTarget,
} from './types.js';
