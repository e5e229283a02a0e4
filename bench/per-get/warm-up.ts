/**
 * GETs before any count: the token, axios's lazily built state, and the JIT up to its top tier.
 * After 500, TurboFan was still compiling during the measured GETs: 40% of bare axios's instructions
 * per GET (527k at 500, 300k at 10000, 299k at 30000), and more for a contender with more functions
 * to compile. A long-running client pays the steady state, so that is what is counted.
 */
export const WARM_UP = 10000;
