import type { Locale, Unit } from '@targetline/core';
import { createContext, useContext } from 'react';
import type { ChartSize } from './chart-size';

/** What every page gets from the shell once the years and units have loaded. */
export type Shell = {
  /** The year chosen in the header (or the latest); undefined when no year has figures. */
  year: number | undefined;
  units: Unit[];
  locale: Locale;
  /** Chart size for tests (jsdom cannot measure); undefined in the app, where charts fill their column. */
  chartSize: ChartSize | undefined;
};

export const ShellContext = createContext<Shell | null>(null);

export function useShell(): Shell {
  const shell = useContext(ShellContext);
  if (!shell) throw new Error('useShell is used outside the shell');
  return shell;
}
