/**
 * Transforms one source file: finds tagged functions, wraps them, and adds the runtime import
 * and the sites. A file without the text `@traced` is returned as the same node (so it emits
 * exactly as plain tsc), and only subtrees whose text holds a tag are visited.
 */
import type ts from "typescript";
import { createDiagnostic, DiagnosticCode, type Report } from "./diagnostics.js";
import type { FileContext } from "./file-context.js";
import { planParameters } from "./parameters.js";
import { mayRedeclare, redeclaredParameter } from "./redeclared.js";
import { parameterNamesDecorator, runtimeImport, siteStatement } from "./site.js";
import { tagsBefore, type FoundTag } from "./tag-comments.js";
import { parseTagOptions } from "./tag-options.js";
import { designatedFunction, hasTraceDecorator, spanName, type TracedFunction } from "./targets.js";
import type { TS } from "./typescript.js";
import { dropsAsync, isAsync, withoutAsync, wrapArrow, wrapBlockBody } from "./wrap-call.js";
import { wrapGeneratorBody } from "./wrap-generator.js";

export interface FileSettings {
  ts: TS;
  context: ts.TransformationContext;
  report: Report;
  /** Module specifier of the runtime. */
  runtime: string;
  /** The file path recorded in spans (`code.file.path`). */
  filePath: string;
}

const TAG_TEXT = "@traced";

/** Whether the file can hold a tag at all (one text search); if not, it is left alone. */
export function mayHaveTags(file: ts.SourceFile): boolean {
  return !file.isDeclarationFile && file.text.includes(TAG_TEXT);
}

export function transformFile(file: ts.SourceFile, settings: FileSettings): ts.SourceFile {
  if (!mayHaveTags(file)) return file;
  return new FileTransform(file, settings).run();
}

class FileTransform {
  private readonly tsi: TS;
  private readonly f: ts.NodeFactory;
  private readonly ctx: FileContext;
  /** Offsets of every `@traced` in the text, ascending (most are in comments). */
  private readonly offsets: number[] = [];
  /** Tags found in comments, by position, and which node kind they lead. */
  private readonly seen = new Map<number, { tag: FoundTag; kind: ts.SyntaxKind }>();
  private readonly consumed = new Set<number>();
  /** Tagged functions (parse-tree nodes) found by the scan, with their tags, and their start offsets. */
  private readonly targets = new Map<ts.Node, FoundTag[]>();
  private readonly targetOffsets: number[] = [];
  /** Full start of the last node whose leading comments were read. */
  private commentsRead = -1;
  private readonly sites: ts.Statement[] = [];
  private needsImport = false;

  constructor(
    private readonly file: ts.SourceFile,
    private readonly settings: FileSettings,
  ) {
    this.tsi = settings.ts;
    this.f = settings.context.factory;
    const tsi = this.tsi;
    this.ctx = {
      ts: tsi,
      factory: this.f,
      file,
      runtime: this.f.createIdentifier("__traced"),
      report: (start, length, code, message, category) => settings.report(createDiagnostic(tsi, file, start, length, code, message, category)),
    };
    for (let at = file.text.indexOf(TAG_TEXT); at !== -1; at = file.text.indexOf(TAG_TEXT, at + 1)) this.offsets.push(at);
  }

  run(): ts.SourceFile {
    this.scan(this.file);
    this.targetOffsets.sort((a, b) => a - b);
    const statements = this.tsi.visitNodes(this.file.statements, this.visit, this.tsi.isStatement);
    this.reportMisplacedTags();
    if (!this.needsImport) return this.file;
    const head = this.headLength(statements);
    return this.f.updateSourceFile(this.file, [
      ...statements.slice(0, head),
      runtimeImport(this.ctx, this.settings.runtime),
      ...this.sites,
      ...statements.slice(head),
    ]);
  }

  /** The prologue and leading imports stay first; the runtime import and sites follow them. */
  private headLength(statements: readonly ts.Statement[]): number {
    const tsi = this.tsi;
    let n = 0;
    while (n < statements.length) {
      const s = statements[n]!;
      const isDirective = tsi.isExpressionStatement(s) && tsi.isStringLiteral(s.expression);
      if (!isDirective && !tsi.isImportDeclaration(s) && !tsi.isImportEqualsDeclaration(s)) break;
      n++;
    }
    return n;
  }

