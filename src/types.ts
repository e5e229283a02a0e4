// The public types, by subject in types/; imported from here by the rest of src/.
export type * from './types/options.js';
export type * from './types/token-store.js';
export type * from './types/events.js';
export type * from './types/handle.js';
