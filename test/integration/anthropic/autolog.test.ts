/** autolog() with the current SDK major, `@anthropic-ai/sdk` 1.x (cases in ./autolog-cases.ts). */
import * as sdk from "@anthropic-ai/sdk";
import { autologCases } from "./autolog-cases.js";

autologCases(sdk);