  private hasTagIn(pos: number, end: number): boolean {
    const i = firstAtOrAfter(this.offsets, pos);
    return i < this.offsets.length && this.offsets[i]! < end;
  }

  /**
   * Pass 1, over the subtrees whose text holds a tag (the caller checked `node`): notes each
   * tag in a leading JSDoc comment, with the node it leads, and the function that node designates.
   */
  private scan(node: ts.Node): void {
    // A node's first descendants start where it starts and share its comments: read them once.
    if (node.pos !== this.commentsRead && node.kind !== this.tsi.SyntaxKind.SourceFile && this.hasTagIn(node.pos, node.getStart(this.file))) {
      this.commentsRead = node.pos;
      this.noteTags(node);
    }
    this.tsi.forEachChild(node, this.scanChild);
  }

  private readonly scanChild = (child: ts.Node): undefined => {
    if (this.hasTagIn(child.pos, child.end)) this.scan(child);
    return undefined;
  };

  private noteTags(node: ts.Node): void {
    const fresh: FoundTag[] = [];
    for (const tag of tagsBefore(this.tsi, this.file.text, node.pos)) {
      if (this.seen.has(tag.tagStart)) continue;
      this.seen.set(tag.tagStart, { tag, kind: node.kind });
      fresh.push(tag);
    }
    // The outermost node a comment leads decides what it tags (`export const f = …` → f).
    const target = fresh.length > 0 ? designatedFunction(this.tsi, node) : undefined;
    if (target) {
      const tags = this.targets.get(target);
      if (tags) tags.push(...fresh);
      else {
        this.targets.set(target, fresh);
        this.targetOffsets.push(target.pos);
      }
    }
  }

  /**
   * Pass 2: rebuilds only the subtrees that hold a tagged function. A tagged function with no
   * other tagged function inside is wrapped as it is, without visiting its children.
   */
  private readonly visit = (node: ts.Node): ts.VisitResult<ts.Node> => {
    const offsets = this.targetOffsets;
    const first = firstAtOrAfter(offsets, node.pos);
    if (first === offsets.length || offsets[first]! >= node.end) return node;
    const tags = this.targets.get(node);
    const nested = tags === undefined || (first + 1 < offsets.length && offsets[first + 1]! < node.end);
    const visited = nested ? this.tsi.visitEachChild(node, this.visit, this.settings.context) : node;
    return tags ? this.transformFunction(node as TracedFunction, visited as TracedFunction, tags) : visited;
  };

  private transformFunction(original: TracedFunction, visited: TracedFunction, tags: FoundTag[]): ts.Node {
    if (tags.length === 0 || !original.body) return visited;
    for (const t of tags) this.consumed.add(t.tagStart);
    const tag = tags[0]!;
    for (let i = 1; i < tags.length; i++) this.ctx.report(tags[i]!.tagStart, tags[i]!.tagLength, DiagnosticCode.duplicateTag, "this function is already tagged; keep one @traced tag");
    const { options, problems } = parseTagOptions(tag.optionsText);
    for (const p of problems) this.ctx.report(tag.optionsStart + p.offset, p.length, DiagnosticCode.badOption, p.message);
    if (problems.length > 0 || tags.length > 1) return visited;

    const tsi = this.tsi;
    const plan = planParameters(tsi, this.file, original.parameters);
    if (tsi.isMethodDeclaration(original) && hasTraceDecorator(tsi, original)) {
      if (Object.keys(options).length > 0) {
        this.ctx.report(tag.tagStart, tag.tagLength, DiagnosticCode.ignoredOptions, "this method is traced by @trace; give options to @trace(…), the tag only records parameter names", tsi.DiagnosticCategory.Warning);
      }
      return this.recordParameterNames(visited as ts.MethodDeclaration, plan.decoratorNames);
    }
    const clash = mayRedeclare(this.file.text, original.body) ? redeclaredParameter(tsi, original.parameters, original.body) : undefined;
    if (clash) {
      this.ctx.report(clash.getStart(this.file), clash.end - clash.getStart(this.file), DiagnosticCode.redeclaredParameter, `'${tsi.idText(clash)}' re-declares a parameter with var; rename it or use let so the body can be traced unchanged`);
      return visited;
    }
    const site = this.f.createUniqueName("__traced_site");
    const wrapped = this.wrap(visited, site, plan);
    if (wrapped !== visited) this.defineSite(site, original, plan.names, options);
    return wrapped;
  }

