import { fold } from './text';

/**
 * Form fields, buttons and dialogs found by the words a person reads next to them. Filling fires
 * the events a page's own scripts listen for, as if the user had typed.
 */

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
const FIELD =
  'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit]), textarea, select';
const LABELISH = 'label, th, td, dt, span, strong, b, div, p, legend';

function ownText(el: Element): string {
  let text = '';
  for (const node of Array.from(el.childNodes))
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent ?? '';
  return fold(text).replace(/[:：*]/g, '');
}

export function isVisible(el: Element): boolean {
  return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
}

/** The first field after `el` in document order, within `scope`. */
function fieldAfter(el: Element, scope: ParentNode): Field | null {
  for (const candidate of Array.from(scope.querySelectorAll(FIELD))) {
    if (el.compareDocumentPosition(candidate) & Node.DOCUMENT_POSITION_FOLLOWING)
      return candidate as Field;
  }
  return null;
}

/** The field labelled with one of `words` (exact label text), or null. */
export function findField(root: ParentNode, words: readonly string[]): Field | null {
  const wanted = words.map(fold);
  for (const el of Array.from(root.querySelectorAll(LABELISH))) {
    if (!wanted.includes(ownText(el))) continue;
    if (el instanceof HTMLLabelElement && el.control) return el.control as Field;
    const inside = el.querySelector(FIELD);
    if (inside) return inside as Field;
    const scope = el.closest('tr, form, fieldset, div') ?? root;
    const after = fieldAfter(el, scope);
    if (after) return after;
  }
  return null;
}

/** The field right after `field` in the same container (the "to" of a from ~ to pair). */
export function nextField(field: Element): Field | null {
  const scope = field.parentElement;
  return scope ? fieldAfter(field, scope) : null;
}

/** Sets a value the way typing would: the native setter (frameworks watch it), then input + change. */
export function fill(field: Field, value: string): void {
  const proto = Object.getPrototypeOf(field) as object;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (setter) setter.call(field, value);
  else field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
}

export function buttonLabel(el: Element): string {
  if (el instanceof HTMLInputElement) return el.value;
  return (
    (el.textContent ?? '').trim() || el.getAttribute('aria-label') || el.getAttribute('title') || ''
  );
}

const BUTTONISH = 'button, input[type=button], input[type=submit], a, [role=button]';

/** A visible button whose label is exactly one of `words`. */
export function findButton(root: ParentNode, words: readonly string[]): HTMLElement | null {
  const wanted = words.map(fold);
  for (const el of Array.from(root.querySelectorAll<HTMLElement>(BUTTONISH))) {
    if (wanted.includes(fold(buttonLabel(el))) && isVisible(el)) return el;
  }
  return null;
}

/** The button-like element an event went through (never inside our own shadow hosts). */
export function buttonOf(event: Event, ownTags: readonly string[]): HTMLElement | null {
  // The path runs from the innermost node out: a button inside our (open) shadow root comes
  // before its host, so look for our hosts on the whole path first.
  const path = event.composedPath().filter((n): n is HTMLElement => n instanceof HTMLElement);
  if (path.some((node) => ownTags.includes(node.tagName.toLowerCase()))) return null;
  return path.find((node) => node.matches(BUTTONISH)) ?? null;
}

export function labelIs(el: Element, words: readonly string[]): boolean {
  const label = fold(buttonLabel(el));
  return label.length > 0 && words.some((w) => fold(w) === label);
}

export interface PasswordDialog {
  dialog: Element;
  input: HTMLInputElement;
}

/**
 * A visible dialog with a password field and one of `words` (e.g. 비밀번호) — an element with
 * role=dialog / aria-modal / <dialog open>, or the nearest container of the field that says them.
 */
export function findPasswordDialog(
  root: ParentNode,
  words: readonly string[],
): PasswordDialog | null {
  const wanted = words.map(fold);
  for (const input of Array.from(root.querySelectorAll<HTMLInputElement>('input[type=password]'))) {
    if (!isVisible(input)) continue;
    const dialog = input.closest('[role=dialog], [role=alertdialog], [aria-modal=true], dialog');
    if (!dialog) continue;
    const text = fold(dialog.textContent);
    if (wanted.some((w) => text.includes(w))) return { dialog, input };
  }
  return null;
}
