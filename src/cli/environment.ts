import { ENVIRONMENT_VARIABLES, type Environment } from '../options/options.js';
import { safeUrl } from '../security/redact.js';
import type { VariableReport } from './facts.js';
import { readVariable, safeOrigin } from './proxy.js';

const SECRETS = new Set<string>([ENVIRONMENT_VARIABLES.clientSecret, ENVIRONMENT_VARIABLES.accessKeySecret]);
const IDS = new Set<string>([ENVIRONMENT_VARIABLES.clientId, ENVIRONMENT_VARIABLES.accessKeyId]);
const URLS = new Set<string>([ENVIRONMENT_VARIABLES.issuer, ENVIRONMENT_VARIABLES.tokenUrl]);
// What decides where the token request goes and whether its certificate is trusted, besides CXONE_*.
const PROXIES = ['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY'];
const NETWORK = ['NO_PROXY', 'NODE_EXTRA_CA_CERTS', 'NODE_TLS_REJECT_UNAUTHORIZED'];
const ID_PREFIX_CHARS = 4;

/** Every variable the library or the network path reads, set or not, with its value redacted. */
export function describeEnvironment(env: Environment): VariableReport[] {
  const cxone = Object.values(ENVIRONMENT_VARIABLES).map((name) => describeCxoneVariable(name, env[name]));
  const network = [...PROXIES, ...NETWORK].map((name) => {
    const found = readVariable(env, name);
    if (!found) return { name, set: false };
    return { name: found.name, set: true, shown: PROXIES.includes(name) ? safeOrigin(found.value) : found.value };
  });
  return [...cxone, ...network];
}

function describeCxoneVariable(name: string, value: string | undefined): VariableReport {
  // The library treats an empty variable as unset; so does the report.
  if (!value) return { name, set: false };
  const problem = valueProblem(value);
  return { name, set: true, ...(problem ? { problem } : {}), ...shownValue(name, value) };
}

function shownValue(name: string, value: string): { shown?: string } {
  if (SECRETS.has(name)) return {};
  if (IDS.has(name)) {
    // An id is not a secret, but it is half of a credential: enough to recognise it, no more.
    const prefix = value.length >= 2 * ID_PREFIX_CHARS ? `${value.slice(0, ID_PREFIX_CHARS)}..., ` : '';
    return { shown: `${prefix}${value.length} chars` };
  }
  if (URLS.has(name)) return { shown: safeUrl(value) ?? '' };
  return { shown: value };
}

// The classic copy-paste mistakes: the library sends the value as it is, so CXone sees them too.
function valueProblem(value: string): string | undefined {
  if (value !== value.trim()) return 'starts or ends with whitespace (a pasted newline?)';
  if (/^(["']).*\1$/s.test(value)) return 'is wrapped in quotes, which are sent as part of the value';
  return undefined;
}