  private defineSite(id: ts.Identifier, original: TracedFunction, names: string[], options: ReturnType<typeof parseTagOptions>["options"]): void {
    const anchor = original.name ?? original;
    const line = this.file.getLineAndCharacterOfPosition(anchor.getStart(this.file)).line + 1;
    const name = options.name ?? spanName(this.tsi, original);
    this.sites.push(siteStatement(this.ctx, { id, name, parameterNames: names, options, file: this.settings.filePath, line }));
    this.needsImport = true;
  }

  private wrap(fn: TracedFunction, site: ts.Identifier, plan: ReturnType<typeof planParameters>): ts.Node {
    const tsi = this.tsi;
    const f = this.f;
    if (tsi.isArrowFunction(fn)) return wrapArrow(this.ctx, fn, site, plan);
    const body = fn.body!;
    const async = isAsync(this.ctx, fn);
    const newBody = fn.asteriskToken
      ? wrapGeneratorBody(this.ctx, body, async, site, plan, this.settings.context)
      : wrapBlockBody(this.ctx, body, async, site, plan);
    if (!newBody) return fn;
    const drop = !fn.asteriskToken && dropsAsync(this.ctx, fn, plan);
    const modifiersOf = <M extends ts.ModifierLike>(modifiers: ts.NodeArray<M> | undefined) => (drop ? withoutAsync(this.ctx, modifiers) : modifiers);
    if (tsi.isFunctionDeclaration(fn)) {
      return f.updateFunctionDeclaration(fn, modifiersOf(fn.modifiers), fn.asteriskToken, fn.name, fn.typeParameters, fn.parameters, fn.type, newBody);
    }
    if (tsi.isFunctionExpression(fn)) {
      return f.updateFunctionExpression(fn, modifiersOf(fn.modifiers), fn.asteriskToken, fn.name, fn.typeParameters, fn.parameters, fn.type, newBody);
    }
    return f.updateMethodDeclaration(fn, modifiersOf(fn.modifiers), fn.asteriskToken, fn.name, fn.questionToken, fn.typeParameters, fn.parameters, fn.type, newBody);
  }

  /** Adds `@__traced.parameterNames(…)` closest to the method, so it runs before `@trace`. */
  private recordParameterNames(method: ts.MethodDeclaration, names: string[]): ts.MethodDeclaration {
    this.needsImport = true;
    const modifiers = method.modifiers ?? [];
    let lastDecorator = -1;
    modifiers.forEach((m, i) => {
      if (this.tsi.isDecorator(m)) lastDecorator = i;
    });
    const next = [...modifiers.slice(0, lastDecorator + 1), parameterNamesDecorator(this.ctx, names), ...modifiers.slice(lastDecorator + 1)];
    return this.f.updateMethodDeclaration(method, next, method.asteriskToken, method.name, method.questionToken, method.typeParameters, method.parameters, method.type, method.body);
  }

  private reportMisplacedTags(): void {
    const k = this.tsi.SyntaxKind;
    for (const { tag, kind } of this.seen.values()) {
      if (this.consumed.has(tag.tagStart)) continue;
      const message =
        kind === k.GetAccessor || kind === k.SetAccessor || kind === k.Constructor
          ? "getters, setters and constructors cannot be traced; tag a function, arrow or method"
          : "this tag is not on a function with a body; tag a function declaration or expression, an arrow, an object or class method, or an overload of one";
      this.ctx.report(tag.tagStart, tag.tagLength, DiagnosticCode.misplacedTag, message);
    }
  }
}

/** The index of the first of the ascending `offsets` that is >= pos (`offsets.length` if none). */
function firstAtOrAfter(offsets: readonly number[], pos: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
