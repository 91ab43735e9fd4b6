import { createContext, useContext } from 'react';

export type ChartSize = { width: number; height: number };

/** A fixed chart size for tests (jsdom cannot measure); none in the app, where charts fill their column. */
export const ChartSizeContext = createContext<ChartSize | undefined>(undefined);

export const useChartSize = () => useContext(ChartSizeContext);
