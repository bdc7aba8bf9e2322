import { measureElement, observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useCallback, useRef } from 'react';

export interface VirtualListProps<T> {
  items: readonly T[];
  getKey(item: T): string;
  /** A first guess of an item's height in px; the real height is measured once it is drawn. */
  estimateSize(item: T): number;
  render(item: T): ReactNode;
  /** The accessible name of the scrolling region. */
  label: string;
  /** The region grows with its content up to this height, then scrolls. */
  maxHeight: number;
  className?: string;
}

/**
 * A scrolling region that draws only the items in view (plus a few around them), so thousands of
 * records cost the same first paint as a dozen. Items may be of any height: each is measured.
 * The region is focusable, so the keyboard scrolls it; focusing a button inside scrolls it into
 * view and the items around it are drawn.
 */
export function VirtualList<T>({
  items,
  getKey,
  estimateSize,
  render,
  label,
  maxHeight,
  className,
}: VirtualListProps<T>) {
  const scrollRef = useRef<HTMLElement>(null);
  const estimate = useCallback(
    (index: number) => {
      const item = items[index];
      return item === undefined ? 0 : estimateSize(item);
    },
    [items, estimateSize],
  );
  const virtualizer = useVirtualizer<HTMLElement, HTMLDivElement>({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: estimate,
    getItemKey: (index) => {
      const item = items[index];
      return item === undefined ? index : getKey(item);
    },
    overscan: 6,
    // React 19 warns about flushSync inside effects; a frame's delay on scroll is invisible.
    useFlushSync: false,
    // Before layout (or in a hidden region) the viewport has no height yet: assume the largest,
    // so the first paint already shows a screenful instead of nothing.
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) =>
        cb(rect.height > 0 ? rect : { width: rect.width, height: maxHeight }),
      ),
    measureElement: (element, entry, instance) =>
      measureElement(element, entry, instance) ||
      estimate(instance.indexFromElement(element as HTMLDivElement)),
  });
  const total = virtualizer.getTotalSize();
  return (
    <section
      ref={scrollRef}
      className={`vlist ${className ?? ''}`}
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard.
      tabIndex={0}
      style={{ height: Math.min(total, maxHeight), overflowY: 'auto', position: 'relative' }}
    >
      <div style={{ height: total, width: '100%', position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index];
          if (item === undefined) return null;
          return (
            <div
              key={row.key}
              data-index={row.index}
              ref={virtualizer.measureElement}
              className="vlist__row"
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                transform: `translateY(${row.start}px)`,
              }}
            >
              {render(item)}
            </div>
          );
        })}
      </div>
    </section>
  );
}
