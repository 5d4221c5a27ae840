// Which session keys the console takes from a gateway. OpenClaw builds keys from agent ids, channel
// names and peer ids (`agent:main:whatsapp:direct:+15551234567`, Matrix `!room:server`, emails), so
// every printable key is accepted: no whitespace, control characters or markup/quote characters
// (which no key shape uses), at most 512 characters.
// Keys are client identities: outside the window they travel as pseudonyms (see pseudonyms.ts).
export const SESSION_KEY = /^[^\s<>"'`\\\u0000-\u001f\u007f-\u009f]{1,512}$/;

export const isSessionKey = (v: unknown): v is string => typeof v === 'string' && SESSION_KEY.test(v);
