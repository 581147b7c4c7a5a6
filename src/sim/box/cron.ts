// Cron schedules as the Box's schedulers read them.

/** The next time a six-field cron schedule (sec min hour dom month dow) fires; numbers or '*' only. */
export function nextRun(schedule: string, from: Date): Date | undefined {
  const f = schedule.trim().split(/\s+/);
  if (f.length !== 6) return undefined;
  const [sec, min, hour] = f.map((x) => (x === '*' ? undefined : Number(x)));
  if ([sec, min, hour].some((x) => x !== undefined && !Number.isInteger(x))) return undefined;
  const d = new Date(from.getTime() + 1000);
  d.setUTCMilliseconds(0);
  for (let i = 0; i < 2 * 24 * 60 * 60; i++) {
    if ((sec === undefined || d.getUTCSeconds() === sec) && (min === undefined || d.getUTCMinutes() === min) && (hour === undefined || d.getUTCHours() === hour)) return d;
    // jump whole minutes or hours when the seconds or minutes cannot match any more
    if (sec !== undefined && d.getUTCSeconds() !== sec) d.setUTCSeconds(d.getUTCSeconds() < sec ? sec : 60 + sec);
    else if (min !== undefined && d.getUTCMinutes() !== min) d.setUTCMinutes(d.getUTCMinutes() < min ? min : 60 + min, sec ?? 0);
    else d.setUTCHours(d.getUTCHours() + 1, min ?? 0, sec ?? 0);
  }
  return undefined;
}
