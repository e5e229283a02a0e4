import type { AxiosInstance } from 'axios';
import type { ResolvedAuthOptions } from '../options/options.js';

/** The parts of an attachment (attachment.ts) that say whether discovery set a `baseURL`. */
interface DiscoveringInstance {
  readonly instance: AxiosInstance;
  readonly options: Pick<ResolvedAuthOptions, 'discoverBaseUrl'>;
  readonly baseUrlDiscovery: Promise<void> | undefined;
}

/**
 * Under `baseURL: 'discover'` the discovered API host becomes the instance's `baseURL`; `detach()`
 * promises an instance as it was, so it takes that back (issue 16). Returns what `detach()` calls:
 * it puts back the `baseURL` the instance had at attach time (none, under `'discover'`) if discovery
 * set one. A lookup still under way needs nothing: detach() cancels it before it sets anything.
 */
export function restoreBaseUrl(context: DiscoveringInstance): () => void {
  const { defaults } = context.instance;
  const hadBaseUrl = Object.prototype.hasOwnProperty.call(defaults, 'baseURL');
  const before = defaults.baseURL;
  return () => {
    if (!context.options.discoverBaseUrl || context.baseUrlDiscovery === undefined || defaults.baseURL === before) return;
    if (hadBaseUrl) defaults.baseURL = before;
    else Reflect.deleteProperty(defaults, 'baseURL');
  };
}
