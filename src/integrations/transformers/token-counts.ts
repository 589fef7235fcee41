/**
 * Token counts of a transformers.js call, read from the tensors its model is given and
 * returns: the prompt's tokens are the ones in the attention mask, the generated ones those
 * after the prompt up to and including the first end-of-sequence token (the rest of a row
 * is padding). The counts are kept for the span active when the model was called (the
 * pipeline call's), and read when that span ends.
 */
import { tokenUsage, type TokenUsage } from "../llm/token-usage.js";

interface TensorLike {
  readonly dims: readonly number[];
  readonly data: ArrayLike<number | bigint>;
}

/** The tokens counted for one pipeline call. */
export interface Counts {
  input: number;
  output: number;
}

const countsBySpan = new WeakMap<object, Counts>();

function isTensor(value: unknown): value is TensorLike {
  return typeof value === "object" && value !== null && Array.isArray((value as TensorLike).dims) && typeof (value as TensorLike).data?.length === "number";
}

/** The tokens a 0/1 attention mask lets through. */
function maskedTokens(mask: TensorLike): number {
  let total = 0;
  for (let i = 0; i < mask.data.length; i++) total += Number(mask.data[i]);
  return total;
}

function idSet(value: unknown): Set<number> {
  const ids = Array.isArray(value) ? value : [value];
  return new Set(ids.filter((id): id is number => typeof id === "number"));
}

/** Generated tokens in each row of `output` from column `start`, up to and including the first end token. */
function generatedTokens(output: TensorLike, start: number, endIds: Set<number>): number {
  const [rows = 0, columns = 0] = output.dims;
  let total = 0;
  for (let row = 0; row < rows; row++) {
    for (let column = start; column < columns; column++) {
      total++;
      if (endIds.has(Number(output.data[row * columns + column]))) break;
    }
  }
  return total;
}

/** The counts kept for `span` (the LLM span active when the model ran), made on first use. */
export function countsOf(span: object): Counts {
  let counts = countsBySpan.get(span);
  if (counts === undefined) countsBySpan.set(span, (counts = { input: 0, output: 0 }));
  return counts;
}

/** The usage counted for `span`, if its model reported any tokens. */
export function countedUsage(span: object): TokenUsage | undefined {
  const counts = countsBySpan.get(span);
  if (counts === undefined || (counts.input === 0 && counts.output === 0)) return undefined;
  return tokenUsage({ input: counts.input, output: counts.output });
}

interface ModelConfig {
  is_encoder_decoder?: unknown;
  eos_token_id?: unknown;
}

/** Counts a `model.generate(...)` call: its prompt (attention mask) and what it generated. */
export function countGeneration(counts: Counts, model: { config?: ModelConfig; generation_config?: ModelConfig }, request: unknown, output: unknown): void {
  if (!isTensor(output)) return;
  const mask = (request as { attention_mask?: unknown } | undefined)?.attention_mask;
  const inputIds = (request as { input_ids?: unknown; inputs?: unknown } | undefined)?.input_ids ?? (request as { inputs?: unknown } | undefined)?.inputs;
  if (isTensor(mask)) counts.input += maskedTokens(mask);
  else if (isTensor(inputIds)) counts.input += inputIds.data.length;
  const encoderDecoder = model.config?.is_encoder_decoder === true;
  // A decoder-only model returns the prompt followed by the new tokens; an encoder-decoder
  // model only the new ones, after its decoder start token.
  const start = encoderDecoder ? 1 : isTensor(inputIds) ? (inputIds.dims[1] ?? 0) : 0;
  const endIds = idSet(model.generation_config?.eos_token_id ?? model.config?.eos_token_id);
  counts.output += generatedTokens(output, start, endIds);
}

/** Counts a forward pass outside generation (an encoder's, for embeddings): the tokens it was given. */
export function countForward(counts: Counts, request: unknown): void {
  const mask = (request as { attention_mask?: unknown } | undefined)?.attention_mask;
  if (isTensor(mask)) counts.input += maskedTokens(mask);
}
