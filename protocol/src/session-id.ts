// Session ids come from URLs (`?session=<id>`, `/session/<id>`), so both hosts
// accept the same safe, URL-clean shape.

export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** The session peers join when they give no `?session=` (local server only). */
export const DEFAULT_SESSION_ID = 'default';

/** True for 1–128 characters of A–Z, a–z, 0–9, `_` and `-`. */
export function isValidSessionId(id: string): boolean {
  return SESSION_ID_PATTERN.test(id);
}
