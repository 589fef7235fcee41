/**
 * autolog() with the previous SDK major, 0.137 (installed as `anthropic-sdk-v0`): here
 * `@anthropic-ai/sdk` resolves to it, as it would in an app that has only that version.
 */
import { expect, it, vi } from "vitest";
import * as sdk from "anthropic-sdk-v0";
import { autologCases } from "./autolog-cases.js";

vi.mock("@anthropic-ai/sdk", async () => await import("anthropic-sdk-v0"));

it("traced/anthropic loads the 0.137 SDK in this file", async () => {
  const loaded = await import("@anthropic-ai/sdk");
  expect(loaded.Anthropic).toBe(sdk.Anthropic);
  expect((await import("anthropic-sdk-v0/version")).VERSION).toMatch(/^0\.137\./);
});

autologCases(sdk);
