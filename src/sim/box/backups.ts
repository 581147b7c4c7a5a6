// The barman catalog of base backups and the WAL position, shared by the CNPG Backup controller and the
// `barman` commands in data/barman-0.
import { DAY, HOUR, MINUTE, int } from './util.js';

export interface BackupRecord {
  /** barman's backup id, a compact timestamp: 20261123T020001 */
  id: string;
  startedAt: Date;
  stoppedAt: Date;
  beginWal: string;
  endWal: string;
  beginLsn: string;
  endLsn: string;
  sizeBytes: number;
  walBytes: number;
}

const SEGMENT = 0x1000000;

export function compactStamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '');
}

export function lsnText(pos: number): string {
  const hi = Math.floor(pos / 2 ** 32);
  const lo = pos % 2 ** 32;
  return `${hi.toString(16).toUpperCase()}/${lo.toString(16).toUpperCase().padStart(8, '0')}`;
}

export function walName(pos: number, timeline = 1): string {
  const hi = Math.floor(pos / 2 ** 32);
  const seg = Math.floor((pos % 2 ** 32) / SEGMENT);
  const h = (n: number) => n.toString(16).toUpperCase().padStart(8, '0');
  return `${h(timeline)}${h(hi)}${h(seg)}`;
}

export class BackupCatalog {
  readonly records: BackupRecord[] = [];
  /** The current WAL write position (bytes). */
  position = 0xa_3c00_0000;

  /** Thirty days of nightly backups at 02:00 UTC, oldest first. */
  seed(now: Date): void {
    const start = new Date(now.getTime() - 30 * DAY);
    start.setUTCHours(2, 0, int(1, 20), 0);
    let pos = this.position - 31 * 24 * SEGMENT * 2;
    for (let t = start.getTime(); t < now.getTime(); t += DAY) {
      pos += int(40, 56) * SEGMENT;
      this.records.push(this.make(new Date(t), new Date(t + int(95, 160) * 1000), pos));
    }
    this.position = pos + Math.floor(((now.getTime() - this.records.at(-1)!.stoppedAt.getTime()) / HOUR) * 2 * SEGMENT);
  }

  private make(started: Date, stopped: Date, pos: number): BackupRecord {
    const begin = pos + 0x28;
    const end = pos + SEGMENT + int(0x100, 0xfff000);
    return {
      id: compactStamp(started),
      startedAt: started,
      stoppedAt: stopped,
      beginWal: walName(begin),
      endWal: walName(end),
      beginLsn: lsnText(begin),
      endLsn: lsnText(end),
      sizeBytes: int(2_150, 2_400) * 1024 * 1024 + int(0, 999_999),
      walBytes: int(300, 700) * 1024 * 1024,
    };
  }

  /** Advance the WAL position a little (time passes, writes happen). */
  tick(): void {
    this.position += int(1, 64) * 8192;
  }

  /** Start a new backup now: the record is added when `finish` is called. */
  begin(now: Date): { id: string; beginLsn: string; beginWal: string; finish(at: Date): BackupRecord } {
    this.position = (Math.floor(this.position / SEGMENT) + 1) * SEGMENT;
    const rec = this.make(now, now, this.position);
    return {
      id: rec.id,
      beginLsn: rec.beginLsn,
      beginWal: rec.beginWal,
      finish: (at: Date) => {
        rec.stoppedAt = at;
        this.position = (Math.floor(this.position / SEGMENT) + 2) * SEGMENT;
        this.records.push(rec);
        // retention: RECOVERY WINDOW OF 30 DAYS, keeping at least the minimum redundancy of 7
        while (this.records.length > 7 && this.records[1]!.stoppedAt.getTime() < at.getTime() - 30 * DAY) this.records.shift();
        return rec;
      },
    };
  }

  get first(): BackupRecord | undefined {
    return this.records[0];
  }

  get last(): BackupRecord | undefined {
    return this.records.at(-1);
  }

  /** Minutes of WAL since the last backup, for `barman status`. */
  minutesSinceLast(now: Date): number {
    const l = this.last;
    return l ? Math.round((now.getTime() - l.stoppedAt.getTime()) / MINUTE) : 0;
  }
}
