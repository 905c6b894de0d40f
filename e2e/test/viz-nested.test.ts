// Nested ObservableValues in a shown variable: each change reaches the UI as
// a fine-grained update at its path (python/src/sidekick/components/viz.py).
// After many seeded random changes, the tree the real UI built from those
// updates must read exactly like a fresh whole re-send of the same value
// ("fresh", shown at the end), and like the state a second tab gets replayed.
// First, a few nested changes must leave a branch the learner closed closed
// (its node is never re-sent, as a whole re-send would re-create it open).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath, component, eventually, ManagedProcess, repoRoot, statusPart, useLocalSuite } from '../src/index.js';

const suite = useLocalSuite();
const dir = mkdtempSync(join(tmpdir(), 'sidekick-viz-nested-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCRIPT = String.raw`
import random
import sidekick
from sidekick import ObservableValue


class Point:
    def __init__(self, **attributes):
        self.__dict__.update(attributes)


rng = random.Random(20261122)
observables = [ObservableValue([1, 2]), ObservableValue({"k": 1}), ObservableValue([])]
shared = observables[0]
root = ObservableValue({
    "scores": shared,
    "table": observables[1],
    "rows": [observables[2], (3, shared)],
    "point": Point(x=1, trail=ObservableValue([])),
})
observables += [root, root.get()["point"].trail]


def new_value():
    roll = rng.random()
    if roll < 0.3:
        return rng.choice(observables)
    if roll < 0.45:
        fresh = ObservableValue(rng.choice([[], {}, [rng.randint(0, 9)], {"n": rng.randint(0, 9)}]))
        observables.append(fresh)
        return fresh
    if roll < 0.55:
        return [rng.randint(0, 9), (rng.choice(observables),)]
    if roll < 0.6:
        return Point(a=rng.choice(observables), b="b")
    return rng.choice([rng.randint(0, 99), "text", None, 2.5, True])


def change(target):
    value = target.get()
    if isinstance(value, list):
        roll = rng.randrange(6)
        if roll == 0 or not value:
            target.append(new_value())
        elif roll == 1:
            target.insert(rng.randrange(len(value) + 1), new_value())
        elif roll == 2:
            target.pop(rng.randrange(len(value)))
        elif roll == 3:
            target[rng.randrange(len(value))] = new_value()
        elif roll == 4:
            del target[rng.randrange(len(value))]
        else:
            target.remove(rng.choice(value))
    elif isinstance(value, dict):
        roll = rng.randrange(8)
        if roll < 4 or not value or target is root:
            target[rng.choice(["k", "j", 3, None, True])] = new_value()
        elif roll < 6:
            del target[rng.choice(list(value))]
        elif roll < 7:
            target.pop(rng.choice(list(value)))
        else:
            target.clear()
    if target is not root and rng.random() < 0.05:
        target.set(rng.choice([[new_value()], {"k": new_value()}, rng.randint(0, 9)]))


viz = sidekick.Viz()
viz.show("live", root)


@sidekick.Button("Nested changes").click
def nested(event):
    shared.append(3)
    observables[1]["n"] = [4]
    root.get()["point"].trail.append((5, 6))
    observables[2].append(ObservableValue({"deep": 7}))
    observables[2][0]["deep"] = 8
    viz.show("nested", True)


@sidekick.Button("Random changes").click
def run(event):
    for _ in range(200):
        change(rng.choice(observables))
    viz.show("fresh", root)
    viz.show("finished", True)


sidekick.run_forever()
`;

interface Line {
  depth: number;
  text: string;
  observed: boolean;
}

/** Open every collapsed branch (new nodes below depth 2 start closed). */
async function expandAll(page: Page): Promise<void> {
  await eventually(
    'every branch to be open',
    () =>
      component(page, 'viz-1').evaluate((viz) => {
        const closed = Array.from(viz.querySelectorAll('button.sk-viz-toggle[aria-expanded="false"]'));
        for (const button of closed) (button as HTMLButtonElement).click();
        return closed.length;
      }),
    (count) => count === 0,
  );
}

/** Each variable's lines: nesting depth, "key type value", and the observable mark. */
async function variables(page: Page): Promise<Map<string, Line[]>> {
  const found = await component(page, 'viz-1').evaluate((viz) =>
    Array.from(viz.querySelectorAll(':scope > .sk-viz-node')).map((top) =>
      [top, ...Array.from(top.querySelectorAll('.sk-viz-node'))].map((node) => {
        const line = node.querySelector(':scope > .sk-viz-line');
        let depth = 0;
        for (let at = node.parentElement; at && at !== top; at = at.parentElement) if (at.classList.contains('sk-viz-children')) depth++;
        const text = ['.sk-viz-key', '.sk-viz-type', '.sk-viz-value'].map((part) => (line?.querySelector(part)?.textContent ?? '').trim()).join(' ');
        return { depth, text, observed: line?.classList.contains('sk-viz-observed') ?? false };
      }),
    ),
  );
  return new Map(found.map((lines) => [lines[0]?.text.split(' ')[0] ?? '', lines]));
}

async function settledTree(page: Page): Promise<Map<string, Line[]>> {
  await eventually('the last variable', () => variables(page), (v) => v.has('finished'));
  await expandAll(page);
  return variables(page);
}

describe('nested ObservableValues in Viz', () => {
  it('fine-grained nested updates build the same tree as a whole re-send, also after a replay', async () => {
    const script = join(dir, 'nested_viz.py');
    writeFileSync(script, SCRIPT);
    const page = await suite.stage.open(suite.browser, `${suite.server.url}/`);
    await eventually('the panel to connect', () => statusPart(page, 'connection').textContent(), (t) => t === 'Connected');
    const hero = suite.stage.track(
      new ManagedProcess('nested viz', process.execPath, [cliPath, 'run', '--port', String(suite.server.port), '--exit', script], {
        cwd: repoRoot,
        env: { PYTHONUNBUFFERED: '1' },
      }),
    );
    await eventually('the variable', () => variables(page), (v) => v.has('live'));
    // The learner closes one branch; updates elsewhere in the variable must
    // not re-create it (a whole re-send would, and open it again).
    const pointToggle = component(page, 'viz-1').getByRole('button', { name: /^(collapse|expand) "point"$/ }).first();
    await pointToggle.click();
    await eventually('point closed', () => pointToggle.getAttribute('aria-expanded'), (v) => v === 'false');
    await page.getByRole('button', { name: 'Nested changes' }).click();
    await eventually('the nested changes', () => variables(page), (v) => v.has('nested'));
    expect(await pointToggle.getAttribute('aria-expanded')).toBe('false');
    const scores = (await variables(page)).get('live')?.filter((line) => line.depth === 2).map((line) => line.text);
    expect(scores?.slice(0, 3)).toEqual(['0 int 1', '1 int 2', '2 int 3']);

    // Then many random changes (some past the depth limit, which re-send the
    // whole variable): the result must equal a whole re-send.
    await page.getByRole('button', { name: 'Random changes' }).click();
    const tree = await settledTree(page);
    const live = tree.get('live') ?? [];
    const fresh = tree.get('fresh') ?? [];
    expect(live.length, hero.output).toBeGreaterThan(10);
    // The same value, once built by updates and once sent whole: only the name differs.
    expect(live.slice(1)).toEqual(fresh.slice(1));
    expect(live[0]?.text.replace(/^live/, '')).toBe(fresh[0]?.text.replace(/^fresh/, ''));
    expect(live.some((line) => line.depth >= 3 && line.observed)).toBe(true);

    const other = await suite.stage.open(suite.browser, `${suite.server.url}/`);
    await eventually('the hero in a second tab', () => statusPart(other, 'hero').textContent(), (t) => t === 'Hero online');
    expect(await settledTree(other)).toEqual(tree);
  });
});
