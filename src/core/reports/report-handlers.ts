// Console API handlers for incident reports; the composition root spreads them into the router.
import { AppError, type Handlers } from '../router';
import { ReportInputError, type ReportService } from './report-service';

type ReportMethods = 'reports.list' | 'reports.get' | 'reports.create' | 'reports.update' | 'reports.refresh' | 'reports.remove' | 'reports.export';

/** Expected failures (unknown id, empty scope, no PDF engine) reach the window as plain sentences. */
async function clearly<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ReportInputError) throw new AppError(/^No (report|server|alert)/.test(err.message) ? 'not-found' : 'invalid-input', err.message);
    throw err;
  }
}

export function reportHandlers(reports: ReportService): Pick<Handlers, ReportMethods> {
  return {
    'reports.list': () => reports.list(),
    'reports.get': ({ id }) => clearly(() => reports.get(id)),
    'reports.create': (input) => clearly(() => reports.create(input)),
    'reports.update': ({ id, human, status }) => clearly(() => reports.update(id, human, status)),
    'reports.refresh': ({ id }) => clearly(() => reports.refresh(id)),
    'reports.remove': ({ id }) =>
      clearly(() => {
        if (!reports.remove(id)) throw new ReportInputError('No report with that id.');
        return { removed: true as const };
      }),
    'reports.export': ({ id, format, paper }) => clearly(() => reports.export(id, format, paper)),
  };
}
