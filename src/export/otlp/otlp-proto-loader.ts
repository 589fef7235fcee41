/**
 * The protobuf encoder (otlp-proto.ts and @bufbuild/protobuf) loads when an OTLP or MLflow
 * exporter is created, in the background, so `import "traced"` stays light. An export awaits
 * it; the steps that must be synchronous (a reply's decoding, the export at `process.exit()`)
 * use it when loaded, else load it synchronously.
 */
import { requireSibling } from "../../config/require-sibling.js";

type OtlpProto = Pick<typeof import("./otlp-proto.js"), "encodeExportTraceServiceRequest" | "decodeExportTraceServiceResponse">;

let loaded: OtlpProto | undefined;
let loading: Promise<OtlpProto> | undefined;

/** Starts loading the encoder (once); resolves with it. */
export function loadOtlpProto(): Promise<OtlpProto> {
  loading ??= import("./otlp-proto.js").then((proto) => (loaded = proto));
  return loading;
}

/** Called by otlp-proto.ts when it loads, however it was loaded (a static import in a test or a tool). */
export function provideOtlpProto(proto: OtlpProto): void {
  loaded ??= proto;
}

export function otlpProtoLoaded(): boolean {
  return loaded !== undefined;
}

/** The encoder now: loaded already, or required synchronously. */
export function otlpProtoNow(): OtlpProto {
  loaded ??= requireSibling<OtlpProto>("export/otlp/otlp-proto.js");
  return loaded;
}
