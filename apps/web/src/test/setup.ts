import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

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
