// ssh2 is CommonJS whose exports Node cannot list for `import { Client } from 'ssh2'`; the bundler
// copes, plain Node does not. bench/ts-resolve.mjs points the core's ssh2 imports here.
import { createRequire } from 'node:module';

const ssh2 = createRequire(import.meta.url)('ssh2');
export const { Client, Server, utils, HTTPAgent, HTTPSAgent } = ssh2;
export default ssh2;
