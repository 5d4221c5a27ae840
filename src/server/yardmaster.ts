// The `yardmaster` command's bundle (out/main/yardmaster.js), run by bin/yardmaster.mjs.
import { main } from './cli';

void main(process.argv.slice(2), __dirname);
