// Lets plain Node run the core's TypeScript sources for in-process benchmarks: the sources import
// siblings without an extension (the bundler resolves them), so try "<specifier>.ts" when Node cannot.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (err) {
      if (!specifier.startsWith('.')) throw err;
      return next(`${specifier}.ts`, context);
    }
  },
});
