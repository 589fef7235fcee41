/**
 * The OTLP trace messages as protobufjs types, described from the official definitions in
 * open-telemetry/opentelemetry-proto (collector/trace/v1, trace/v1, common/v1, resource/v1):
 * same packages, message names, field numbers and types. Field names are camelCase, which
 * is what protobufjs itself makes of the `.proto` files. Only the messages a trace export
 * needs are described; protobufjs skips unknown fields when decoding.
 *
 * A JSON descriptor (rather than `.proto` files read at run time) keeps the package free of
 * file-path lookups, which differ between its ESM and CommonJS builds.
 */
import * as protobufModule from "protobufjs";

// protobufjs is CommonJS: ESM sees it as `default`, the CommonJS build as the namespace itself.
const protobuf = ((protobufModule as unknown as { default?: typeof protobufModule }).default ?? protobufModule) as typeof protobufModule;

const COMMON = "opentelemetry.proto.common.v1";
const RESOURCE = "opentelemetry.proto.resource.v1";
const TRACE = "opentelemetry.proto.trace.v1";

const field = (id: number, type: string, rule?: "repeated") => (rule ? { id, type, rule } : { id, type });

const descriptor = {
  nested: {
    opentelemetry: {
      nested: {
        proto: {
          nested: {
            common: {
              nested: {
                v1: {
                  nested: {
                    AnyValue: {
                      oneofs: {
                        value: { oneof: ["stringValue", "boolValue", "intValue", "doubleValue", "arrayValue", "kvlistValue", "bytesValue"] },
                      },
                      fields: {
                        stringValue: field(1, "string"),
                        boolValue: field(2, "bool"),
                        intValue: field(3, "int64"),
                        doubleValue: field(4, "double"),
                        arrayValue: field(5, `.${COMMON}.ArrayValue`),
                        kvlistValue: field(6, `.${COMMON}.KeyValueList`),
                        bytesValue: field(7, "bytes"),
                      },
                    },
                    ArrayValue: { fields: { values: field(1, `.${COMMON}.AnyValue`, "repeated") } },
                    KeyValueList: { fields: { values: field(1, `.${COMMON}.KeyValue`, "repeated") } },
                    KeyValue: { fields: { key: field(1, "string"), value: field(2, `.${COMMON}.AnyValue`) } },
                    InstrumentationScope: {
                      fields: {
                        name: field(1, "string"),
                        version: field(2, "string"),
                        attributes: field(3, `.${COMMON}.KeyValue`, "repeated"),
                        droppedAttributesCount: field(4, "uint32"),
                      },
                    },
                  },
                },
              },
            },
            resource: {
              nested: {
                v1: {
                  nested: {
                    Resource: {
                      fields: {
                        attributes: field(1, `.${COMMON}.KeyValue`, "repeated"),
                        droppedAttributesCount: field(2, "uint32"),
                      },
                    },
                  },
                },
              },
            },
            trace: {
              nested: {
                v1: {
                  nested: {
                    ResourceSpans: {
                      fields: {
                        resource: field(1, `.${RESOURCE}.Resource`),
                        scopeSpans: field(2, `.${TRACE}.ScopeSpans`, "repeated"),
                        schemaUrl: field(3, "string"),
                      },
                    },
                    ScopeSpans: {
                      fields: {
                        scope: field(1, `.${COMMON}.InstrumentationScope`),
                        spans: field(2, `.${TRACE}.Span`, "repeated"),
                        schemaUrl: field(3, "string"),
                      },
                    },
                    Span: {
                      fields: {
                        traceId: field(1, "bytes"),
                        spanId: field(2, "bytes"),
                        traceState: field(3, "string"),
                        parentSpanId: field(4, "bytes"),
                        flags: field(16, "fixed32"),
                        name: field(5, "string"),
                        kind: field(6, `.${TRACE}.Span.SpanKind`),
                        startTimeUnixNano: field(7, "fixed64"),
                        endTimeUnixNano: field(8, "fixed64"),
                        attributes: field(9, `.${COMMON}.KeyValue`, "repeated"),
                        droppedAttributesCount: field(10, "uint32"),
                        events: field(11, `.${TRACE}.Span.Event`, "repeated"),
                        droppedEventsCount: field(12, "uint32"),
                        links: field(13, `.${TRACE}.Span.Link`, "repeated"),
                        droppedLinksCount: field(14, "uint32"),
                        status: field(15, `.${TRACE}.Status`),
                      },
                      nested: {
                        SpanKind: {
                          values: {
                            SPAN_KIND_UNSPECIFIED: 0,
                            SPAN_KIND_INTERNAL: 1,
                            SPAN_KIND_SERVER: 2,
                            SPAN_KIND_CLIENT: 3,
                            SPAN_KIND_PRODUCER: 4,
                            SPAN_KIND_CONSUMER: 5,
                          },
                        },
                        Event: {
                          fields: {
                            timeUnixNano: field(1, "fixed64"),
                            name: field(2, "string"),
                            attributes: field(3, `.${COMMON}.KeyValue`, "repeated"),
                            droppedAttributesCount: field(4, "uint32"),
                          },
                        },
                        Link: {
                          fields: {
                            traceId: field(1, "bytes"),
                            spanId: field(2, "bytes"),
                            traceState: field(3, "string"),
                            attributes: field(4, `.${COMMON}.KeyValue`, "repeated"),
                            droppedAttributesCount: field(5, "uint32"),
                            flags: field(6, "fixed32"),
                          },
                        },
                      },
                    },
                    Status: {
                      fields: { message: field(2, "string"), code: field(3, `.${TRACE}.Status.StatusCode`) },
                      nested: {
                        StatusCode: { values: { STATUS_CODE_UNSET: 0, STATUS_CODE_OK: 1, STATUS_CODE_ERROR: 2 } },
                      },
                    },
                  },
                },
              },
            },
            collector: {
              nested: {
                trace: {
                  nested: {
                    v1: {
                      nested: {
                        ExportTraceServiceRequest: {
                          fields: { resourceSpans: field(1, `.${TRACE}.ResourceSpans`, "repeated") },
                        },
                        ExportTraceServiceResponse: {
                          fields: { partialSuccess: field(1, ".opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess") },
                        },
                        ExportTracePartialSuccess: {
                          fields: { rejectedSpans: field(1, "int64"), errorMessage: field(2, "string") },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

const root = protobuf.Root.fromJSON(descriptor);

export const ExportTraceServiceRequest = root.lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest");
export const ExportTraceServiceResponse = root.lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse");

/** `Span.SpanKind` and `Status.StatusCode` values. */
export const OtlpSpanKind = { UNSPECIFIED: 0, INTERNAL: 1, SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 } as const;
export const OtlpStatusCode = { UNSET: 0, OK: 1, ERROR: 2 } as const;
