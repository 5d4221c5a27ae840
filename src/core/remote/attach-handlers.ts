// The core's own answer to attach.* (issue 15). A console whose host offers attaching (the desktop,
// the personal headless console) puts an AttachSwitch in front of the core, which answers these
// itself; a core reached directly is an ops server, which watches the fleet and attaches nowhere.
import { AppError, type Handlers } from '../router';

export function attachHandlers(): Pick<Handlers, 'attach.status' | 'attach.set'> {
  return {
    'attach.status': () => ({ mode: 'local', attachable: false, url: null, tunnelHost: null, connection: null, role: null, problem: null }),
    'attach.set': () => {
      throw new AppError('conflict', 'This console is an ops server: it watches the fleet itself and does not attach to another one.');
    },
  };
}
