// The theme contract (docs/ui.md "Themes"): ?theme= first, then the remembered
// toggle; host colours and messages from the embedding page only.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as ThemeModuleNamespace from '../../src/views/theme';

type ThemeModule = typeof ThemeModuleNamespace;

async function freshTheme(url = '/session/s'): Promise<ThemeModule> {
  window.history.replaceState(null, '', url);
  vi.resetModules();
  return import('../../src/views/theme');
}

beforeEach(() => {
  // jsdom has no CSS.supports: a small stand-in that knows hex colours and names.
  vi.stubGlobal('CSS', { supports: (_property: string, value: string) => /^#[0-9a-f]{3,8}$|^[a-z]+$/i.test(value) });
  localStorage.clear();
  document.documentElement.removeAttribute('data-sk-theme');
  document.documentElement.removeAttribute('style');
});
afterEach(() => vi.unstubAllGlobals());

const forced = () => document.documentElement.getAttribute('data-sk-theme');

describe('theme', () => {
  it('follows the system by default, and the toggle forces a theme and remembers it', async () => {
    let theme = await freshTheme();
    theme.initTheme();
    expect(theme.currentTheme()).toBe('auto');
    expect(forced()).toBeNull();
    theme.setTheme('dark');
    expect(forced()).toBe('dark');
    theme = await freshTheme();
    theme.initTheme();
    expect(theme.currentTheme()).toBe('dark');
  });

  it('lets ?theme= win over the remembered choice, and ignores a value it does not know', async () => {
    localStorage.setItem('sidekick.theme', 'dark');
    let theme = await freshTheme('/session/s?theme=light');
    theme.initTheme();
    expect(forced()).toBe('light');
    theme = await freshTheme('/session/s?theme=purple');
    theme.initTheme();
    expect(theme.currentTheme()).toBe('dark');
  });

  it('takes host colours, refusing an unknown name or a non-colour without applying any', async () => {
    const theme = await freshTheme();
    const changes = vi.fn();
    theme.onThemeChange(changes);
    theme.setHostColors({ bg: '#1e1e1e', text: '#d4d4d4' });
    expect(document.documentElement.style.getPropertyValue('--sk-bg')).toBe('#1e1e1e');
    expect(changes).toHaveBeenCalledTimes(1);
    expect(() => theme.setHostColors({ accent: '#ffffff', bogus: 'red' } as never)).toThrow(/unknown theme colour "bogus"/);
    expect(() => theme.setHostColors({ accent: 'url(x)' })).toThrow(/not a CSS colour/);
    expect(document.documentElement.style.getPropertyValue('--sk-accent')).toBe('');
    theme.setHostColors({ bg: null });
    expect(document.documentElement.style.getPropertyValue('--sk-bg')).toBe('');
  });

  it('accepts a theme message from the embedding page only', async () => {
    const theme = await freshTheme();
    theme.initTheme();
    const parent = {} as Window;
    vi.spyOn(window, 'parent', 'get').mockReturnValue(parent);
    window.dispatchEvent(new MessageEvent('message', { data: { type: theme.THEME_MESSAGE, theme: 'dark' }, source: window }));
    expect(forced()).toBeNull(); // not from the parent
    window.dispatchEvent(new MessageEvent('message', { data: { type: theme.THEME_MESSAGE, theme: 'sepia', colors: { bg: '#000000' } }, source: parent as MessageEventSource }));
    expect(document.documentElement.style.getPropertyValue('--sk-bg')).toBe(''); // a bad theme: nothing applied
    window.dispatchEvent(new MessageEvent('message', { data: { type: theme.THEME_MESSAGE, theme: 'dark', colors: { focus: '#007fd4' } }, source: parent as MessageEventSource }));
    expect(forced()).toBe('dark');
    expect(document.documentElement.style.getPropertyValue('--sk-focus')).toBe('#007fd4');
    expect(localStorage.getItem('sidekick.theme')).toBeNull(); // a host's choice is not the user's
  });

  it('accepts the same from a host script in the page, as a CustomEvent (VS Code webview)', async () => {
    const theme = await freshTheme();
    theme.initTheme();
    const changes = vi.fn();
    theme.onThemeChange(changes);
    window.dispatchEvent(new CustomEvent(theme.THEME_EVENT, { detail: { theme: 'light' } }));
    expect(forced()).toBe('light');
    expect(changes).toHaveBeenCalledTimes(1); // the grid repaints in the new colours
    window.dispatchEvent(new CustomEvent(theme.THEME_EVENT, { detail: { theme: 'sepia' } }));
    expect(forced()).toBe('light');
    expect(localStorage.getItem('sidekick.theme')).toBeNull();
  });
});
