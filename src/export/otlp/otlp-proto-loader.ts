/**
 * The protobuf encoder (otlp-proto.ts and @bufbuild/protobuf) loads when an OTLP or MLflow
 * exporter starts delivering, in the background, so `import "traced"` stays light. An export
 * awaits it; the steps that must be synchronous (a reply's decoding, the export at
 * `process.exit()`) use it when loaded, else load it synchronously.
 */
import { lazyModule } from "../../config/lazy-module.js";

type OtlpProto = Pick<typeof import("./otlp-proto.js"), "encodeExportTraceServiceRequest" | "decodeExportTraceServiceResponse">;

const proto = lazyModule<OtlpProto>(() => import("./otlp-proto.js"), "export/otlp/otlp-proto.js");

/** Starts loading the encoder (once); resolves with it. */
export const loadOtlpProto = (): Promise<OtlpProto> => proto.load();

/** Called by otlp-proto.ts when it loads, however it was loaded (a static import in a test or a tool). */
export const provideOtlpProto = (module: OtlpProto): void => proto.provide(module);

export const otlpProtoLoaded = (): boolean => proto.loaded !== undefined;

/** The encoder now: loaded already, or required synchronously. */
export const otlpProtoNow = (): OtlpProto => proto.now();
