// The status bar item: the relay's state and whether a program is connected
// to it; clicking it shows the panel.
import * as vscode from 'vscode';
import type { RelayState } from './relay.js';

export interface StatusView {
  text: string;
  tooltip: string;
}

/** What the item says, from the relay's state and the programs in the panel's session. */
export function statusView(relay: RelayState, programs: number): StatusView {
  switch (relay.kind) {
    case 'off':
      return { text: '$(circle-outline) Sidekick', tooltip: 'Sidekick: the relay starts when you show the panel or run a file' };
    case 'starting':
      return { text: '$(sync~spin) Sidekick', tooltip: 'Sidekick: starting the relay…' };
    case 'failed':
      return { text: '$(error) Sidekick', tooltip: `Sidekick: no relay: ${relay.why}` };
    case 'ours':
    case 'shared': {
      const where = relay.kind === 'ours' ? `relay on 127.0.0.1:${relay.port}` : `reusing your Sidekick server on port ${relay.port}`;
      if (programs > 0) {
        const count = programs === 1 ? 'a program is connected' : `${programs} programs are connected`;
        return { text: '$(broadcast) Sidekick: program connected', tooltip: `Sidekick: ${where}; ${count}. Click to show the panel.` };
      }
      return { text: '$(radio-tower) Sidekick', tooltip: `Sidekick: ${where}; no program connected. Click to show the panel.` };
    }
  }
}

export class StatusItem {
  private readonly item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);

  constructor(command: string) {
    this.item.name = 'Sidekick';
    this.item.command = command;
    this.update({ kind: 'off' }, 0);
    this.item.show();
  }

  update(relay: RelayState, programs: number): void {
    const view = statusView(relay, programs);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
  }

  dispose(): void {
    this.item.dispose();
  }
}
