// The Sidekick panel: one webview beside the editor showing the UI build,
// connected to the target it is given. Showing it again reuses the panel;
// a new target reloads its page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { panelHtml } from './html.js';
import type { PanelTarget } from './target.js';

export const PANEL_VIEW_TYPE = 'sidekick.panel';

export interface PanelOptions {
  extensionUri: vscode.Uri;
  /** Folder of the UI build inside the extension (index.html, assets/). */
  uiDir: string;
  /** Called with the webview's origin once its page has loaded. */
  onWebviewOrigin: (origin: string) => void;
}

export class SidekickPanel {
  private panel: vscode.WebviewPanel | undefined;
  private shown: PanelTarget | undefined;

  constructor(private readonly options: PanelOptions) {}

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  get target(): PanelTarget | undefined {
    return this.shown;
  }

  /** Opens the panel beside the editor (or reveals it) showing `target`. */
  show(target: PanelTarget, preserveFocus = true): void {
    if (!this.panel) {
      this.panel = this.create();
      this.render(target);
      return;
    }
    if (this.shown?.relayUrl !== target.relayUrl || this.shown.session !== target.session) this.render(target);
    this.panel.reveal(vscode.ViewColumn.Beside, preserveFocus);
  }

  dispose(): void {
    this.panel?.dispose();
  }

  private create(): vscode.WebviewPanel {
    const uiRoot = vscode.Uri.file(this.options.uiDir);
    const media = vscode.Uri.joinPath(this.options.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(
      PANEL_VIEW_TYPE,
      'Sidekick',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      // Scripts on; only the UI build and media/ may be loaded; the page keeps
      // its state while hidden so a program's output is not lost.
      { enableScripts: true, localResourceRoots: [uiRoot, media], retainContextWhenHidden: true },
    );
    panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message));
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.shown = undefined;
    });
    return panel;
  }

  private render(target: PanelTarget): void {
    const panel = this.panel;
    if (!panel) return;
    const webview = panel.webview;
    const uri = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.options.extensionUri, ...parts)).toString();
    this.shown = target;
    panel.title = target.title ?? 'Sidekick';
    webview.html = panelHtml({
      indexHtml: readFileSync(join(this.options.uiDir, 'index.html'), 'utf8'),
      uiBase: webview.asWebviewUri(vscode.Uri.file(this.options.uiDir)).toString().replace(/\/$/, ''),
      hostScript: uri('media', 'host.js'),
      themeCss: uri('media', 'theme.css'),
      cspSource: webview.cspSource,
      target,
    });
  }

  private receive(message: unknown): void {
    if (typeof message !== 'object' || message === null) return;
    const { type, origin } = message as { type?: unknown; origin?: unknown };
    if (type === 'sidekick-webview-ready' && typeof origin === 'string') this.options.onWebviewOrigin(origin);
  }
}
