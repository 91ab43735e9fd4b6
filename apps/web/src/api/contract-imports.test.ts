import { describe, expect, it } from 'vitest';

// Every source file of the web app, as text.
const sources = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('the contract in the web app', () => {
  it('is imported for its types only, so that no schema code reaches the bundle', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    for (const [file, text] of Object.entries(sources)) {
      const statements = text.match(/^(?:import|export)\b[^;]*?from '@targetline\/contract';/gms);
      for (const statement of statements ?? []) {
        expect(statement, file).toMatch(/^(?:import|export) type \{/);
      }
    }
  });
});
