import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { openDb, type ReconDb } from '@/lib/store/db';
import { DbContext } from '@/lib/store/queries';

/**
 * Test helpers for the extension pages: the shipped Korean messages behind browser.i18n, a fresh
 * fake-indexeddb database per test, and rendering a view over it.
 */

type Messages = Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

const file = join(import.meta.dirname, '../public/_locales/ko/messages.json');
const messages = JSON.parse(readFileSync(file, 'utf8')) as Messages;

/** browser.i18n.getMessage as Chrome does it, over the Korean messages. */
export function koreanMessage(key: string, substitutions?: string | string[]): string {
  const entry = messages[key];
  if (!entry) return '';
  const subs = [substitutions ?? []].flat();
  return entry.message.replace(/\$([a-z0-9_@]+)\$/gi, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (__, n: string) => subs[Number(n) - 1] ?? '');
  });
}

export function useKoreanMessages(): void {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(
    koreanMessage as typeof fakeBrowser.i18n.getMessage,
  );
}

export function freshDb(): ReconDb {
  return openDb(`pages-${Math.random().toString(36).slice(2)}`);
}

export async function dropDb(db: ReconDb): Promise<void> {
  db.close();
  await db.delete({ disableAutoOpen: false });
}

export function renderWithDb(ui: ReactElement, db: ReconDb) {
  return render(<DbContext.Provider value={db}>{ui}</DbContext.Provider>);
}
