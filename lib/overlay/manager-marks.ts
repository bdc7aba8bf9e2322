import { OWN_HOST_TAG } from '@/lib/engine/watch';

/**
 * Marks on 청구서관리 rows: `data-reconcile="target"` on the row to cancel (the testable
 * contract) with a pill beside its X, and `data-reconcile="candidate"` with a numbered pill on
 * each row the user must choose among. Idempotent, like the MacGai flags.
 */

export interface RowTag {
  kind: 'target' | 'candidate';
  label: string;
}

const drawn = new WeakMap<Element, { host: HTMLElement; signature: string }>();

const STYLE = `
:host { all: initial; display: inline-block; position: relative; width: 0; height: 1em; vertical-align: middle; }
span { position: absolute; left: 4px; top: 50%; transform: translateY(-50%); z-index: 2147483000; white-space: nowrap;
  font: bold 12px/1.6 'Noto Sans KR','Malgun Gothic',sans-serif; border-radius: 10px; padding: 0 8px;
  box-shadow: 0 1px 3px rgba(0,0,0,.25); }
.target { background: #c2410c; color: #fff; animation: pulse 1.2s ease-in-out 3; }
.candidate { background: #fef3c7; color: #92400e; border: 1px solid #f59e0b; }
@keyframes pulse { 50% { box-shadow: 0 0 0 6px rgba(194,65,12,.25); } }
`;

export function markRow(row: Element, anchor: Element, tag: RowTag | null): void {
  const current = drawn.get(row);
  const signature = tag ? `${tag.kind}|${tag.label}` : '';
  if (current?.host.isConnected && current.signature === signature) return;
  current?.host.remove();
  drawn.delete(row);
  if (!tag) {
    row.removeAttribute('data-reconcile');
    return;
  }
  row.setAttribute('data-reconcile', tag.kind);
  const host = document.createElement(OWN_HOST_TAG);
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  const pill = document.createElement('span');
  pill.className = tag.kind;
  pill.textContent = tag.label;
  root.append(style, pill);
  anchor.append(host);
  drawn.set(row, { host, signature });
}
