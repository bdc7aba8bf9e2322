import type { ReconDb } from './db';

/** States that still need someone to act on the manager site. */
export const OPEN_STATES = ['pending', 'in_progress'] as const;

export interface BadgeView {
  text: string;
  color: string;
  title: string;
}

export interface BadgeApi {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setTitle(details: { title: string }): Promise<void>;
}

const NEUTRAL = '#5f6b7a';
const OVERDUE = '#c62828';
const DAY = 86_400_000;

/**
 * What the toolbar shows, computed from the database alone (never from memory). Counts come from
 * indexes, so the cost does not grow with the size of the records.
 */
export async function badgeView(
  db: ReconDb,
  now: number,
  overdueDays: number,
  names: {
    title: string;
    perBusiness: (name: string, n: number) => string;
    unknownBusiness: string;
  },
): Promise<BadgeView> {
  return db.transaction('r', [db.records, db.businesses], async () => {
    // One counted range per state: an `anyOf` count would walk a cursor over every open record
    // (about a second per 50k, holding up the next write), while a range count stays in IndexedDB.
    const openCounts = await Promise.all(
      OPEN_STATES.map((state) => db.records.where('state').equals(state).count()),
    );
    const total = openCounts.reduce((a, b) => a + b, 0);
    if (total === 0) return { text: '', color: NEUTRAL, title: names.title };
    const cutoff = now - overdueDays * DAY;
    const overdueCounts = await Promise.all(
      OPEN_STATES.map((state) =>
        db.records
          .where('[state+stateSince]')
          .between([state, -Infinity], [state, cutoff], true, false)
          .count(),
      ),
    );
    const perBusiness: [string, number][] = [];
    let known = 0;
    const keys = await db.records.orderBy('[businessId+state]').uniqueKeys();
    const pairs = keys as unknown as [string, string][];
    for (const [businessId, state] of pairs) {
      if (!(OPEN_STATES as readonly string[]).includes(state)) continue;
      const n = await db.records.where('[businessId+state]').equals([businessId, state]).count();
      const name = (await db.businesses.get(businessId))?.name ?? businessId;
      const existing = perBusiness.find(([b]) => b === name);
      if (existing) existing[1] += n;
      else perBusiness.push([name, n]);
      known += n;
    }
    if (total > known) perBusiness.push([names.unknownBusiness, total - known]);
    return {
      text: total > 999 ? '999+' : String(total),
      color: overdueCounts.some((n) => n > 0) ? OVERDUE : NEUTRAL,
      title: [names.title, ...perBusiness.map(([name, n]) => names.perBusiness(name, n))].join(
        '\n',
      ),
    };
  });
}

export async function applyBadge(api: BadgeApi, view: BadgeView): Promise<void> {
  await Promise.all([
    api.setBadgeText({ text: view.text }),
    api.setBadgeBackgroundColor({ color: view.color }),
    api.setTitle({ title: view.title }),
  ]);
}
