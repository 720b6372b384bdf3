// Playground: chat with any route, registry model or version this key may call (from /v1/models),
// streamed through the gateway like any client, with a system prompt, sampling parameters and the
// variables of a route's bound prompt. Each answer links to its trace, and a developer can save
// the exchange as an item of a dataset (a new version whose item names the trace).
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { api, storedKey } from '../api/api-client';
import type { CreatedDatasetVersion, Dataset, List, Prompt, PromptVersion, Route, Trace } from '../api/api-types';
import { type ChatMessage, chat } from '../api/chat-stream';
import { useCapabilities } from '../api/capabilities';
import { useRole } from '../api/role';
import { useApi } from '../api/use-api';
import { Card, PageHeader } from '../components/card';
import { Id } from '../components/copy-button';
import { ErrorNotice, Loading } from '../components/notices';
import { href } from '../router/hash-route';
import type { PageProps } from './page-list';

/** An entry of /v1/models (OpenAI's wire format, which the SDK leaves untyped). */
interface ModelEntry {
  id: string;
  owned_by?: string;
}

interface Exchange {
  id: number;
  messages: ChatMessage[];
  answer: string;
  traceId: string | null;
  model: string;
  usage: { prompt_tokens: number; completion_tokens: number } | null;
  error?: string;
}

