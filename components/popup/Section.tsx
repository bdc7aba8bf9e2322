import { type ReactNode, useId } from 'react';
import { type SectionId, usePopupUi } from './store';

/** A titled part of the popup that folds away (a disclosure button in its heading). */
export function Section({
  id,
  title,
  count,
  children,
}: {
  id: SectionId;
  title: string;
  count?: number;
  children: ReactNode;
}) {
  const headingId = useId();
  const bodyId = useId();
  const expanded = usePopupUi((s) => s.expanded[id]);
  const toggle = usePopupUi((s) => s.toggle);
  return (
    <section className={`section section--${id}`} aria-labelledby={headingId}>
      <h2 className="section__title" id={headingId}>
        <button
          type="button"
          className="section__toggle"
          aria-expanded={expanded}
          aria-controls={bodyId}
          onClick={() => toggle(id)}
        >
          <span className="section__chevron" aria-hidden="true">
            {expanded ? '▾' : '▸'}
          </span>
          <span className="section__name">{title}</span>
          {count !== undefined && <span className="section__count">{count}</span>}
        </button>
      </h2>
      <div id={bodyId} className="section__body" hidden={!expanded}>
        {expanded && children}
      </div>
    </section>
  );
}
