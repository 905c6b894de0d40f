// @vitest-environment node
// The playground's hero bridge over the relay core, with plain functions for
// the hero's handler and the page: what the relay decides reaches both sides.
import { describe, expect, it } from 'vitest';
import { type BridgeHost, HeroBridge } from '../../src/playground/bridge';

function setUp() {
  const toUi: unknown[] = [];
  const warnings: string[] = [];
  let offline = 0;
  const host: BridgeHost = {
    toUi: (messages) => toUi.push(...messages),
    warn: (text) => warnings.push(text),
    heroOffline: () => offline++,
  };
  const bridge = new HeroBridge(host);
  const toHero: string[] = [];
  const globals: Record<string, unknown> = {};
  bridge.install(globals);
  const send = globals.sendHeroMessage as (text: unknown) => void;
  const register = globals.registerSidekickMessageHandler as (callback: unknown) => void;
  const flushed = () => {
    bridge.flush();
    return toUi;
  };
  return { bridge, toUi: flushed, toHero, warnings, send, register, offlines: () => offline };
}

const announce = (peerId: string, role: string, status: string) =>
  JSON.stringify({ id: 0, component: 'system', type: 'announce', payload: { peerId, role, status, version: '1', timestamp: 5 } });

describe('HeroBridge (relay core over the worker channel)', () => {
  it('passes a batch frame through as the relay got it', () => {
    const { send, toUi } = setUp();
    const batch = '{"id":0,"component":"global","type":"batch","payload":{"messages":[{"id":0,"component":"label","type":"remove","target":"a"}]}}';
    send(batch);
    expect(toUi()).toEqual([JSON.parse(batch)]);
  });

  it('closes a hero that sends what is not a JSON object: a warning, an offline on its behalf, nothing it sends next', () => {
    const { send, register, toUi, toHero, warnings, offlines } = setUp();
    register((text: string) => toHero.push(text));
    send(announce('hero-1', 'hero', 'online'));
    send('[1, 2, 3]');
    send('{"id":0,"component":"label","type":"remove","target":"after-bad"}');
    const seen = toUi() as { type: string; target?: string; payload?: { status?: string; peerId?: string } }[];
    expect(seen.map((m) => m.payload?.status ?? m.target)).toEqual(['online', 'offline']);
    expect(seen[1]?.payload?.peerId).toBe('hero-1');
    expect(warnings.join('')).toMatch(/closed the hero's connection \(1007: each text frame must hold one JSON object\)/);
    expect(offlines()).toBe(1);
  });

  it("tells a hero that registers which UI is online, after its registration call has returned", async () => {
    const { bridge, register, toHero } = setUp();
    bridge.fromUi(JSON.parse(announce('ui-1', 'sidekick', 'online')));
    register((text: string) => toHero.push(text));
    expect(toHero).toEqual([]);
    await Promise.resolve();
    expect(toHero.map((t) => JSON.parse(t).payload.peerId)).toEqual(['ui-1']);
  });

  it("announces the hero offline in its name when the run ends without the hero's own, once", () => {
    const { bridge, send, toUi } = setUp();
    send(announce('hero-2', 'hero', 'online'));
    bridge.detach();
    bridge.detach();
    const statuses = (toUi() as { payload?: { status?: string } }[]).map((m) => m.payload?.status);
    expect(statuses).toEqual(['online', 'offline']);
  });
});
