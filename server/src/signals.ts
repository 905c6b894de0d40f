// One handler for SIGINT and SIGTERM, with a deadline so a stuck close can
// never keep the process alive.
export function onShutdownSignal(handler: (signal: NodeJS.Signals) => Promise<void>, deadlineMs = 3000): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), deadlineMs).unref();
    handler(signal).catch((error: unknown) => {
      process.stderr.write(`sidekick: error while stopping: ${String(error)}\n`);
      process.exit(1);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
