// Reports live as one JSON file each under <data dir>/reports, readable only by the console's user.
// Writes go to a temporary file first and are renamed into place, so a crash never leaves half a report.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_SCHEMA_VERSION, type IncidentReport, type ReportListItem } from '../../shared/incident-report';

const ID = /^[0-9a-f-]{36}$/;

export class ReportFiles {
  constructor(private readonly dir: string) {}

  private path(id: string): string {
    // Ids are ours (UUIDs); anything else could walk out of the folder.
    if (!ID.test(id)) throw new Error('not a report id');
    return join(this.dir, `${id}.json`);
  }

  save(report: IncidentReport): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const target = this.path(report.id);
    const tmp = `${target}.tmp`;
    writeFileSync(tmp, JSON.stringify(report), { mode: 0o600 });
    renameSync(tmp, target);
  }

  get(id: string): IncidentReport | null {
    if (!ID.test(id)) return null;
    try {
      const parsed = JSON.parse(readFileSync(this.path(id), 'utf8')) as IncidentReport;
      return parsed.schemaVersion === REPORT_SCHEMA_VERSION ? parsed : null;
    } catch {
      return null;
    }
  }

  remove(id: string): boolean {
    if (!ID.test(id) || !this.get(id)) return false;
    rmSync(this.path(id), { force: true });
    return true;
  }

  list(): ReportListItem[] {
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((n) => n.endsWith('.json'));
    } catch {
      return [];
    }
    const out: ReportListItem[] = [];
    for (const name of names) {
      const r = this.get(name.slice(0, -5));
      if (!r) continue;
      out.push({
        id: r.id,
        title: r.human.title,
        status: r.status,
        severity: r.severity,
        startedAt: r.startedAt,
        resolvedAt: r.resolvedAt,
        updatedAt: r.updatedAt,
        serversAffected: r.impact.serversAffected,
        originAlertId: 'alertId' in r.origin ? r.origin.alertId : null,
      });
    }
    return out.sort((a, b) => b.startedAt - a.startedAt);
  }
}
