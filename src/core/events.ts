// Typed event hub: core emits, hosts (IPC, WebSocket) forward to windows. Only windows listen here:
// domain steps (history, session health, alerts) run in the snapshot pipeline, never as listeners.
import type { EventPayloads, EventTopic } from '../shared/contract';
import type { Logger } from './log';

export type EventListener = <T extends EventTopic>(topic: T, data: EventPayloads[T]) => void;

export class EventHub {
  private readonly listeners = new Set<EventListener>();
  private failures = 0;

  constructor(private readonly logger?: Logger) {}

  emit<T extends EventTopic>(topic: T, data: EventPayloads[T]): void {
    for (const listener of this.listeners) {
      try {
        listener(topic, data);
      } catch (err) {
        // One broken window connection must not stop the others from hearing about the fleet, but a
        // failure is never silent.
        this.failures++;
        this.logger?.error('event listener failed', { topic, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
      }
    }
  }

  /** Listener errors since start (shown in console health). */
  listenerFailures(): number {
    return this.failures;
  }

  /** Returns an unsubscribe function. */
  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
