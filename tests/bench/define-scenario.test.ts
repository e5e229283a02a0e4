import { describe, expect, it } from 'vitest';
import { defineScenario, type ScenarioTable } from '../../bench/define-scenario.js';
import type { ContenderFactory, ScenarioContext } from '../../bench/types.js';

const context = (quick: boolean, contenders: readonly ContenderFactory[] = []): ScenarioContext => ({
  contenders,
  quick,
  log: () => undefined,
});

const table = (setup: string): ScenarioTable => ({
  setup,
  metrics: [{ key: 'ms', label: 'all done (ms)', limit: '0', format: 'ms' }],
  rows: [],
  notes: ['the scenario’s own note'],
});

/** A contender the rounds never create: `measure` below only reads its id. */
const factory = (id: string, cannot: ContenderFactory['cannot'] = {}): ContenderFactory => ({
  id,
  name: id,
  configNote: '',
  packages: [],
  usesAxios: false,
  cannot,
  create: () => Promise.reject(new Error('not created in this test')),
});

describe('a scenario made by defineScenario', () => {
  it('reports its own columns first, then the conditions’ in the order cpu, load, sockets whatever order they are listed in', async () => {
    const scenario = defineScenario({
      id: 'cold',
      title: 'Cold burst',
      sizes: { quick: {}, full: {} },
      conditions: ['sockets', 'load', 'cpu'],
      run: () => Promise.resolve(table('a burst')),
    });
    const result = await scenario.run(context(false));
    expect(result).toMatchObject({ id: 'cold', title: 'Cold burst', setup: 'a burst' });
    expect(result.metrics.map((metric) => metric.key)).toEqual(['ms', 'cpuMs', 'load', 'listenOverflows', 'sockets']);
    expect(result.notes[0]).toBe('the scenario’s own note');
    expect(result.notes[1]).toMatch(/^ListenOverflows is the kernel's count/);
  });

  it('gives run the quick counts under --quick and the full counts otherwise', async () => {
    const scenario = defineScenario({
      id: 'steady',
      title: 'Steady',
      sizes: { quick: { requests: 200 }, full: { requests: 400 } },
      run: ({ size }) => Promise.resolve(table(`${size.requests} GETs`)),
    });
    expect((await scenario.run(context(true))).setup).toBe('200 GETs');
    expect((await scenario.run(context(false))).setup).toBe('400 GETs');
  });

  it('runs its rounds under its own id, so a contender that cannot do this scenario gets its reason and no runs', async () => {
    const scenario = defineScenario({
      id: 'memory',
      title: 'Memory',
      sizes: { quick: { runs: 2 }, full: { runs: 3 } },
      run: async ({ size, rounds }) => ({ ...table('heap'), rows: await rounds(size.runs, () => Promise.resolve({ ms: 7 })) }),
    });
    const contenders = [factory('able', { cold: 'only the memory scenario counts' }), factory('unable', { memory: 'no heap to read' })];
    const [able, unable] = (await scenario.run(context(true, contenders))).rows;
    expect(able).toMatchObject({ contender: 'able', median: { ms: 7 } });
    expect(able?.cannot).toBeUndefined();
    expect(able?.runs).toHaveLength(2);
    expect(unable).toMatchObject({ contender: 'unable', cannot: 'no heap to read', runs: [] });
  });
});
