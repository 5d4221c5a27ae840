// The registry's per-server mutex (one implementation for the whole core); this name is kept for
// the module's own tests and fallbacks.
export { LocalServerMutex as InMemoryServerMutex, MutexBusyError, type ServerMutex } from '../registry/server-mutex';
