import { discoverCxoneApi } from '../discovery/discover.js';
import type { CxoneToken } from '../types.js';
import type { DiscoveredApi } from './facts.js';

/**
 * The doctor's one use of API host discovery: the library's own `discoverCxoneApi`, so the host
 * reported is the one `baseURL: 'discover'` would pick.
 */
export function discoverApiHost(token: CxoneToken): Promise<DiscoveredApi> {
  return discoverCxoneApi(token);
}
