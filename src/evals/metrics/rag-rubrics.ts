// The rubrics the RAG judge metrics send, written after the definitions of RAGAS (Es et al.,
// "RAGAS: Automated Evaluation of Retrieval Augmented Generation", EACL 2024 demos; docs.ragas.io
// 0.2/0.3 "Available metrics": Faithfulness, LLMContextPrecisionWithReference /
// WithoutReference, LLMContextRecall, ResponseRelevancy). Each asks for one JSON object so the
// verdict is read, never guessed. The README's evaluation section reproduces them.
import { numberedPassages, type Passage } from './rag-passages.js';

export function faithfulnessTask(question: string, contexts: readonly Passage[], answer: string): string {
  return [
    '## Task',
    'Break the answer into atomic, self-contained claims (one fact each, pronouns resolved; leave out greetings, questions and hedges that state no fact). ' +
      'For each claim decide whether it can be directly inferred from the context: "supported": true only when the context states or directly implies it; ' +
      'false when the context contradicts it or does not mention it. Do not use outside knowledge.',
    `## Question\n${question}`,
    `## Context\n${numberedPassages(contexts)}`,
    `## Answer\n${answer}`,
    'Answer with one JSON object and nothing else: {"claims": [{"claim": "<claim>", "supported": true|false}]} (an empty list when the answer makes no factual claim).',
  ].join('\n\n');
}

export function contextRecallTask(question: string, contexts: readonly Passage[], reference: string): string {
  return [
    '## Task',
    'Break the reference answer into atomic, self-contained claims. For each claim decide whether it can be attributed to the retrieved context: ' +
      '"attributed": true when the context contains the information the claim states, false otherwise. Do not use outside knowledge.',
    `## Question\n${question}`,
    `## Retrieved context\n${numberedPassages(contexts)}`,
    `## Reference answer\n${reference}`,
    'Answer with one JSON object and nothing else: {"claims": [{"claim": "<claim>", "attributed": true|false}]}.',
  ].join('\n\n');
}

export function contextPrecisionTask(question: string, contexts: readonly Passage[], answer: string, answerIsReference: boolean): string {
  const which = answerIsReference ? 'reference answer' : 'answer';
  return [
    '## Task',
    `For each numbered context, decide whether it was useful in arriving at the ${which} to the question: "useful": true when it contains information the ${which} relies on, false otherwise.`,
    `## Question\n${question}`,
    `## Contexts\n${numberedPassages(contexts)}`,
    `## ${answerIsReference ? 'Reference answer' : 'Answer'}\n${answer}`,
    `Answer with one JSON object and nothing else, one verdict per context in order: {"verdicts": [{"context": 1, "useful": true|false}, …, {"context": ${contexts.length}, "useful": true|false}]}.`,
  ].join('\n\n');
}

export function answerRelevancyTask(answer: string, questions: number): string {
  return [
    '## Task',
    `Write ${questions} different questions that the answer below would be a complete and direct response to. ` +
      'Also say whether the answer is noncommittal: "noncommittal": true when it is evasive, vague or declines to answer (for example "I don\'t know"), false otherwise.',
    `## Answer\n${answer}`,
    `Answer with one JSON object and nothing else: {"questions": ["<question>", …], "noncommittal": true|false}.`,
  ].join('\n\n');
}
