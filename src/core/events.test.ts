// The window event bus: a failing listener is logged and counted (defect 4), the others still hear.
import { describe, expect, it } from 'vitest';
import { EventHub } from './events';
import { createMemoryLogger } from './log';

describe('event hub', () => {
  it('logs and counts a listener that throws, and still delivers to the others', () => {
    const logger = createMemoryLogger();
    const hub = new EventHub(logger);
    const heard: string[] = [];
    hub.on(() => {
      throw new TypeError('window gone');
    });
    hub.on((topic) => heard.push(topic));
    hub.emit('servers.changed', { ids: ['a'] });
    expect(heard).toEqual(['servers.changed']);
    expect(hub.listenerFailures()).toBe(1);
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'error', msg: 'event listener failed', fields: expect.objectContaining({ topic: 'servers.changed' }) }));
  });
});
