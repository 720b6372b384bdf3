// The subset of OpenAI's fine-tuning API shapes the backend reads (files, jobs, job events).

export interface OpenAiFile {
  id: string;
  object: 'file';
  bytes: number;
  created_at: number;
  filename: string;
  purpose: string;
}

export const OPENAI_JOB_STATUSES = ['validating_files', 'queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type OpenAiJobStatus = (typeof OPENAI_JOB_STATUSES)[number];

export interface OpenAiFineTuningJob {
  id: string;
  object: 'fine_tuning.job';
  model: string;
  created_at: number;
  finished_at: number | null;
  fine_tuned_model: string | null;
  status: OpenAiJobStatus;
  training_file: string;
  trained_tokens: number | null;
  estimated_finish?: number | null;
  error: { code: string; message: string; param: string | null } | null;
  seed?: number;
  method?: { type: 'supervised' | 'dpo'; [key: string]: unknown };
}

export interface OpenAiFineTuningEvent {
  id: string;
  object: 'fine_tuning.job.event';
  created_at: number;
  level: 'info' | 'warn' | 'error';
  message: string;
  type?: 'message' | 'metrics';
  data?: { step?: number; total_steps?: number; train_loss?: number; [key: string]: unknown } | null;
}

export interface OpenAiList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
}
