import type { PageSpec } from '@/lib/sites/types';
import { readContext } from './context';
import { type FoundList, type ListCandidate, matchLists, scanLists } from './lists';

/**
 * Decides what page this is from an adapter's page specs, most specific first. Never guesses:
 * a page that matches no spec is `unrecognized`, with what was missing when a table came close.
 */

export interface Recognized<F extends string, C extends string> {
  recognized: true;
  kind: string;
  page: PageSpec<F, C>;
  lists: FoundList<F>[];
  context: Partial<Record<C, string>>;
}

export interface Unrecognized {
  recognized: false;
  kind: 'unrecognized';
  /**
   * Human words for what a near-miss lacked (e.g. "납부일자", "학생명"), or held under two headers
   * claiming it equally; empty when nothing came close.
   */
  missing: string[];
}

function label(words: readonly string[] | undefined, fallback: string): string {
  return words?.[0] ?? fallback;
}

/**
 * `lists`: the page's tables as already read by {@link scanLists} (one DOM pass serves every page
 * spec, and the caller may reuse it for other lists).
 */
export function recognize<F extends string, C extends string>(
  root: ParentNode,
  pages: readonly PageSpec<F, C>[],
  lists: readonly ListCandidate[] = scanLists(root),
): Recognized<F, C> | Unrecognized {
  const missing = new Set<string>();
  if (lists.length === 0) return { recognized: false, kind: 'unrecognized', missing: [] };
  for (const page of pages) {
    const { found, nearMisses } = matchLists(lists, page.list);
    for (const miss of nearMisses) {
      for (const f of miss.missing) missing.add(label(page.list.fields[f as F], f));
    }
    if (found.length === 0) continue;
    const context: Partial<Record<C, string>> = page.context
      ? readContext(
          root,
          page.context,
          found.map((l) => l.element),
        )
      : {};
    const lacking = (page.contextRequired ?? []).filter((c) => !context[c]);
    if (lacking.length > 0) {
      for (const c of lacking) missing.add(label(page.context?.labels[c], c));
      continue;
    }
    return { recognized: true, kind: page.kind, page, lists: found, context };
  }
  return { recognized: false, kind: 'unrecognized', missing: [...missing] };
}
