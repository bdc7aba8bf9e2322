/**
 * Messages between the audit page and its Web Worker (worker.ts). Files cross as ArrayBuffers
 * (transferred, not copied); the report comes back by structured clone.
 */
import type { AuditOptions } from './model';
import type { AuditProgress, AuditResult } from './run';

export interface RunRequest {
  type: 'run';
  manager: { name: string; data: ArrayBuffer }[];
  macgai: { name: string; data: ArrayBuffer }[];
  options: AuditOptions;
}

export type ToWorker = RunRequest | { type: 'cancel' };

export type FromWorker =
  | { type: 'progress'; progress: AuditProgress }
  | { type: 'done'; result: AuditResult }
  | { type: 'cancelled' }
  | { type: 'error'; message: string };
