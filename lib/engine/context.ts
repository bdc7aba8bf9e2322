import type { ContextSpec } from '@/lib/sites/types';
import { fold } from './text';

/**
 * Reads labelled values around a list — "학부모HP 010-…" — wherever the page puts them:
 * `<label for>` + input, a label wrapping its input, th/td, dt/dd, or a label element followed by
 * the value. Elements inside `exclude` (the list itself) are never read.
 */

const LABEL_MAX = 16;
const LABELISH = new Set(['label', 'th', 'td', 'dt', 'span', 'strong', 'b', 'div', 'p', 'li']);

function fieldValue(el: Element | null | undefined): string | null {
  if (!el) return null;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el.value.trim();
  if (el instanceof HTMLSelectElement) return el.selectedOptions[0]?.textContent?.trim() ?? null;
  const field = el.querySelector('input:not([type=hidden]), select, textarea');
  if (field) return fieldValue(field);
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text || null;
}

function ownLabelText(el: Element): string {
  let text = '';
  for (let node = el.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === Node.TEXT_NODE) text += (node as Text).data;
  }
  return /\S/.test(text) ? fold(text).replace(/[:：*]/g, '') : '';
}

function valueNextTo(label: Element): string | null {
  if (label instanceof HTMLLabelElement) {
    if (label.control) return fieldValue(label.control);
  }
  const inside = label.querySelector('input:not([type=hidden]), select, textarea');
  if (inside) return fieldValue(inside);
  return fieldValue(label.nextElementSibling);
}

/**
 * Label-like elements under `root` in document order, never entering `exclude` (the lists, which
 * hold most of a long page's nodes).
 */
function* labelish(root: ParentNode, exclude: readonly Element[]): Generator<Element> {
  const node = root as unknown as Node;
  const doc = node.ownerDocument ?? (node as Document);
  const skip = new Set<Node>(exclude);
  const walker = doc.createTreeWalker(node, NodeFilter.SHOW_ELEMENT, (n) =>
    skip.has(n)
      ? NodeFilter.FILTER_REJECT
      : LABELISH.has((n as Element).localName)
        ? NodeFilter.FILTER_ACCEPT
        : NodeFilter.FILTER_SKIP,
  );
  for (let el = walker.nextNode(); el; el = walker.nextNode()) yield el as Element;
}

export function readContext<C extends string>(
  root: ParentNode,
  spec: ContextSpec<C>,
  exclude: readonly Element[] = [],
): Partial<Record<C, string>> {
  const out: Partial<Record<C, string>> = {};
  const wanted = Object.entries(spec.labels) as [C, readonly string[]][];
  const folded = wanted.map(([key, words]) => [key, words.map(fold)] as const);
  let left = wanted.length;
  for (const el of labelish(root, exclude)) {
    const own = ownLabelText(el);
    if (!own || own.length > LABEL_MAX) continue;
    for (const [key, words] of folded) {
      if (out[key] !== undefined || !words.includes(own)) continue;
      const value = valueNextTo(el);
      if (value && fold(value) !== own) {
        out[key] = value;
        left--;
      }
    }
    if (left === 0) break;
  }
  return out;
}
