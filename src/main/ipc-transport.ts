// Carries the console contract over Electron IPC: one invoke channel, one event channel.
import type { IpcMain, WebContents } from 'electron';
import type { ConsoleEndpoint } from '../core/core-options';
import type { Logger } from '../core/log';
import { IPC_EVENT, IPC_INVOKE } from '../shared/contract';
import { fail } from '../shared/result';
import { isTrustedSender } from './security';

export function registerIpc(ipcMain: IpcMain, core: ConsoleEndpoint, windows: () => WebContents[], logger: Logger): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, method: unknown, payload: unknown) => {
    if (!isTrustedSender(event.senderFrame)) {
      logger.warn('ipc refused from untrusted frame', { url: event.senderFrame?.url ?? '' });
      return fail('unauthorized', 'Refused: not the Yardmaster window.');
    }
    return core.router.dispatch(method, payload);
  });
  const unsubscribe = core.events.on((topic, data) => {
    for (const wc of windows()) if (!wc.isDestroyed()) wc.send(IPC_EVENT, topic, data);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_INVOKE);
  };
}
