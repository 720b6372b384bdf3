// Progress of long work (training, evaluation runs, rollouts): a bar, the fraction and what remains.
import { formatDuration } from './format';

export function ProgressBar({ value, label, etaSeconds, state }: { value: number; label?: string; etaSeconds?: number | null; state?: string }) {
  const fraction = Math.min(Math.max(Number.isFinite(value) ? value : 0, 0), 1);
  const percent = Math.round(fraction * 100);
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={label ?? 'progress'}>
      <div className="progress-track">
        <div className={`progress-fill ${state ? `progress-${state}` : ''}`} style={{ width: `${percent}%` }} />
      </div>
      <span className="progress-text">
        {percent}%{etaSeconds !== undefined && etaSeconds !== null && fraction < 1 ? ` · ${formatDuration(etaSeconds)} left` : ''}
      </span>
    </div>
  );
}
