// The Worker module: the fetch router (default export) and the Durable Object
// class named in wrangler.jsonc.
export { default } from './router.js';
export { Session } from './session.js';
