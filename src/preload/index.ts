// Sandboxed preload: exposes exactly two functions and never hands Electron objects (such as the
// IpcRendererEvent) to page code. Imports only 'electron' and a type; bundled as one CJS file.
import { contextBridge, ipcRenderer } from 'electron';
import type { Bridge } from '../shared/contract';

// Channel names are repeated here (not imported) so the bundle stays a single dependency-free file.
const IPC_INVOKE = 'yardmaster:invoke';
const IPC_EVENT = 'yardmaster:event';

const bridge: Bridge = {
  invoke: (method, payload) => ipcRenderer.invoke(IPC_INVOKE, String(method), payload),
  subscribe: (topic, listener) => {
    const handler = (_event: unknown, eventTopic: unknown, data: unknown) => {
      if (eventTopic === topic) listener(data);
    };
    ipcRenderer.on(IPC_EVENT, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, handler);
    };
  },
};

contextBridge.exposeInMainWorld('yardmaster', bridge);
