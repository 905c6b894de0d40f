// The panel's colour theme: follows the system (prefers-color-scheme) unless
// forced to light or dark by the URL (?theme=dark), the status bar's toggle
// (remembered), or the host page; a host may also hand over its own colours.
// The contract is in docs/ui.md "Themes".

export type ThemeChoice = 'auto' | 'light' | 'dark';

export const THEME_CHOICES: readonly ThemeChoice[] = ['auto', 'light', 'dark'];

/** The colour variables a host may set (as `--sk-<name>`). */
export const THEME_COLORS = ['bg', 'surface', 'text', 'muted', 'border', 'accent', 'accent-text', 'cell', 'flash', 'ok', 'warn', 'bad', 'focus'] as const;
export type ThemeColor = (typeof THEME_COLORS)[number];

export const THEME_STORAGE_KEY = 'sidekick.theme';
/** `window.postMessage` data a host (e.g. an editor's webview) sends to theme the panel. */
export const THEME_MESSAGE = 'sidekick-theme';
/**
 * The same as a `CustomEvent` on `window` whose `detail` is `{ theme?, colors? }`,
 * for a host script running in the page itself (VS Code's webview, whose
 * parent frame is VS Code's, not the extension's).
 */
export const THEME_EVENT = 'sidekick-theme';

const listeners = new Set<() => void>();
let choice: ThemeChoice = 'auto';

function isChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEME_CHOICES as readonly string[]).includes(value);
}

function notify(): void {
  for (const listener of listeners) listener();
}

function apply(next: ThemeChoice): void {
  choice = next;
  const root = document.documentElement;
  if (next === 'auto') root.removeAttribute('data-sk-theme');
  else root.setAttribute('data-sk-theme', next);
  notify();
}

/** The theme in force: what the user or host chose, or 'auto'. */
export function currentTheme(): ThemeChoice {
  return choice;
}

/** Force a theme (or go back to 'auto'); `remember` keeps it for the next visit. */
export function setTheme(next: ThemeChoice, remember = true): void {
  if (remember) {
    try {
      localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // storage refused (private mode, sandboxed frame): the choice holds for this page
    }
  }
  apply(next);
}

/**
 * Set host colours (`{ bg: '#1e1e1e', text: '#d4d4d4', ... }`). An unknown name
 * or a value that is not a CSS colour is refused with an error naming it; null
 * or '' gives the variable back to the theme.
 */
export function setHostColors(colors: Partial<Record<ThemeColor, string | null>>): void {
  const style = document.documentElement.style;
  for (const [name, value] of Object.entries(colors)) {
    if (!(THEME_COLORS as readonly string[]).includes(name)) throw new Error(`unknown theme colour "${name}" (known: ${THEME_COLORS.join(', ')})`);
    if (value && !CSS.supports('color', value)) throw new Error(`theme colour ${name}: "${value}" is not a CSS colour`);
  }
  for (const [name, value] of Object.entries(colors)) {
    if (value) style.setProperty(`--sk-${name}`, value);
    else style.removeProperty(`--sk-${name}`);
  }
  notify();
}

/** Call `listener` when the theme or the system's colour scheme changes; returns the unsubscribe. */
export function onThemeChange(listener: () => void): () => void {
  listeners.add(listener);
  const scheme = window.matchMedia?.('(prefers-color-scheme: dark)');
  scheme?.addEventListener?.('change', listener);
  return () => {
    listeners.delete(listener);
    scheme?.removeEventListener?.('change', listener);
  };
}

function onHostMessage(event: MessageEvent): void {
  // Only the page that embeds us may theme us.
  if (event.source !== window.parent || window.parent === window) return;
  const data: unknown = event.data;
  if (typeof data !== 'object' || data === null || (data as { type?: unknown }).type !== THEME_MESSAGE) return;
  applyHostTheme(data);
}

function onHostEvent(event: Event): void {
  const detail: unknown = (event as CustomEvent<unknown>).detail;
  if (typeof detail === 'object' && detail !== null) applyHostTheme(detail);
}

function applyHostTheme(data: object): void {
  const { theme, colors } = data as { theme?: unknown; colors?: unknown };
  try {
    // Check the theme before applying colours, so a bad message changes nothing.
    if (theme !== undefined && !isChoice(theme)) throw new Error(`theme must be one of ${THEME_CHOICES.join(', ')}, not ${JSON.stringify(theme)}`);
    if (colors !== undefined) setHostColors(colors as Partial<Record<ThemeColor, string>>);
    if (theme !== undefined) apply(theme);
  } catch (error) {
    console.error('[sidekick] theme message refused:', error instanceof Error ? error.message : error);
  }
}

let started = false;

/** Pick the theme once per page: ?theme= first, then the remembered choice; then listen to the host. */
export function initTheme(): void {
  if (started) return;
  started = true;
  const fromUrl = new URLSearchParams(window.location.search).get('theme');
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(THEME_STORAGE_KEY);
  } catch {
    stored = null;
  }
  if (isChoice(fromUrl)) apply(fromUrl);
  else if (isChoice(stored)) apply(stored);
  window.addEventListener('message', onHostMessage);
  window.addEventListener(THEME_EVENT, onHostEvent);
}
