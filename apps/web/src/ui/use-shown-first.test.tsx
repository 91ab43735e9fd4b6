import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useShownFirst } from './use-shown-first';

const aWhile = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('useShownFirst', () => {
  it('shows a pick at once and writes it after the next frame', async () => {
    const write = vi.fn();
    const { result } = renderHook(() => useShownFirst<number, number, []>(1, write));
    act(() => result.current[1](2));
    expect(result.current[0]).toBe(2);
    expect(write).not.toHaveBeenCalled();
    await waitFor(() => expect(write).toHaveBeenCalledWith(2));
  });

  it('gives way to the address once it moves, to the pick or elsewhere (Back)', () => {
    const { result, rerender } = renderHook(
      ({ current }) => useShownFirst<number, number, []>(current, () => {}),
      { initialProps: { current: 1 } },
    );
    act(() => result.current[1](2));
    expect(result.current[0]).toBe(2);
    rerender({ current: 3 });
    expect(result.current[0]).toBe(3);
  });

  it('writes only the last of two quick picks, and nothing once unmounted', async () => {
    const write = vi.fn();
    const { result, unmount } = renderHook(() => useShownFirst<number, number, []>(1, write));
    act(() => {
      result.current[1](2);
      result.current[1](3);
    });
    await waitFor(() => expect(write).toHaveBeenCalled());
    await aWhile();
    expect(write.mock.calls).toEqual([[3]]);
    act(() => result.current[1](4));
    unmount();
    await aWhile();
    expect(write.mock.calls).toEqual([[3]]);
  });
});
