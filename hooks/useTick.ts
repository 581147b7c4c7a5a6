// A clock that changes only on `periodMs` boundaries (the top bar's HH:MM every minute, ages every 10 s), so an
// idle screen re-renders, and writes, nothing in between.
import { useEffect, useState } from 'react';

export function useTick(periodMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: NodeJS.Timeout;
    const schedule = () => {
      const wait = periodMs - (Date.now() % periodMs) + 5;
      timer = setTimeout(() => {
        setNow(Date.now());
        schedule();
      }, wait);
      timer.unref?.();
    };
    schedule();
    return () => clearTimeout(timer);
  }, [periodMs]);
  return now;
}
