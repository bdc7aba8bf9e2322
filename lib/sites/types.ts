/**
 * What a site looks like, as data. An adapter names the words a person sees (table headers,
 * labels, button and dialog text); the engine (lib/engine) finds them on any page. Adapters never
 * touch the DOM and never name a class or an id.
 */

/**
 * Header words for one field: a header matches when its text contains any of them. Put the more
 * specific words first: a header that is exactly a word, then one holding an earlier word, claims
 * the field; two different headers that claim it equally make the table ambiguous for it.
 */
export type HeaderWords = readonly string[];

export interface ListSpec<F extends string = string> {
  /** Header words per field. Earlier fields win when one header could be several. */
  fields: Readonly<Record<F, HeaderWords>>;
  /** Without these a table is not this list. */
  required: readonly F[];
  /** A table needs at least this many matching headers to count as a near miss (diagnostics). */
  nearMiss: number;
  /** Header words that mean the table is some other list; it is then neither found nor a near miss. */
  excludes?: HeaderWords;
  /**
   * How much of a cell's text a field keeps (lib/domain/limits: the message contract's limits):
   * `long` fields (a note) up to TEXT_MAX characters; `whole` fields are never cut, for their
   * parser refuses a value too long (a name: a cut must not make a 2,000-character cell one);
   * any other field is cut at SHORT_TEXT_MAX.
   */
  long?: readonly F[];
  whole?: readonly F[];
}

/** Labelled values shown on the page around the list (e.g. the student on a 결제 탭). */
export interface ContextSpec<C extends string = string> {
  labels: Readonly<Record<C, HeaderWords>>;
}

export interface PageSpec<F extends string = string, C extends string = string> {
  /** Written to <html data-reconcile-page>. */
  kind: string;
  list: ListSpec<F>;
  /** Context the rows lack; the page is this kind only when every `contextRequired` is found. */
  context?: ContextSpec<C>;
  contextRequired?: readonly C[];
}

export interface SiteAdapter<F extends string = string, C extends string = string> {
  site: 'macgai' | 'manager';
  /** Most specific first: the first page whose list (and context) is found wins. */
  pages: readonly PageSpec<F, C>[];
}
