// Which Python runs the current file: the interpreter the Python extension
// has selected for it when that extension is installed, else the
// sidekick.pythonPath setting, else `python3` (`python` on Windows).
import * as vscode from 'vscode';

export const PYTHON_EXTENSION_ID = 'ms-python.python';

/** The part of the Python extension's API this uses (both its current and its older shape). */
interface PythonApi {
  environments?: { getActiveEnvironmentPath?(resource?: vscode.Uri): { path?: string } | undefined };
  settings?: { getExecutionDetails?(resource?: vscode.Uri): { execCommand?: string[] } | undefined };
}

export interface Interpreter {
  /** The command and its leading arguments (`py -3`, a conda run line...). */
  command: string[];
  /** Where it came from, for the terminal's first line. */
  source: 'python extension' | 'sidekick.pythonPath' | 'default';
}

async function fromPythonExtension(resource: vscode.Uri): Promise<string[] | undefined> {
  const extension = vscode.extensions.getExtension<PythonApi>(PYTHON_EXTENSION_ID);
  if (!extension) return undefined;
  try {
    const api = extension.isActive ? extension.exports : await extension.activate();
    const path = api.environments?.getActiveEnvironmentPath?.(resource)?.path;
    if (path) return [path];
    const command = api.settings?.getExecutionDetails?.(resource)?.execCommand;
    return command && command.length > 0 ? command : undefined;
  } catch {
    // A Python extension that fails to answer should not stop the run.
    return undefined;
  }
}

export async function chooseInterpreter(resource: vscode.Uri, platform = process.platform): Promise<Interpreter> {
  const selected = await fromPythonExtension(resource);
  if (selected) return { command: selected, source: 'python extension' };
  const configured = vscode.workspace.getConfiguration('sidekick', resource).get<string>('pythonPath', '').trim();
  if (configured) return { command: [configured], source: 'sidekick.pythonPath' };
  return { command: [platform === 'win32' ? 'python' : 'python3'], source: 'default' };
}

/** One argument quoted for a POSIX shell or PowerShell, whichever the terminal runs. */
export function quoteArg(arg: string, platform = process.platform): string {
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return platform === 'win32' ? `'${arg.replace(/'/g, "''")}'` : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The line typed into the terminal. PowerShell needs `&` to run a quoted path. */
export function commandLine(command: readonly string[], file: string, platform = process.platform): string {
  const line = [...command, file].map((arg) => quoteArg(arg, platform)).join(' ');
  return platform === 'win32' ? `& ${line}` : line;
}
