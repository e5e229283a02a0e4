import type { AuthContext } from './auth-context.js';

/**
 * Under `baseURL: 'discover'` the discovered API host becomes the instance's `baseURL`; `detach()`
 * promises an instance as it was, so it takes that back (issue 16). Returns what `detach()` calls:
 * it puts back the `baseURL` the instance had at attach time (none, under `'discover'`) if discovery
 * set one. A lookup still under way needs nothing: detach() cancels it before it sets anything.
 */
export function restoreBaseUrl(context: AuthContext): () => void {
  const { defaults } = context.instance;
  const hadBaseUrl = Object.prototype.hasOwnProperty.call(defaults, 'baseURL');
  const before = defaults.baseURL;
  return () => {
    if (!context.options.discoverBaseUrl || context.baseUrlDiscovery === undefined || defaults.baseURL === before) return;
    if (hadBaseUrl) defaults.baseURL = before;
    else Reflect.deleteProperty(defaults, 'baseURL');
  };
}
