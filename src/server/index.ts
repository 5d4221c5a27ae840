// Headless entry (out/main/headless.js), kept for `npm run start:headless`: the `yardmaster` command.
import { main } from './cli';

void main(process.argv.slice(2), __dirname);
