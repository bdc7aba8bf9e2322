/** Reconciliation records: the state machine and the observation rules (see recon/). */
export * from './recon/machine';
export * from './recon/observe';
