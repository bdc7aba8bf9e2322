/** Visible text, folded so words match however a page spaces or widens them. */
export function fold(text: string | null | undefined): string {
  return (text ?? '').normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Text content, except that a <select> shows only its chosen option (not all of them). */
function shownText(node: Node): string {
  if (node instanceof HTMLSelectElement) return ` ${node.selectedOptions[0]?.textContent ?? ''} `;
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  let text = '';
  for (const child of Array.from(node.childNodes)) text += shownText(child);
  return text;
}

/** The text a person sees in a cell: input values included, whitespace collapsed. */
export function cellText(el: Element): string {
  const field = el.querySelector(
    'input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea',
  );
  const text = el.querySelector('select') ? shownText(el) : (el.textContent ?? '');
  if (field && text.trim() === '') {
    return ((field as HTMLInputElement).value ?? '').trim();
  }
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Which column is which field. A header matches a field when it contains one of the field's words;
 * when several could, the strongest claim wins: a header that is exactly a word, then a field's
 * earlier (more specific) word, then the field declared first, then the leftmost column. So
 * "납부금액" takes the amount even with a "할인금액" column to its left.
 */
export function assignFields<F extends string>(
  headers: readonly (string | null)[],
  fields: Readonly<Record<F, readonly string[]>>,
): Map<F, number> {
  const claims: { field: F; column: number; exact: boolean; word: number; order: number }[] = [];
  const names = Object.keys(fields) as F[];
  headers.forEach((header, column) => {
    const h = fold(header);
    if (!h) return;
    names.forEach((field, order) => {
      fields[field].forEach((w, word) => {
        const folded = fold(w);
        if (h.includes(folded)) claims.push({ field, column, exact: h === folded, word, order });
      });
    });
  });
  claims.sort(
    (a, b) =>
      Number(b.exact) - Number(a.exact) ||
      a.word - b.word ||
      a.order - b.order ||
      a.column - b.column,
  );
  const out = new Map<F, number>();
  const used = new Set<number>();
  for (const c of claims) {
    if (out.has(c.field) || used.has(c.column)) continue;
    out.set(c.field, c.column);
    used.add(c.column);
  }
  return out;
}
