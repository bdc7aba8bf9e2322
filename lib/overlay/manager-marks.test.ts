import { getByText } from '@testing-library/dom';
import { beforeEach, describe, expect, it } from 'vitest';
import { OWN_HOST_TAG } from '@/lib/engine/watch';
import { markRow } from './manager-marks';

let row: HTMLTableRowElement;
let first: HTMLTableCellElement;
let cancel: HTMLTableCellElement;

const hosts = (el: ParentNode = document) => Array.from(el.querySelectorAll(OWN_HOST_TAG));
const pill = (el: ParentNode) => {
  const root = el.querySelector(OWN_HOST_TAG)?.shadowRoot;
  return root?.querySelector('span') ?? null;
};

beforeEach(() => {
  document.body.innerHTML = `<table><tbody><tr><td>2026-11-24 19:48:07</td><td>고나은</td>
<td><button type="button" title="결제취소">X</button></td></tr></tbody></table>`;
  row = document.querySelector('tr') as HTMLTableRowElement;
  first = row.cells[0] as HTMLTableCellElement;
  cancel = row.cells[2] as HTMLTableCellElement;
});

describe('markRow', () => {
  it('marks the target row and puts a pill with the label beside its X', () => {
    markRow(row, cancel, { kind: 'target', label: '◀ 이 X' });
    expect(row.getAttribute('data-reconcile')).toBe('target');
    expect(hosts()).toHaveLength(1);
    expect(hosts(cancel)).toHaveLength(1);
    const root = cancel.querySelector(OWN_HOST_TAG)?.shadowRoot as ShadowRoot;
    expect(root.querySelector('style')?.textContent).toContain(':host');
    const span = getByText(root as unknown as HTMLElement, '◀ 이 X');
    expect(span.className).toBe('target');
    // The page's own X stays where it was, untouched.
    expect(cancel.querySelector('button')?.textContent).toBe('X');
  });

  it('marks a candidate with its numbered pill in the anchor given', () => {
    markRow(row, first, { kind: 'candidate', label: '후보 2' });
    expect(row.getAttribute('data-reconcile')).toBe('candidate');
    expect(hosts(first)).toHaveLength(1);
    expect(pill(first)?.textContent).toBe('후보 2');
    expect(pill(first)?.className).toBe('candidate');
  });

  it('is idempotent: the same tag keeps the same host', () => {
    markRow(row, cancel, { kind: 'target', label: '◀ 이 X' });
    const host = hosts()[0];
    markRow(row, cancel, { kind: 'target', label: '◀ 이 X' });
    markRow(row, cancel, { kind: 'target', label: '◀ 이 X' });
    expect(hosts()).toEqual([host]);
  });

  it('replaces the pill when the tag changes, never adding a second', () => {
    markRow(row, first, { kind: 'candidate', label: '후보 1' });
    markRow(row, first, { kind: 'candidate', label: '후보 2' });
    expect(hosts()).toHaveLength(1);
    expect(pill(first)?.textContent).toBe('후보 2');
    markRow(row, cancel, { kind: 'target', label: '◀ 이 X' });
    expect(row.getAttribute('data-reconcile')).toBe('target');
    expect(hosts()).toHaveLength(1);
    expect(hosts(first)).toHaveLength(0);
    expect(pill(cancel)?.textContent).toBe('◀ 이 X');
  });

  it('redraws a pill the page threw away (a re-render of the cell)', () => {
    markRow(row, cancel, { kind: 'target', label: '◀ 이 X' });
    cancel.innerHTML = '<button type="button">X</button>';
    expect(hosts()).toHaveLength(0);
    markRow(row, cancel, { kind: 'target', label: '◀ 이 X' });
    expect(hosts(cancel)).toHaveLength(1);
    expect(row.getAttribute('data-reconcile')).toBe('target');
  });

  it('null clears both the attribute and the pill', () => {
    markRow(row, cancel, { kind: 'target', label: '◀ 이 X' });
    markRow(row, cancel, null);
    expect(row.hasAttribute('data-reconcile')).toBe(false);
    expect(hosts()).toHaveLength(0);
    markRow(row, cancel, null); // nothing drawn: still nothing
    expect(row.hasAttribute('data-reconcile')).toBe(false);
    expect(row.textContent).toContain('고나은');
  });

  it('shows a label with markup as text', () => {
    markRow(row, cancel, { kind: 'candidate', label: '<img src=x onerror=alert(1)>' });
    const root = cancel.querySelector(OWN_HOST_TAG)?.shadowRoot as ShadowRoot;
    expect(root.querySelector('img')).toBeNull();
    expect(pill(cancel)?.textContent).toBe('<img src=x onerror=alert(1)>');
  });
});
