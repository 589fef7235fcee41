/**
 * `using` needs `Symbol.dispose` / `Symbol.asyncDispose`. Node 20.4+ has them (as the
 * registered symbols `nodejs.dispose` / `nodejs.asyncDispose`); define the same symbols on
 * older runtimes so traced spans and user code agree on them.
 */
const symbols = Symbol as unknown as { dispose?: symbol; asyncDispose?: symbol };
if (symbols.dispose === undefined) Object.defineProperty(Symbol, "dispose", { value: Symbol.for("nodejs.dispose") });
if (symbols.asyncDispose === undefined) Object.defineProperty(Symbol, "asyncDispose", { value: Symbol.for("nodejs.asyncDispose") });

export {};
