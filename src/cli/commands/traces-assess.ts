/** `traced traces feedback` and `traced traces expectation`: assessments from the terminal. */
import { Option, type Command } from "commander";
import { AssessmentSourceType, type AssessmentSource } from "../../model/assessment.js";
import { assessmentToDict } from "../../model/mlflow-json.js";
import { withStore, type StoreOptions } from "../open-store.js";

interface AssessOptions extends StoreOptions {
  rationale?: string;
  sourceType: AssessmentSource["sourceType"];
  sourceId?: string;
  spanId?: string;
}

/** A value typed on the command line: JSON when it parses (`true`, `0.8`, `["a"]`), else the text itself. */
export function valueFromText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function sourceOf(options: AssessOptions): AssessmentSource {
  return { sourceType: options.sourceType, ...(options.sourceId ? { sourceId: options.sourceId } : {}) };
}

function addCommon(command: Command): Command {
  return command
    .argument("<trace-id>", "the trace id (tr-…)")
    .argument("<name>", "the assessment name, e.g. relevance")
    .argument("<value>", "the value: JSON (true, 0.8, [\"a\"]) or plain text")
    .addOption(new Option("--source-type <type>", "who assessed").choices(Object.values(AssessmentSourceType)).default("HUMAN"))
    .option("--source-id <id>", "which person, judge or program assessed")
    .option("--span-id <id>", "attach the assessment to one span (16 hex digits)");
}

export function registerAssess(traces: Command): void {
  addCommon(traces.command("feedback").description("log feedback on a trace (MLflow's log_feedback)"))
    .option("--rationale <text>", "why")
    .action(async (traceId: string, name: string, value: string, options: AssessOptions, command: Command) => {
      const opts = { ...command.optsWithGlobals(), ...options } as AssessOptions;
      const logged = await withStore(opts, (store) =>
        store.logFeedback({
          traceId,
          name,
          value: valueFromText(value),
          source: sourceOf(opts),
          ...(opts.rationale !== undefined ? { rationale: opts.rationale } : {}),
          ...(opts.spanId ? { spanId: opts.spanId } : {}),
        }),
      );
      process.stdout.write(JSON.stringify(assessmentToDict(logged), null, 2) + "\n");
    });

  addCommon(traces.command("expectation").description("log an expected value for a trace (MLflow's log_expectation)")).action(
    async (traceId: string, name: string, value: string, options: AssessOptions, command: Command) => {
      const opts = { ...command.optsWithGlobals(), ...options } as AssessOptions;
      const logged = await withStore(opts, (store) =>
        store.logExpectation({ traceId, name, value: valueFromText(value), source: sourceOf(opts), ...(opts.spanId ? { spanId: opts.spanId } : {}) }),
      );
      process.stdout.write(JSON.stringify(assessmentToDict(logged), null, 2) + "\n");
    },
  );
}
