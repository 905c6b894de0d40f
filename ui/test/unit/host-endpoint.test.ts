// @vitest-environment node
// The relay an embedding host (VS Code's webview) names in the page.
import { describe, expect, it } from 'vitest';
import { hostEndpoint } from '../../src/transport/location';

function page(tags: Record<string, string>): Pick<Document, 'querySelector'> {
  return {
    querySelector: ((selector: string) => {
      const name = /name="([^"]+)"/.exec(selector)?.[1] ?? '';
      return name in tags ? { content: tags[name] } : null;
    }) as Document['querySelector'],
  };
}

describe('hostEndpoint', () => {
  it('is absent on a page without the tags (the served UI), so the location decides', () => {
    expect(hostEndpoint(page({}))).toBeUndefined();
  });

  it('joins the named session on the named relay', () => {
    expect(hostEndpoint(page({ 'sidekick-relay': 'ws://127.0.0.1:5163', 'sidekick-session': 'abc_1' }))).toEqual({
      url: 'ws://127.0.0.1:5163/?session=abc_1',
      session: 'abc_1',
    });
    expect(hostEndpoint(page({ 'sidekick-relay': 'wss://relay.example/' }))).toEqual({ url: 'wss://relay.example/', session: null });
  });

  it('names a malformed session as a problem instead of connecting', () => {
    expect(hostEndpoint(page({ 'sidekick-relay': 'ws://127.0.0.1:5163/', 'sidekick-session': 'no spaces' }))?.problem).toMatch(/not a valid session id/);
  });
});
