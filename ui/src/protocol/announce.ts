// Reading a peer's system/announce (protocol.md "system/announce").
import type { AnnouncePayload } from './messages';
import { CommandError, type Json, number, object, string } from './read';

export function readAnnounce(message: Json): AnnouncePayload {
  const payload = object(message.payload, 'payload');
  const peerId = string(payload, 'peerId');
  const role = string(payload, 'role');
  const status = string(payload, 'status');
  const version = string(payload, 'version');
  const timestamp = number(payload, 'timestamp');
  if (role !== 'hero' && role !== 'sidekick') throw new CommandError('role must be "hero" or "sidekick"');
  if (status !== 'online' && status !== 'offline') throw new CommandError('status must be "online" or "offline"');
  if (!peerId) throw new CommandError('peerId must not be empty');
  return { peerId, role, status, version, timestamp };
}
