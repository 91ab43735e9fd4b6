import { describe, expect, it } from 'vitest';
import { clampSlide } from './slides';

describe('the slide in the address', () => {
  it('keeps a slide number from the address within the deck', () => {
    expect(clampSlide(undefined, 6)).toBe(1);
    expect(clampSlide(0, 6)).toBe(1);
    expect(clampSlide(9, 6)).toBe(6);
    expect(clampSlide(3, 6)).toBe(3);
  });
});
