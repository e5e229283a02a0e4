import type { Environment } from '../options/options.js';
import { safeUrl } from '../security/redact.js';
import type { ProxyInUse } from './facts.js';

/**
 * Which proxy axios's Node adapter will use for `target`, read the way it reads it (the
 * proxy-from-env package): `<protocol>_proxy` then `all_proxy`, lower case before upper case, unless
 * `no_proxy` lists the host. Reimplemented rather than imported: it is axios's dependency, not ours.
 */
export function proxyFor(target: string, env: Environment): ProxyInUse | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  const protocol = url.protocol.slice(0, -1);
  const port = url.port || (protocol === 'https' ? '443' : '80');
  if (isExcluded(url.hostname.toLowerCase(), port, readVariable(env, 'no_proxy')?.value ?? '')) return undefined;
  const found = readVariable(env, `${protocol}_proxy`) ?? readVariable(env, 'all_proxy');
  if (!found) return undefined;
  const address = found.value.includes('://') ? found.value : `${protocol}://${found.value}`;
  return { variable: found.name, url: safeOrigin(address) };
}

/** A variable by its lower-case name or, failing that, its upper-case one: the one that counts. */
export function readVariable(env: Environment, name: string): { name: string; value: string } | undefined {
  for (const spelling of [name.toLowerCase(), name.toUpperCase()]) {
    const value = env[spelling];
    if (value) return { name: spelling, value };
  }
  return undefined;
}

/** An address as it may be shown: a proxy URL can carry a user and password. */
export function safeOrigin(address: string): string {
  try {
    return new URL(address).origin;
  } catch {
    return safeUrl(address.replace(/^[^@/]*@/, '')) ?? '';
  }
}

function isExcluded(hostname: string, port: string, noProxy: string): boolean {
  if (noProxy === '*') return true;
  return noProxy
    .split(/[,\s]/)
    .filter(Boolean)
    .some((entry) => {
      const [, host = entry, entryPort] = /^(.+):(\d+)$/.exec(entry) ?? [];
      if (entryPort !== undefined && entryPort !== port) return false;
      const pattern = host.toLowerCase();
      if (!/^[.*]/.test(pattern)) return hostname === pattern;
      return hostname.endsWith(pattern.replace(/^\*/, ''));
    });
}
