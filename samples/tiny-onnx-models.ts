/**
 * Tiny transformers.js models written on the spot (the sample and the tests run offline): an ONNX
 * graph of one `Gather` over a weight table, with a word-level tokenizer over a few words.
 * - `tiny-gpt` (text generation): each token's logits peak at the next word of the chain
 *   hello → world → how → are → you → <eos>, so greedy decoding is predictable;
 * - `tiny-bert` (feature extraction): token i's embedding is [i, 1, -i].
 * The ONNX protobuf (ModelProto and its graph, tensor and type messages, by their field
 * numbers in onnx.proto) is written with @bufbuild/protobuf's wire encoder.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";

export const WORDS = ["<eos>", "<unk>", "hello", "world", "how", "are", "you"] as const;
const FLOAT = 1;
const INT64 = 7;

type Dimension = number | string;

function message(writer: BinaryWriter, field: number, write: (inner: BinaryWriter) => void): void {
  writer.tag(field, WireType.LengthDelimited).fork();
  write(writer);
  writer.join();
}

const text = (writer: BinaryWriter, field: number, value: string) => writer.tag(field, WireType.LengthDelimited).string(value);
const varint = (writer: BinaryWriter, field: number, value: number) => writer.tag(field, WireType.Varint).int64(value);

/** ValueInfoProto { name = 1, type = 2: TypeProto { tensor_type = 1: { elem_type = 1, shape = 2 } } }. */
function valueInfo(writer: BinaryWriter, field: number, name: string, elementType: number, dims: readonly Dimension[]): void {
  message(writer, field, (info) => {
    text(info, 1, name);
    message(info, 2, (type) =>
      message(type, 1, (tensor) => {
        varint(tensor, 1, elementType);
        message(tensor, 2, (shape) => {
          for (const dim of dims) message(shape, 1, (d) => (typeof dim === "number" ? varint(d, 1, dim) : text(d, 2, dim)));
        });
      }),
    );
  });
}

/** A model whose `output` is rows of `table` picked by `input_ids`; the other inputs are accepted and unused. */
function gatherModel(table: readonly (readonly number[])[], inputs: readonly string[], output: string): Uint8Array {
  const width = table[0]!.length;
  const model = new BinaryWriter();
  varint(model, 1, 8); // ir_version
  text(model, 2, "traced-tests");
  message(model, 8, (opset) => {
    text(opset, 1, "");
    varint(opset, 2, 13);
  });
  message(model, 7, (graph) => {
    message(graph, 1, (node) => {
      text(node, 1, "table");
      text(node, 1, "input_ids");
      text(node, 2, output);
      text(node, 3, "lookup");
      text(node, 4, "Gather");
    });
    text(graph, 2, "tiny");
    message(graph, 5, (tensor) => {
      varint(tensor, 1, table.length);
      varint(tensor, 1, width);
      tensor.tag(2, WireType.Varint).int32(FLOAT);
      text(tensor, 8, "table");
      tensor.tag(9, WireType.LengthDelimited).bytes(new Uint8Array(new Float32Array(table.flat()).buffer));
    });
    for (const input of inputs) valueInfo(graph, 11, input, INT64, ["batch", "sequence"]);
    valueInfo(graph, 12, output, FLOAT, ["batch", "sequence", width]);
  });
  return model.finish();
}

const special = (id: number, content: string) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });

const TOKENIZER = {
  version: "1.0",
  truncation: null,
  padding: null,
  added_tokens: [special(0, "<eos>"), special(1, "<unk>")],
  normalizer: null,
  pre_tokenizer: { type: "Whitespace" },
  post_processor: null,
  decoder: null,
  model: { type: "WordLevel", vocab: Object.fromEntries(WORDS.map((word, id) => [word, id])), unk_token: "<unk>" },
};

const TOKENIZER_CONFIG = { tokenizer_class: "PreTrainedTokenizer", eos_token: "<eos>", pad_token: "<eos>", unk_token: "<unk>", model_max_length: 64 };

function writeModel(dir: string, config: object, onnx: Uint8Array): void {
  mkdirSync(join(dir, "onnx"), { recursive: true });
  writeFileSync(join(dir, "onnx/model.onnx"), onnx);
  writeFileSync(join(dir, "config.json"), JSON.stringify(config));
  writeFileSync(join(dir, "tokenizer.json"), JSON.stringify(TOKENIZER));
  writeFileSync(join(dir, "tokenizer_config.json"), JSON.stringify(TOKENIZER_CONFIG));
}

/** Writes `tiny-gpt` and `tiny-bert` under `root` (transformers.js's `env.localModelPath`). */
export function writeTinyModels(root: string): void {
  const next = (id: number) => (id >= 2 && id < WORDS.length - 1 ? id + 1 : 0);
  const logits = WORDS.map((_, id) => WORDS.map((_, candidate) => (candidate === next(id) ? 10 : 0)));
  writeModel(
    join(root, "tiny-gpt"),
    { model_type: "gpt2", architectures: ["GPT2LMHeadModel"], vocab_size: WORDS.length, n_positions: 64, n_embd: 4, n_layer: 1, n_head: 1, bos_token_id: 0, eos_token_id: 0, pad_token_id: 0 },
    gatherModel(logits, ["input_ids", "attention_mask"], "logits"),
  );
  writeModel(
    join(root, "tiny-bert"),
    { model_type: "bert", architectures: ["BertModel"], vocab_size: WORDS.length, hidden_size: 3, num_hidden_layers: 1, num_attention_heads: 1, pad_token_id: 0 },
    gatherModel(
      WORDS.map((_, id) => [id, 1, -id]),
      ["input_ids", "attention_mask", "token_type_ids"],
      "last_hidden_state",
    ),
  );
}
