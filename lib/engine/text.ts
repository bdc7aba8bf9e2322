/** Visible text, folded so words match however a page spaces or widens them. */
export function fold(text: string | null | undefined): string {
  return (text ?? '').normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** The text a person sees in a cell: input values included, whitespace collapsed. */
export function cellText(el: Element): string {
  const field = el.querySelector(
    'input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea',
  );
  if (field && (el.textContent ?? '').trim() === '') {
    return ((field as HTMLInputElement).value ?? '').trim();
  }
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The first field (in declaration order) whose words appear in the header text. */
export function fieldForHeader<F extends string>(
  header: string,
  fields: Readonly<Record<F, readonly string[]>>,
  taken: ReadonlySet<F>,
): F | null {
  const h = fold(header);
  if (!h) return null;
  for (const field of Object.keys(fields) as F[]) {
    if (taken.has(field)) continue;
    if (fields[field].some((word) => h.includes(fold(word)))) return field;
  }
  return null;
}
