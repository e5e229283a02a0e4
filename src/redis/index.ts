export { redisTokenStore, DEFAULT_REDIS_TOKEN_STORE_OPTIONS } from './redis-token-store.js';
export { REDIS_UNAVAILABLE_WARNING } from './outage.js';
export { REDIS_FLEET_REFUSED_WARNING } from './fleet.js';

export type { RedisTokenStoreOptions } from './redis-token-store.js';
export type {
  IoredisClientLike,
  IoredisSubscriberLike,
  NodeRedisClientLike,
  NodeRedisSubscriberLike,
  RedisClientLike,
} from './client-adapter.js';
