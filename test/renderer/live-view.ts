import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, expect, vi } from 'vitest';

/** The current test's container and React root: live bindings, fresh for each test once `liveViews()` is called. */
export let container: HTMLElement;
export let root: Root;

/**
 * A fresh container and root for each test of the file, for views fed by
 * live queries: they update outside act(), as in the browser.
 */
export function liveViews(): void {
  beforeEach(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    act(() => root.unmount());
    container.remove();
  });
}

/** Lets the view get there: live queries and main's answers arrive asynchronously. */
export async function until(check: () => boolean): Promise<void> {
  await vi.waitFor(() => expect(check()).toBe(true), { timeout: 10_000 });
}
