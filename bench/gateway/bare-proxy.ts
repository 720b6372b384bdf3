// The floor the gateway is measured against: a bare node:http proxy that parses the request JSON,
// forwards it to the upstream and parses and re-serialises the answer, either over a keep-alive
// http.Agent (PROXY_MODE=agent) or through global fetch (PROXY_MODE=fetch). Prints its URL as JSON.
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

const upstream = new URL(`${process.env.MOCK_URL ?? ''}/chat/completions`);
const mode = process.env.PROXY_MODE === 'fetch' ? 'fetch' : 'agent';
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function viaAgent(body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(upstream, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 502, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function viaFetch(body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, text: await response.text() };
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (d: Buffer) => chunks.push(d));
  req.on('end', async () => {
    try {
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { model: string };
      const answer = await (mode === 'fetch' ? viaFetch : viaAgent)(JSON.stringify(parsed));
      const out = JSON.stringify(JSON.parse(answer.text));
      res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
      res.end(out);
    } catch (error) {
      res.writeHead(502).end(String(error));
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
