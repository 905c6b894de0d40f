// Entry point VS Code calls: registers the four commands on one Controller,
// and stops the relay when VS Code closes the window.
import * as vscode from 'vscode';
import { COMMANDS, Controller } from './controller.js';

let controller: Controller | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const sidekick = new Controller(context.extensionUri);
  controller = sidekick;
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.showPanel, () => sidekick.guard(() => sidekick.showPanel())),
    vscode.commands.registerCommand(COMMANDS.runFile, () => sidekick.guard(() => sidekick.runFile())),
    vscode.commands.registerCommand(COMMANDS.stop, () => sidekick.guard(() => sidekick.stop())),
    vscode.commands.registerCommand(COMMANDS.openSession, () => sidekick.guard(() => sidekick.openSession())),
  );
}

export async function deactivate(): Promise<void> {
  await controller?.dispose();
  controller = undefined;
}
