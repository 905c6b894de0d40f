// The extension's parts wired together: the relay, the panel, the runner, the
// status bar, and the watch on the panel's session. The commands are its
// public methods (extension.ts registers them).
import { join } from 'node:path';
import type { SessionSummary } from '@sidekick/relay';
import * as vscode from 'vscode';
import { LocalRelay } from './relay.js';
import { SidekickPanel } from './panel.js';
import { Runner } from './runner.js';
import { StatusItem } from './status.js';
import { heroUrl, newSessionId, type PanelTarget, parseSessionInput } from './target.js';
import { SessionWatcher } from './watcher.js';

export const COMMANDS = {
  showPanel: 'sidekick.showPanel',
  runFile: 'sidekick.runFile',
  stop: 'sidekick.stop',
  openSession: 'sidekick.openSession',
} as const;

const config = () => vscode.workspace.getConfiguration('sidekick');

export class Controller {
  readonly relay: LocalRelay;
  readonly panel: SidekickPanel;
  readonly runner = new Runner();
  private readonly status = new StatusItem(COMMANDS.showPanel);
  private readonly output: vscode.OutputChannel;
  /** This window's session on the local relay: the panel and Run Current File meet there. */
  readonly session = newSessionId();
  /**
   * The local session the panel shows: this window's, or the newest one with
   * a program in it when this window's has none (a program started in a
   * terminal joins a session of its own), as the browser page at / does.
   */
  private localSession = this.session;
  /** Where the webview reaches the local relay, once known. */
  private localRelayUrl: string | undefined;
  private watcher: SessionWatcher | undefined;
  /** Sessions with a program in them, as last listed. */
  private running = new Set<string>();

  constructor(extensionUri: vscode.Uri, options: { uiDir?: string; identityDir?: string } = {}) {
    this.output = vscode.window.createOutputChannel('Sidekick');
    const uiDir = options.uiDir ?? join(extensionUri.fsPath, 'ui');
    this.relay = new LocalRelay({
      // Read at each start, so a changed sidekick.port takes effect on the next try.
      get port() {
        return config().get<number>('port', 5163);
      },
      uiDir,
      identityDir: options.identityDir,
      log: (line) => this.output.appendLine(line),
    });
    this.relay.onState = (state) => this.status.update(state, this.running.size);
    this.panel = new SidekickPanel({
      extensionUri,
      uiDir,
      onWebviewOrigin: (origin) => this.admit(origin),
    });
  }

  async showPanel(): Promise<void> {
    this.panel.show(this.panel.target ?? (await this.localTarget()), false);
  }

  async runFile(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || (document.languageId !== 'python' && !document.fileName.endsWith('.py'))) {
      throw new Error('Open a Python file to run it with Sidekick.');
    }
    this.localSession = this.session;
    const target = await this.localTarget();
    const port = this.relayPort();
    await this.runner.run(document, heroUrl({ relayUrl: `ws://127.0.0.1:${port}/`, session: this.session }));
    this.panel.show(target);
  }

  stop(): void {
    if (!this.runner.stop()) void vscode.window.showInformationMessage('Sidekick: no program is running.');
  }

  async openSession(): Promise<void> {
    const cloudRelay = config().get<string>('cloudRelay', '');
    const input = await vscode.window.showInputBox({
      title: 'Sidekick: Open Session',
      prompt: 'The session address your program printed (https://…/session/<id>), or a session id',
      placeHolder: 'https://relay.example/session/abc123',
      ignoreFocusOut: true,
      validateInput: (text) => {
        const parsed = parseSessionInput(text, cloudRelay);
        return typeof parsed === 'string' ? parsed : undefined;
      },
    });
    if (input === undefined) return;
    const target = parseSessionInput(input, cloudRelay);
    if (typeof target === 'string') throw new Error(target);
    this.panel.show(target, false);
  }

  async dispose(): Promise<void> {
    this.watcher?.stop();
    this.panel.dispose();
    this.runner.dispose();
    this.status.dispose();
    await this.relay.close();
    this.output.dispose();
  }

  /** Reports a failed command in a message, so nothing fails silently. */
  async guard(what: () => Promise<void> | void): Promise<void> {
    try {
      await what();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.output.appendLine(`error: ${message}`);
      void vscode.window.showErrorMessage(`Sidekick: ${message}`);
    }
  }

  private relayPort(): number {
    const state = this.relay.state;
    if (state.kind !== 'ours' && state.kind !== 'shared') throw new Error('the relay is not running');
    return state.port;
  }

  /** The panel's view of the local relay: started if need be, reached the way the webview can reach it. */
  private async localTarget(): Promise<PanelTarget> {
    const state = await this.relay.ensure();
    if (state.kind === 'failed') throw new Error(state.why);
    const port = this.relayPort();
    this.watch(port);
    // In a remote window the relay runs on the remote side: asExternalUri
    // forwards the port and says where the webview finds it.
    const external = await vscode.env.asExternalUri(vscode.Uri.parse(`http://127.0.0.1:${port}/`));
    const url = new URL(external.toString(true));
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.search = '';
    url.hash = '';
    this.localRelayUrl = url.toString();
    return { relayUrl: this.localRelayUrl, session: this.localSession };
  }

  private watch(port: number): void {
    if (this.watcher) return;
    this.watcher = new SessionWatcher(
      port,
      (sessions) => this.follow(sessions),
      () => {
        // The server this window shared has stopped: take over the port, so
        // the panel (which reconnects by itself) and new runs have a relay.
        if (this.relay.state.kind !== 'shared') return;
        this.relay.forgetShared();
        void this.guard(async () => {
          const state = await this.relay.ensure();
          if (state.kind === 'failed') throw new Error(state.why);
        });
      },
    );
  }

  /** A program came or went on the local relay: update the status bar, and show the program. */
  private follow(sessions: readonly SessionSummary[]): void {
    const running = sessions.filter((s) => s.heroes > 0);
    const arrived = running.some((s) => !this.running.has(s.id));
    this.running = new Set(running.map((s) => s.id));
    this.status.update(this.relay.state, running.length);
    if (running.length === 0) return;
    // This window's session first, then the one shown, then the newest.
    const newest = running.reduce((a, b) => (b.since > a.since ? b : a));
    const wanted = [this.session, this.localSession].find((id) => this.running.has(id)) ?? newest.id;
    const showingLocal = this.panel.target !== undefined && this.panel.target.relayUrl === this.localRelayUrl;
    const switched = wanted !== this.localSession;
    this.localSession = wanted;
    const open = arrived && !this.panel.isOpen && config().get<boolean>('openPanelOnConnect', true);
    if ((switched && showingLocal) || open) void this.guard(async () => this.panel.show(await this.localTarget()));
  }

  private admit(origin: string): void {
    // Desktop webviews (vscode-webview://<id>) are admitted by every Sidekick
    // server; a browser-hosted VS Code's webview has an http(s) origin only
    // it can tell us.
    if (origin.startsWith('vscode-webview://')) return;
    try {
      if (this.relay.allowOrigin(origin)) this.output.appendLine(`the relay admits the panel's origin ${origin}`);
    } catch (error) {
      this.output.appendLine(`the panel reported an origin the relay cannot admit (${String(error)})`);
    }
  }
}
