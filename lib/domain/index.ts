/**
 * The pure domain core: parsers, the shared model, the reconciliation state machine and the
 * matcher. No DOM, no browser API, no I/O — every function here is deterministic given its
 * arguments (time is always passed in as `now`).
 */
export * from './limits';
export * from './match';
export * from './model';
export * from './parse';
export * from './reconcile';
export * from './remember';
export * from './result';
