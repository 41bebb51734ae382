import { useCallback, useLayoutEffect, useRef, useState } from 'react';

/** Up to this many rows a table renders them all: a class fits, and find-in-page sees every row. */
const WINDOW_FROM = 150;
/** Rows rendered beyond each edge of the window, so a quick scroll does not show blank space. */
const OVERSCAN = 15;
/** A row's height before one is measured: one line of text. */
const FIRST_ESTIMATE_PX = 40;

export interface RowWindow {
  /** The table body, measured to know which rows are in view. */
  ref: (body: HTMLTableSectionElement | null) => void;
  start: number;
  end: number;
  /** Heights for the rows not rendered, above and below. */
  above: number;
  below: number;
}

/**
 * Which of a long table's rows are in the window, for a table in the page's
 * own scroll: only those (and a margin) are rendered, so a batch of 1,000
 * essays costs the window about 50 rows of work, not 1,000. Rows can wrap, so
 * their height is measured as the rendered rows' average.
 */
export function useRowWindow(count: number): RowWindow {
  const body = useRef<HTMLTableSectionElement | null>(null);
  const [range, setRange] = useState({ start: 0, end: Math.min(count, WINDOW_FROM), rowHeight: FIRST_ESTIMATE_PX });

  const update = useCallback(() => {
    const element = body.current;
    if (!element || count <= WINDOW_FROM) {
      setRange((r) => (r.start === 0 && r.end === count ? r : { ...r, start: 0, end: count }));
      return;
    }
    const rows = [...element.rows].filter((row) => !row.hasAttribute('data-spacer'));
    const measured = rows.reduce((sum, row) => sum + row.offsetHeight, 0) / rows.length;
    const h = Math.round(measured) || FIRST_ESTIMATE_PX;
    const top = element.getBoundingClientRect().top;
    const start = Math.max(0, Math.min(count, Math.floor(-top / h)) - OVERSCAN);
    const end = Math.min(count, Math.max(0, Math.ceil((window.innerHeight - top) / h)) + OVERSCAN);
    setRange((r) => (r.start === start && r.end === end && r.rowHeight === h ? r : { start, end, rowHeight: h }));
  }, [count]);

  useLayoutEffect(() => {
    update();
    // Scroll events come at most once a frame already.
    window.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      window.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, [update]);

  const ref = useCallback((element: HTMLTableSectionElement | null) => void (body.current = element), []);
  const start = Math.min(range.start, count);
  const end = Math.min(range.end, count);
  return { ref, start, end, above: start * range.rowHeight, below: (count - end) * range.rowHeight };
}
