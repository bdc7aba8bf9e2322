import { renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecord, transition } from '@/lib/domain';
import { makePayment } from '@/lib/domain/testing';
import { DB_NAME, openDb, type ReconDb } from './db';
import {
  pageDb,
  useAnyInStates,
  useBusinesses,
  useDiagnostics,
  useExtraHosts,
  usePending,
  useRecent,
  useRecordsIn,
  useSetting,
  useStateCounts,
  useStoredPasswords,
} from './queries';
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

describe('the other page hooks', () => {
  const settle = (
    r: ReturnType<typeof record>,
    at: number,
    type: 'dismiss' | 'undo' = 'dismiss',
  ) => {
    const next = transition(r, type === 'dismiss' ? { type, reason: '중복' } : { type }, at);
    if (!next.ok) throw new Error(next.error.message);
    return toRow(next.value);
  };

  it('useRecordsIn, useStateCounts and useAnyInStates', async () => {
    await db.records.bulkPut([
      record('가나', at(3)),
      record('마바', at(2), 'unverified'),
      record('사아', at(1), 'unverified'),
      settle(record('자차', at(1)), at(4)),
    ]);
    const { result } = renderHook(() => ({
      unverified: useRecordsIn(db, ['unverified']),
      counts: useStateCounts(db, ['pending', 'unverified', 'dismissed', 'resolved']),
      settled: useAnyInStates(db, ['resolved', 'dismissed']),
      drift: useAnyInStates(db, ['drift']),
    }));
    await waitFor(() => expect(result.current.counts).toBeDefined());
    await waitFor(() => expect(result.current.settled && result.current.drift).toBeDefined());
    expect(result.current.settled?.data).toBe(true);
    expect(result.current.drift?.data).toBe(false);
    await waitFor(() => expect(result.current.unverified).toBeDefined());
    expect(result.current.unverified?.data.map((r) => r.payment?.customer)).toEqual([
      '사아',
      '마바',
    ]);
    expect(result.current.counts?.data).toEqual({
      pending: 1,
      unverified: 2,
      dismissed: 1,
      resolved: 0,
    });
  });

  it('useRecent: the newest resolved or dismissed first, at most `limit`', async () => {
    await db.records.bulkPut(
      Array.from({ length: 5 }, (_, i) => settle(record(`학생${i}`, at(1)), at(2) + i * 1000)),
    );
    await db.records.put(record('열린건', at(9)));
    const { result } = renderHook(() => useRecent(db, 3));
    await waitFor(() => expect(result.current).toBeDefined());
    expect(result.current?.data.map((r) => r.payment?.customer)).toEqual([
      '학생4',
      '학생3',
      '학생2',
    ]);
  });

  it('useBusinesses by name; useStoredPasswords gives ids only', async () => {
    const b = (id: string, name: string) => ({
      id,
      name,
      bizNo: null,
      smsPayStatus: null,
      managerUrl: null,
      managerAccount: null,
      passwordPolicy: 'stored' as const,
      updatedAt: 1,
    });
    await db.businesses.bulkPut([b('n:하', '해솔아트'), b('n:가', '가나학원')]);
    await db.secrets.put({ businessId: 'n:하', cancelPassword: 'secret' });
    const { result } = renderHook(() => ({
      businesses: useBusinesses(db),
      stored: useStoredPasswords(db),
    }));
    await waitFor(() => expect(result.current.stored).toBeDefined());
    await waitFor(() => expect(result.current.businesses).toBeDefined());
    expect(result.current.businesses?.data.map((x) => x.name)).toEqual(['가나학원', '해솔아트']);
    expect([...(result.current.stored?.data ?? [])]).toEqual(['n:하']);
  });

  it('useSetting falls back on a missing or mistyped value; useExtraHosts drops junk', async () => {
    await db.settings.bulkPut([
      { key: 'overdueDays', value: 'seven' },
      {
        key: 'extraHosts',
        value: [
          { origin: 'https://a.kr', site: 'macgai' },
          { origin: 3 },
          { origin: 'https://b.kr', site: 'x' },
        ],
      },
    ]);
    const { result } = renderHook(() => ({
      days: useSetting(db, 'overdueDays', 3),
      other: useSetting(db, 'nothing', 'x'),
      hosts: useExtraHosts(db),
    }));
    await waitFor(() => expect(result.current.hosts).toBeDefined());
    await waitFor(() => expect(result.current.days && result.current.other).toBeTruthy());
    expect(result.current.days?.data).toBe(3);
    expect(result.current.other?.data).toBe('x');
    expect(result.current.hosts?.data).toEqual([{ origin: 'https://a.kr', site: 'macgai' }]);
    await db.settings.put({ key: 'overdueDays', value: 7 });
    await waitFor(() => expect(result.current.days?.data).toBe(7));
  });

  it('useDiagnostics: newest first and the total', async () => {
    for (let i = 0; i < 4; i++) {
      await db.diagnostics.add({
        at: at(i + 1),
        site: 'macgai',
        url: `u${i}`,
        pageKind: 'unrecognized',
        missing: [],
      });
    }
    const { result } = renderHook(() => useDiagnostics(db, 2));
    await waitFor(() => expect(result.current).toBeDefined());
    expect(result.current?.data.total).toBe(4);
    expect(result.current?.data.rows.map((d) => d.url)).toEqual(['u3', 'u2']);
  });

  it('every hook reports a closed database instead of throwing', async () => {
    db.close();
    const { result } = renderHook(() => ({
      counts: useStateCounts(db, ['drift']),
      settled: useAnyInStates(db, ['resolved']),
      recent: useRecent(db),
      businesses: useBusinesses(db),
    }));
    await waitFor(() =>
      expect(
        result.current.counts && result.current.recent && result.current.businesses,
      ).toBeTruthy(),
    );
    expect(result.current.counts?.error).toMatch(/closed/i);
    expect(result.current.settled?.error).toMatch(/closed/i);
    expect(result.current.recent?.data).toEqual([]);
    expect(result.current.businesses?.error).toMatch(/closed/i);
  });
});
