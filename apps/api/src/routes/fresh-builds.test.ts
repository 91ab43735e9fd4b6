import { describe, expect, it } from 'vitest';
import { FreshBuilds } from './fresh-builds';

/** A build the test finishes by hand, recording the version each build was asked for. */
function harness() {
  let version = 1;
  const started: string[] = [];
  const finish: Array<(value: string) => void> = [];
  const fail: Array<(error: Error) => void> = [];
  const builds = new FreshBuilds<string>(4, async () => String(version));
  const build = (at: string) => {
    started.push(at);
    return new Promise<string>((resolve, reject) => {
      finish.push(resolve);
      fail.push(reject);
    });
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    builds,
    build,
    started,
    finish,
    fail,
    settle,
    write: () => {
      version++;
    },
    get version() {
      return String(version);
    },
  };
}

describe('FreshBuilds', () => {
  it('shares one build among readers of the same version, and keeps it for the next', async () => {
    const h = harness();
    const a = h.builds.get('2025', h.version, h.build);
    const b = h.builds.get('2025', h.version, h.build);
    await h.settle();
    expect(h.started).toEqual(['1']);
    h.finish[0]?.('summary at 1');
    expect(await a).toEqual({ version: '1', value: 'summary at 1' });
    expect(await b).toEqual({ version: '1', value: 'summary at 1' });
    // Nothing written since: no new build.
    expect(await h.builds.get('2025', h.version, h.build)).toEqual({
      version: '1',
      value: 'summary at 1',
    });
    expect(h.started).toEqual(['1']);
  });

  it('gives a reader who comes after a write a build started after it asked, one for all such readers', async () => {
    const h = harness();
    const first = h.builds.get('2025', h.version, h.build);
    await h.settle();
    h.write();
    const second = h.builds.get('2025', h.version, h.build);
    h.write();
    const third = h.builds.get('2025', h.version, h.build);
    await h.settle();
    // One build at a time: the others wait for the running one to end.
    expect(h.started).toEqual(['1']);
    h.finish[0]?.('summary at 1');
    expect(await first).toEqual({ version: '1', value: 'summary at 1' });
    await h.settle();
    // The next build reads the version as it starts: both writes are in it.
    expect(h.started).toEqual(['1', '3']);
    h.finish[1]?.('summary at 3');
    expect(await second).toEqual({ version: '3', value: 'summary at 3' });
    expect(await third).toEqual({ version: '3', value: 'summary at 3' });
  });

  it('keeps each key apart', async () => {
    const h = harness();
    const a = h.builds.get('2025', h.version, h.build);
    const b = h.builds.get('2024', h.version, h.build);
    await h.settle();
    expect(h.started).toEqual(['1', '1']);
    h.finish[0]?.('2025');
    h.finish[1]?.('2024');
    expect((await a).value).toBe('2025');
    expect((await b).value).toBe('2024');
  });

  it('fails the readers of a failed build, keeps nothing, and builds again for the next', async () => {
    const h = harness();
    const a = h.builds.get('2025', h.version, h.build);
    await h.settle();
    h.write();
    const waiting = h.builds.get('2025', h.version, h.build);
    h.fail[0]?.(new Error('disk'));
    await expect(a).rejects.toThrow('disk');
    await h.settle();
    // The reader who waited is not failed by the build it did not ask for.
    expect(h.started).toEqual(['1', '2']);
    h.finish[1]?.('summary at 2');
    expect(await waiting).toEqual({ version: '2', value: 'summary at 2' });
    const again = h.builds.get('2025', '2', h.build);
    expect(await again).toEqual({ version: '2', value: 'summary at 2' });
    expect(h.started).toHaveLength(2);
  });
});
