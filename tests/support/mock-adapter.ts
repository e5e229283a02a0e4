import type { AxiosInstance } from 'axios';
import MockAdapter from 'axios-mock-adapter';

/**
 * `new MockAdapter(instance)`, typed for this ESM project: axios-mock-adapter's declarations read
 * axios's CommonJS types, which TypeScript holds distinct from the ESM ones we import.
 */
export function mockAdapterFor(instance: AxiosInstance): MockAdapter {
  return new MockAdapter(instance as never);
}
