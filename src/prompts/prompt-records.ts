// What the prompt service returns, mapped from rows.
import type { PromptLabelHistoryTable, PromptVersionsTable, PromptsTable } from '../store/index.js';
import { fromJsonColumn } from '../store/index.js';
import type { PromptDefinition, PromptExample, PromptKind, PromptMessage, PromptParams, PromptTemplate, PromptVariable } from './prompt-definition.js';

export interface PromptRecord {
  id: string;
  name: string;
  description: string;
  /** label → version number. */
  labels: Record<string, number>;
  latestVersion: number;
  createdAt: string;
  updatedAt: string;
}

export interface PromptVersionRecord {
  id: string;
  prompt: string;
  version: number;
  kind: PromptKind;
  template: PromptTemplate;
  variables: PromptVariable[];
  examples: PromptExample[];
  params: PromptParams;
  model: string | null;
  message: string;
  labels: string[];
  createdAt: string;
  createdBy: string | null;
}

export interface LabelMove {
  label: string;
  from: number | null;
  to: number | null;
  at: string;
  actor: { id: string | null; name: string };
  reason: string;
}

/** A rendered prompt: the messages and which version made them (traces record versionId). */
export interface RenderedPrompt {
  prompt: string;
  version: number;
  versionId: string;
  label: string | null;
  messages: PromptMessage[];
  params: PromptParams;
  model: string | null;
}

const iso = (ms: number) => new Date(Number(ms)).toISOString();

export function toPromptRecord(row: PromptsTable, labels: Record<string, number>): PromptRecord {
  return { id: row.id, name: row.name, description: row.description, labels, latestVersion: Number(row.last_version), createdAt: iso(row.created_at), updatedAt: iso(row.updated_at) };
}

export function definitionOf(row: PromptVersionsTable): PromptDefinition {
  return {
    kind: row.kind as PromptKind,
    template: fromJsonColumn<PromptTemplate>(row.template_json, { text: '' }),
    variables: fromJsonColumn<PromptVariable[]>(row.variables_json, []),
    examples: fromJsonColumn<PromptExample[]>(row.examples_json, []),
    params: fromJsonColumn<PromptParams>(row.params_json, {}),
    model: row.model ?? undefined,
    message: row.message,
  };
}

export function toPromptVersion(row: PromptVersionsTable, prompt: string, labels: string[]): PromptVersionRecord {
  const d = definitionOf(row);
  return {
    id: row.id,
    prompt,
    version: Number(row.version),
    kind: d.kind,
    template: d.template,
    variables: d.variables,
    examples: d.examples,
    params: d.params,
    model: row.model,
    message: row.message,
    labels,
    createdAt: iso(row.created_at),
    createdBy: row.created_by,
  };
}

export function toLabelMove(row: PromptLabelHistoryTable): LabelMove {
  return {
    label: row.label,
    from: row.from_version === null ? null : Number(row.from_version),
    to: row.to_version === null ? null : Number(row.to_version),
    at: iso(row.at),
    actor: { id: row.actor_id, name: row.actor_name },
    reason: row.reason,
  };
}
