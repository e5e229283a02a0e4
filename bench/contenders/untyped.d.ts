// axios-token-interceptor 0.2.0 ships no types; this is the part of its API the benchmark uses.
declare module 'axios-token-interceptor' {
  import type { InternalAxiosRequestConfig } from 'axios';

  interface TokenCache<T> {
    (): Promise<T>;
    reset(): void;
  }
  interface TokenProvider {
    <T = string>(options: {
      token?: T;
      getToken?: () => T | Promise<T>;
      header?: string;
      headerFormatter?: (token: T) => string;
    }): (config: InternalAxiosRequestConfig) => Promise<InternalAxiosRequestConfig>;
    tokenCache<T>(getToken: () => Promise<T>, options: { maxAge?: number; getMaxAge?: (token: T) => number }): TokenCache<T>;
  }
  const tokenProvider: TokenProvider;
  export default tokenProvider;
}