export function PlaygroundPage(_props: PageProps) {
  const capabilities = useCapabilities();
  const { can } = useRole();
  const hasKey = storedKey() !== null;
  const models = useApi<List<ModelEntry>>(hasKey ? '/v1/models' : null);
  const routes = useApi<List<Route>>(capabilities.has('/api/routes') ? '/api/routes' : null);
  const [model, setModel] = useState('');
  const [system, setSystem] = useState('');
  const [input, setInput] = useState('');
  const [temperature, setTemperature] = useState('');
  const [maxTokens, setMaxTokens] = useState('256');
  const [topP, setTopP] = useState('');
  const [stream, setStream] = useState(true);
  const [variables, setVariables] = useState<Record<string, string>>({});
  const [history, setHistory] = useState<Exchange[]>([]);
  const [streaming, setStreaming] = useState<string | null>(null);
  const [error, setError] = useState<Error | undefined>();
  const abort = useRef<AbortController | null>(null);
  const nextId = useRef(0);

  const chosen = model || models.data?.data[0]?.id || '';
  const route = routes.data?.data.find((entry) => entry.name === chosen);
  const promptRef = route?.config.prompt ?? null;
  const prompt = useApi<Prompt>(promptRef ? `/api/prompts/${encodeURIComponent(promptRef.name)}` : null);
  const promptVersion = promptRef?.version ?? (prompt.data ? (prompt.data.labels[promptRef?.label ?? 'production'] ?? prompt.data.latestVersion) : null);
  const bound = useApi<PromptVersion>(promptRef && promptVersion ? `/api/prompts/${encodeURIComponent(promptRef.name)}/versions/${promptVersion}` : null);
  const grouped = useMemo(() => groupModels(models.data?.data ?? [], new Set((routes.data?.data ?? []).map((entry) => entry.name))), [models.data, routes.data]);

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!input.trim() || !chosen) return;
    setError(undefined);
    const previous = history.filter((exchange) => !exchange.error && exchange.model === chosen).flatMap((exchange) => [...exchange.messages.filter((message) => message.role !== 'system'), { role: 'assistant' as const, content: exchange.answer }]);
    const messages: ChatMessage[] = [...(system.trim() ? [{ role: 'system' as const, content: system.trim() }] : []), ...previous.slice(-20), { role: 'user', content: input.trim() }];
    const controller = new AbortController();
    abort.current = controller;
    setStreaming('');
    try {
      const answer = await chat(
        {
          model: chosen,
          messages,
          stream,
          temperature: temperature === '' ? undefined : Number(temperature),
          top_p: topP === '' ? undefined : Number(topP),
          max_tokens: maxTokens === '' ? undefined : Number(maxTokens),
          variables: promptRef ? variables : undefined,
        },
        (text) => setStreaming(text),
        controller.signal,
      );
      setHistory((list) => [...list, { id: nextId.current++, messages, answer: answer.content, traceId: answer.traceId, model: chosen, usage: answer.usage }]);
      setInput('');
    } catch (caught) {
      const failure = caught instanceof Error ? caught : new Error(String(caught));
      setHistory((list) => [...list, { id: nextId.current++, messages, answer: '', traceId: null, model: chosen, usage: null, error: failure.message }]);
    } finally {
      setStreaming(null);
      abort.current = null;
    }
  }

  if (!hasKey) {
    return (
      <>
        <PageHeader title="Playground" />
        <div className="notice notice-warn" role="alert">
          The playground calls the gateway (/v1), which takes API keys only. Sign out and sign in with a key to use it.
        </div>
      </>
    );
  }

  return (
    <>
      <PageHeader title="Playground" subtitle="Chat through the gateway as a client would: every answer is a trace." />
      <ErrorNotice error={models.error ?? error} />
      {!models.data ? (
        <Loading error={models.error} />
      ) : (
        <div className="playground">
          <Card title="Settings">
            <div className="stack">
              <label className="field">
                Route, model or version
                <select aria-label="Model" value={chosen} onChange={(event) => setModel(event.target.value)}>
                  {grouped.map(([group, entries]) => (
                    <optgroup key={group} label={group}>
                      {entries.map((entry) => (
                        <option key={entry.id} value={entry.id}>
                          {entry.id}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              </label>
              <label className="field">
                System prompt
                <textarea aria-label="System prompt" rows={3} value={system} onChange={(event) => setSystem(event.target.value)} placeholder="You are a helpful support assistant." />
              </label>
              <div className="row">
                <label className="field">
                  Temperature
                  <input aria-label="Temperature" type="number" min={0} max={2} step={0.1} value={temperature} onChange={(event) => setTemperature(event.target.value)} placeholder="default" style={{ width: 90 }} />
                </label>
                <label className="field">
                  Max tokens
                  <input aria-label="Max tokens" type="number" min={1} value={maxTokens} onChange={(event) => setMaxTokens(event.target.value)} style={{ width: 90 }} />
                </label>
                <label className="field">
                  Top p
                  <input aria-label="Top p" type="number" min={0} max={1} step={0.05} value={topP} onChange={(event) => setTopP(event.target.value)} placeholder="default" style={{ width: 90 }} />
                </label>
              </div>
              <label className="row muted">
                <input type="checkbox" checked={stream} onChange={(event) => setStream(event.target.checked)} /> Stream the answer
              </label>
              {promptRef && (
                <div data-testid="bound-prompt">
                  <h3>
                    Bound prompt {promptRef.name}
                    {promptVersion ? ` v${promptVersion}` : ''}
                  </h3>
                  <ErrorNotice error={bound.error} />
                  {(bound.data?.variables ?? []).map((variable) => (
                    <label key={variable.name} className="field">
                      {variable.name}
                      {variable.description ? ` — ${variable.description}` : ''}
                      <input aria-label={`Variable ${variable.name}`} value={variables[variable.name] ?? ''} onChange={(event) => setVariables((values) => ({ ...values, [variable.name]: event.target.value }))} placeholder={variable.default === undefined ? 'required' : String(variable.default)} />
                    </label>
                  ))}
                  {bound.data && bound.data.variables.length === 0 && <div className="muted">This prompt has no variables.</div>}
                </div>
              )}
              <button type="button" className="button button-secondary" onClick={() => setHistory([])} disabled={!history.length}>
                Clear conversation
              </button>
            </div>
          </Card>
          <Card title={`Chat with ${chosen || '…'}`}>
            <div className="chat" role="log" aria-label="conversation">
              {history.length === 0 && streaming === null && <div className="empty">Send a message to start.</div>}
              {history.map((exchange) => (
                <ExchangeView key={exchange.id} exchange={exchange} canSave={can('developer') && capabilities.has('/api/datasets/{name}/from-traces', 'post')} />
              ))}
              {streaming !== null && (
                <>
                  <div className="chat-message chat-user">{input}</div>
                  <div className="chat-message chat-assistant" data-testid="streaming">
                    {streaming || '…'}
                  </div>
                </>
              )}
            </div>
            <form onSubmit={send} style={{ marginTop: 12, display: 'flex', flexDirection: 'column', gap: 8 }}>
              <textarea
                aria-label="Message"
                rows={3}
                value={input}
                onChange={(event) => setInput(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) void send(event);
                }}
                placeholder="Ask something… (Ctrl+Enter sends)"
              />
              <div className="row">
                <button type="submit" className="button" disabled={streaming !== null || !input.trim() || !chosen}>
                  Send
                </button>
                {streaming !== null && (
                  <button type="button" className="button button-secondary" onClick={() => abort.current?.abort()}>
                    Stop
                  </button>
                )}
              </div>
            </form>
          </Card>
        </div>
      )}
    </>
  );
}

function groupModels(models: ModelEntry[], routeNames: Set<string>): [string, ModelEntry[]][] {
  const groups: Record<string, ModelEntry[]> = { Routes: [], 'Registry models and versions': [], 'Provider models': [] };
  for (const entry of models) {
    if (routeNames.has(entry.id)) groups.Routes.push(entry);
    else if (entry.id.includes('/')) groups['Provider models'].push(entry);
    else groups['Registry models and versions'].push(entry);
  }
  return Object.entries(groups).filter(([, entries]) => entries.length > 0);
}

function ExchangeView({ exchange, canSave }: { exchange: Exchange; canSave: boolean }) {
  const question = exchange.messages[exchange.messages.length - 1]?.content ?? '';
  return (
    <>
      <div className="chat-message chat-user">{question}</div>
      {exchange.error ? (
        <div className="chat-message notice-bad" role="alert">
          {exchange.error}
        </div>
      ) : (
        <div className="chat-message chat-assistant" data-testid="answer">
          {exchange.answer}
        </div>
      )}
      <div className="row muted" style={{ fontSize: 12 }}>
        {exchange.traceId && (
          <>
            <a href={href('traces', exchange.traceId)}>Open trace</a>
            <Id value={exchange.traceId} short />
          </>
        )}
        {exchange.usage && <span>{`${exchange.usage.prompt_tokens} in · ${exchange.usage.completion_tokens} out`}</span>}
        {canSave && exchange.traceId && !exchange.error && <SaveToDataset traceId={exchange.traceId} model={exchange.model} />}
      </div>
    </>
  );
}

/** Appends the traced exchange to a dataset as a new version (input: the messages, reference: the answer, provenance: the trace). */
function SaveToDataset({ traceId, model }: { traceId: string; model: string }) {
  const datasets = useApi<List<Dataset>>('/api/datasets');
  const [dataset, setDataset] = useState('');
  const [state, setState] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    const name = dataset || datasets.data?.data[0]?.name;
    if (!name) return;
    setError(null);
    setState('saving…');
    try {
      // The trace reaches the store a moment after the answer: wait for it (a few seconds at most).
      let trace: Trace | null = null;
      for (let attempt = 0; attempt < 40 && !trace; attempt++) {
        trace = await api<Trace>(`/api/traces/${encodeURIComponent(traceId)}`).catch(() => null);
        if (!trace) await new Promise((resolve) => window.setTimeout(resolve, 250));
      }
      if (!trace) throw new Error('the trace is not stored yet; try again in a moment');
      const at = Date.parse(trace.createdAt);
      const created = await api<CreatedDatasetVersion>(`/api/datasets/${encodeURIComponent(name)}/from-traces`, {
        method: 'POST',
        body: { filter: { since: new Date(at).toISOString(), until: new Date(at + 1).toISOString(), requestedModel: model, limit: 1 }, append: true, message: `playground trace ${traceId}` },
      });
      setState(`saved to ${name} v${created.version.version}`);
    } catch (caught) {
      setState(null);
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }

  return (
    <span className="row" style={{ gap: 4 }}>
      <select aria-label="Dataset" value={dataset} onChange={(event) => setDataset(event.target.value)}>
        {(datasets.data?.data ?? []).map((entry) => (
          <option key={entry.name} value={entry.name}>
            {entry.name}
          </option>
        ))}
      </select>
      <button type="button" className="button button-secondary button-small" disabled={!datasets.data?.data.length || state === 'saving…'} onClick={save}>
        Save as dataset item
      </button>
      {state && <span data-testid="saved">{state}</span>}
      {error && <span className="text-bad">{error}</span>}
    </span>
  );
}
