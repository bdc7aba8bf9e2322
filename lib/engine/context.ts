import type { ContextSpec } from '@/lib/sites/types';
import { fold } from './text';

/**
 * Reads labelled values around a list — "학부모HP 010-…" — wherever the page puts them:
 * `<label for>` + input, a label wrapping its input, th/td, dt/dd, or a label element followed by
 * the value. Elements inside `exclude` (the list itself) are never read.
 */

const LABEL_MAX = 16;
const LABELISH = 'label, th, td, dt, span, strong, b, div, p, li';

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
  for (const node of Array.from(el.childNodes)) {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent ?? '';
  }
  return fold(text).replace(/[:：*]/g, '');
}

function valueNextTo(label: Element): string | null {
  if (label instanceof HTMLLabelElement) {
    if (label.control) return fieldValue(label.control);
  }
  const inside = label.querySelector('input:not([type=hidden]), select, textarea');
  if (inside) return fieldValue(inside);
  return fieldValue(label.nextElementSibling);
}

export function readContext<C extends string>(
  root: ParentNode,
  spec: ContextSpec<C>,
  exclude: readonly Element[] = [],
): Partial<Record<C, string>> {
  const out: Partial<Record<C, string>> = {};
  const wanted = Object.entries(spec.labels) as [C, readonly string[]][];
  const folded = wanted.map(([key, words]) => [key, words.map(fold)] as const);
  for (const el of Array.from(root.querySelectorAll(LABELISH))) {
    if (exclude.some((ex) => ex.contains(el))) continue;
    const own = ownLabelText(el);
    if (!own || own.length > LABEL_MAX) continue;
    for (const [key, words] of folded) {
      if (out[key] !== undefined || !words.includes(own)) continue;
      const value = valueNextTo(el);
      if (value && fold(value) !== own) out[key] = value;
    }
    if (Object.keys(out).length === wanted.length) break;
  }
  return out;
}
