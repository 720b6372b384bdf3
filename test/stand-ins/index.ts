// Local HTTP stand-ins for the cloud APIs Steward's providers call (OpenAI, Anthropic, Gemini),
// answering from recorded response shapes and able to fail, hang or break streams on demand.
export {
  startStandIn,
  type StandIn,
  type StandInBehaviour,
  type StandInOptions,
  type RecordedRequest,
  type OutgoingEvent,
  type StandInReply,
  type StandInFamily,
} from './stand-in-server.js';
export { startOpenAiStandIn } from './openai-stand-in.js';
export { startAnthropicStandIn } from './anthropic-stand-in.js';
export { startGeminiStandIn } from './gemini-stand-in.js';
