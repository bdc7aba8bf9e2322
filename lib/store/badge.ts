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

/** What the toolbar shows, computed from the database alone (never from memory). */
export async function badgeView(
  db: ReconDb,
  now: number,
  overdueDays: number,
  names: { title: string; perBusiness: (name: string, n: number) => string },
): Promise<BadgeView> {
  const open = await db.records
    .where('state')
    .anyOf([...OPEN_STATES])
    .toArray();
  if (open.length === 0) return { text: '', color: NEUTRAL, title: names.title };
  const overdue = open.some((r) => now - r.stateSince > overdueDays * DAY);
  const byBusiness = new Map<string, number>();
  for (const r of open) {
    const name = r.payment?.businessName ?? r.businessId ?? '?';
    byBusiness.set(name, (byBusiness.get(name) ?? 0) + 1);
  }
  const lines = [...byBusiness].map(([name, n]) => names.perBusiness(name, n));
  return {
    text: open.length > 999 ? '999+' : String(open.length),
    color: overdue ? OVERDUE : NEUTRAL,
    title: [names.title, ...lines].join('\n'),
  };
}

export async function applyBadge(api: BadgeApi, view: BadgeView): Promise<void> {
  await Promise.all([
    api.setBadgeText({ text: view.text }),
    api.setBadgeBackgroundColor({ color: view.color }),
    api.setTitle({ title: view.title }),
  ]);
}
