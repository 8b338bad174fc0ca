// "edited just now", "edited 5 minutes ago", … for the library list.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function editedAgo(updatedAt: string, now: Date): string {
  const then = new Date(updatedAt);
  const elapsed = now.getTime() - then.getTime();
  if (Number.isNaN(elapsed)) return 'edited at an unknown time';
  if (elapsed < MINUTE) return 'edited just now';
  if (elapsed < HOUR) return plural(Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return plural(Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < 2 * DAY) return 'edited yesterday';
  if (elapsed < 7 * DAY) return plural(Math.floor(elapsed / DAY), 'day');
  return `edited ${then.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })}`;
}

function plural(n: number, unit: string): string {
  return `edited ${n} ${unit}${n === 1 ? '' : 's'} ago`;
}
