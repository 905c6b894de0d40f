// Best-effort "open this URL in the user's browser".
import { spawn } from 'node:child_process';

export function openUrl(url: string, onFailure: (message: string) => void): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => onFailure(`could not open a browser (${command} failed); open ${url} yourself`));
    child.unref();
  } catch {
    onFailure(`could not open a browser; open ${url} yourself`);
  }
}
