/**
 * The message channel's constants and plain types. Content scripts import only this (and types
 * from contract.ts), so the schema validator stays in the background bundle.
 */

export const CHANNEL = 'macgai-reconcile' as const;

export interface Envelope {
  channel: typeof CHANNEL;
  type: string;
  payload: unknown;
}

/** Sent by the background to every tab after any change to reconciliation data. */
export interface ChangedNotice {
  channel: typeof CHANNEL;
  type: 'changed';
}

/** What a MacGai row shows: its mark, the record behind it and since when. */
export type Judgment = { mark: 'pending' | 'resolved' | 'drift'; id: string; since: number } | null;
