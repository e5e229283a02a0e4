import type { ContenderFactory } from '../types.js';
import { axiosFor, fetchTokenOnce, statusOf } from './shared.js';

const FIXED = 'fixed token fetched before the run: no token logic, the floor the others are compared to';

/** 1. Bare axios with a token fetched once beforehand: the cost of no auth logic at all. */
export const bareAxios: ContenderFactory = {
  id: 'bare-axios',
  name: 'bare axios',
  configNote: '`axios.create({ baseURL, headers: { Authorization } })` with a token fetched before the run; no refresh, no retry',
  packages: [],
  usesAxios: true,
  cannot: { cold: FIXED, rollover: FIXED, revocation: FIXED, ratelimit: FIXED },
  async create(target) {
    const token = await fetchTokenOnce(target);
    const api = axiosFor(target, { baseURL: target.apiUrl, headers: { Authorization: `Bearer ${token}` } });
    return { name: this.name, configNote: this.configNote, get: (path) => statusOf(api.get(path)) };
  },
};
