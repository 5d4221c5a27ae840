// Typed event hub: core emits, hosts (IPC, WebSocket) forward to windows.
import type { EventPayloads, EventTopic } from '../shared/contract';

export type EventListener = <T extends EventTopic>(topic: T, data: EventPayloads[T]) => void;

export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<T extends EventTopic>(topic: T, data: EventPayloads[T]): void {
    for (const listener of this.listeners) {
      try {
        listener(topic, data);
      } catch {
        // One broken window connection must not stop the others from hearing about the fleet.
      }
    }
  }

  /** Returns an unsubscribe function. */
  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
