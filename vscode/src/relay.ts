// The local relay, run inside the extension host: started on first use on
// 127.0.0.1, stopped when VS Code closes. A Sidekick server already on the
// port is reused only if it proves it is this user's (the /healthz challenge
// that `sidekick run` also uses); anything else on the port is refused.
import { checkOwnServer, createLogger, keyDir, type RunningServer, startServer } from '@sidekick/server';

export type RelayState =
  | { readonly kind: 'off' }
  | { readonly kind: 'starting' }
  | { readonly kind: 'ours'; readonly port: number }
  | { readonly kind: 'shared'; readonly port: number; readonly version: string }
  | { readonly kind: 'failed'; readonly why: string };

export interface RelayOptions {
  port: number;
  uiDir: string;
  /** Where server key files live (default: the user's state folder, as for `sidekick serve`). */
  identityDir?: string;
  /** Where the relay's log lines go (the extension's output channel). */
  log?: (line: string) => void;
}

export class LocalRelay {
  private server: RunningServer | undefined;
  private starting: Promise<RelayState> | undefined;
  private current: RelayState = { kind: 'off' };
  /** Origins admitted so far; re-applied if the relay is restarted. */
  private readonly origins = new Set<string>();
  onState: (state: RelayState) => void = () => {};

  constructor(private readonly options: RelayOptions) {}

  get state(): RelayState {
    return this.current;
  }

  /** Starts (or finds) the relay once; later calls share the answer until it fails. */
  ensure(): Promise<RelayState> {
    if (this.current.kind === 'ours' || this.current.kind === 'shared') return Promise.resolve(this.current);
    this.starting ??= this.start().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /**
   * Admits a webview's exact origin on the relay this extension runs. A
   * shared server was started elsewhere and keeps its own rules (it admits
   * desktop webviews, `vscode-webview://<id>`, by itself).
   */
  allowOrigin(origin: string): boolean {
    this.origins.add(origin);
    if (!this.server) return false;
    this.server.allowOrigin(origin);
    return true;
  }

  /**
   * The shared server went away (the window or `sidekick serve` that ran it
   * stopped): forget it, so the next ensure() starts a relay here or finds
   * whoever took the port.
   */
  forgetShared(): void {
    if (this.current.kind === 'shared') this.set({ kind: 'off' });
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.set({ kind: 'off' });
    await server?.close();
  }

  private set(state: RelayState): RelayState {
    this.current = state;
    this.onState(state);
    return state;
  }

  private async start(): Promise<RelayState> {
    const { port, uiDir } = this.options;
    const identityDir = this.options.identityDir ?? keyDir();
    this.set({ kind: 'starting' });
    try {
      this.server = await startServer({ port, host: '127.0.0.1', uiDir, identityDir, logger: createLogger('info', (line) => this.options.log?.(line.trimEnd())) });
      for (const origin of this.origins) this.server.allowOrigin(origin);
      return this.set({ kind: 'ours', port: this.server.port });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') return this.set({ kind: 'failed', why: String(error) });
    }
    const check = await checkOwnServer('127.0.0.1', port, identityDir);
    switch (check.kind) {
      case 'ours':
        return this.set({ kind: 'shared', port, version: check.report.version });
      case 'unproven':
        return this.set({
          kind: 'failed',
          why: `port ${port} has a Sidekick server that is not yours (${check.why}); stop it or set sidekick.port to another port`,
        });
      case 'none':
        return this.set({ kind: 'failed', why: `port ${port} is used by another program; set sidekick.port to another port` });
    }
  }
}
