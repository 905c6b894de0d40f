// `Sidekick: Run Current File` and `Sidekick: Stop`: the program runs in a
// terminal of its own, with SIDEKICK_URL naming the panel's session, so its
// output and Ctrl+C work as in any terminal. One program at a time: a new run
// ends the previous one.
import * as vscode from 'vscode';
import { chooseInterpreter, commandLine } from './interpreter.js';

export const TERMINAL_NAME = 'Sidekick';

export class Runner {
  private terminal: vscode.Terminal | undefined;
  private readonly closed = vscode.window.onDidCloseTerminal((closed) => {
    if (closed === this.terminal) this.terminal = undefined;
  });

  get running(): boolean {
    return this.terminal !== undefined;
  }

  /** Runs `document` (saved first) with SIDEKICK_URL=`heroUrl`. */
  async run(document: vscode.TextDocument, heroUrl: string): Promise<void> {
    if (document.isDirty && !(await document.save())) throw new Error(`${document.fileName} could not be saved, so it was not run.`);
    const interpreter = await chooseInterpreter(document.uri);
    this.stop();
    const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri;
    this.terminal = vscode.window.createTerminal({
      name: TERMINAL_NAME,
      cwd: folder ?? vscode.Uri.joinPath(document.uri, '..'),
      // PYTHONUNBUFFERED: print() output shows at once, as a learner expects.
      env: { SIDEKICK_URL: heroUrl, PYTHONUNBUFFERED: '1' },
    });
    this.terminal.show(true);
    this.terminal.sendText(commandLine(interpreter.command, document.uri.fsPath));
  }

  dispose(): void {
    this.stop();
    this.closed.dispose();
  }

  /** Ends the running program by closing its terminal. False when none runs. */
  stop(): boolean {
    const terminal = this.terminal;
    this.terminal = undefined;
    terminal?.dispose();
    return terminal !== undefined;
  }
}
