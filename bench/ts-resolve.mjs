// Lets plain Node run the core's TypeScript sources for in-process benchmarks: the sources import
// siblings without an extension (the bundler resolves them), so try "<specifier>.ts" when Node cannot.
// ssh2 (CommonJS without listable named exports) is served through bench/ssh2-named.mjs.
import { registerHooks } from 'node:module';
import { URL } from 'node:url';

const SSH2_NAMED = new URL('./ssh2-named.mjs', import.meta.url).href;

registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'ssh2' && context.parentURL !== SSH2_NAMED) return { url: SSH2_NAMED, shortCircuit: true };
    try {
      return next(specifier, context);
    } catch (err) {
      if (!specifier.startsWith('.')) throw err;
      return next(`${specifier}.ts`, context);
    }
  },
});
