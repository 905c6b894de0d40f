// @sidekick/server: the local Sidekick server, for programs that embed it.
export { startServer, DEFAULT_HOST, DEFAULT_PORT, defaultUiDir, isLoopback } from './server.js';
export type { RunningServer, ServerOptions } from './server.js';
export type { HealthReport } from './http-handler.js';
export { checkOwnServer, probeSidekick } from './health-probe.js';
export type { ServerCheck } from './health-probe.js';
export { keyDir } from './server-identity.js';
/** The `ws` socket class the server uses (every close it causes carries a reason); the playground's conformance test reuses it. */
export { PeerSocket } from './peer-socket.js';
export { createLogger } from './log.js';
export type { Logger, LogLevel } from './log.js';
