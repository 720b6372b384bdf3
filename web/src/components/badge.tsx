// Coloured labels for states: a glance tells good from bad.
const TONES: Record<string, string> = {
  ok: 'good', succeeded: 'good', production: 'good', pass: 'good', passed: 'good', resolved: 'good', active: 'good', completed: 'good',
  error: 'bad', failed: 'bad', completed_with_errors: 'bad', firing: 'bad', fail: 'bad', retired: 'bad', revoked: 'bad', rolled_back: 'bad',
  running: 'info', staging: 'info', queued: 'muted', candidate: 'muted', pending: 'muted',
  deprecated: 'warn', warn: 'warn', warning: 'warn', cancelled: 'warn', paused: 'warn',
};

export function Badge({ value, tone }: { value: string; tone?: 'good' | 'bad' | 'warn' | 'info' | 'muted' }) {
  return <span className={`badge badge-${tone ?? TONES[value] ?? 'muted'}`}>{value}</span>;
}
