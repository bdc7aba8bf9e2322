import { renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecord, transition } from '@/lib/domain';
import { makePayment } from '@/lib/domain/testing';
import { DB_NAME, openDb, type ReconDb } from './db';
import { pageDb, usePending } from './queries';
import { toRow } from './service';

let db: ReconDb;

beforeEach(() => {
  db = openDb(`queries-${Math.random()}`);
});
afterEach(async () => {
  db.close();
  await db.delete({ disableAutoOpen: false });
});

const at = (n: number) => Date.UTC(2026, 10, n);

function record(customer: string, created: number, state?: 'unverified') {
  return toRow(createRecord('payment', makePayment({ customer }), created, { state }));
}

describe('usePending', () => {
  it('lists pending and in-progress records, oldest state first', async () => {
    const started = transition(record('다라', at(1)), { type: 'start' }, at(5));
    if (!started.ok) throw new Error('start failed');
    await db.records.bulkPut([
      record('가나', at(3)),
      toRow(started.value), // in_progress since day 5
      record('마바', at(2)),
      record('사아', at(1), 'unverified'),
    ]);
    const { result } = renderHook(() => usePending(db));
    await waitFor(() => expect(result.current).toBeDefined());
    expect(result.current?.error).toBeNull();
    expect(result.current?.rows.map((r) => [r.payment?.customer, r.state])).toEqual([
      ['마바', 'pending'],
      ['가나', 'pending'],
      ['다라', 'in_progress'],
    ]);
  });

  it('updates live when a record is added or leaves the open states', async () => {
    const { result } = renderHook(() => usePending(db));
    await waitFor(() => expect(result.current).toEqual({ rows: [], error: null }));

    const first = record('가나', at(3));
    await db.records.put(first);
    await waitFor(() => expect(result.current?.rows.map((r) => r.id)).toEqual([first.id]));

    const second = record('마바', at(2));
    await db.records.put(second);
    await waitFor(() =>
      expect(result.current?.rows.map((r) => r.id)).toEqual([second.id, first.id]),
    );

    const dismissed = transition(first, { type: 'dismiss', reason: '중복' }, at(4));
    if (!dismissed.ok) throw new Error('dismiss failed');
    await db.records.put(toRow(dismissed.value));
    await waitFor(() => expect(result.current?.rows.map((r) => r.id)).toEqual([second.id]));
  });

  it('returns no rows and the error when the database cannot be read', async () => {
    db.close();
    const { result } = renderHook(() => usePending(db));
    await waitFor(() => expect(result.current).toBeDefined());
    expect(result.current?.rows).toEqual([]);
    expect(result.current?.error).toMatch(/closed/i);
  });
});

describe('pageDb', () => {
  it('opens the extension database once per page', () => {
    const shared = pageDb();
    expect(shared.name).toBe(DB_NAME);
    expect(pageDb()).toBe(shared);
  });
});
