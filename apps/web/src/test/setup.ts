import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

// The dashboard draws its charts and table a frame after its cards, in a render of their own:
// under jsdom on a busy 2-core machine that can outlast findBy's default second. A wait for
// what never comes still fails, after 5 s.
configure({ asyncUtilTimeout: 5_000 });

// jsdom has no scrolling; the router restores scroll positions between pages.
window.scrollTo = () => {};

// Every test starts at the dashboard's address: the router reads the page from the URL.
beforeEach(() => {
  window.history.replaceState(null, '', '/');
});

// Without Vitest globals Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});
