// A mock OpenAI upstream for the gateway benchmark: a chat completion after a fixed delay, or a
// stream of chunks spread over the same delay. Prints its URL as one JSON line.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const DELAY_MS = Number(process.env.MOCK_DELAY_MS ?? 20);
const completion = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'bench-model',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello from the mock upstream.' }, finish_reason: 'stop', logprobs: null }],
  usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 },
});
const chunk = (content: string | null, finish: string | null, usage = false) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'bench-model',
    choices: usage ? [] : [{ index: 0, delta: content === null ? {} : { content }, finish_reason: finish }],
    ...(usage ? { usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 } } : {}),
  })}\n\n`;

const server = createServer((req, res) => {
  const body: Buffer[] = [];
  req.on('data', (d: Buffer) => body.push(d));
  req.on('end', () => {
    const stream = Buffer.concat(body).includes('"stream":true');
    if (!stream) {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(completion) });
        res.end(completion);
      }, DELAY_MS);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const parts = ['Hello', ' from', ' the', ' mock', ' upstream.'];
    let i = 0;
    const step = DELAY_MS / parts.length;
    const timer = setInterval(() => {
      if (i < parts.length) res.write(chunk(parts[i++], null));
      else {
        clearInterval(timer);
        res.write(chunk(null, 'stop'));
        res.write(chunk(null, null, true));
        res.end('data: [DONE]\n\n');
      }
    }, step);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}/v1` })}\n`);
});
