/**
 * Values an attacker could get into a trace (a prompt, a tool's output, a tag). The UI must
 * show each as inert text and keep its layout; the browser tests record these in traces.
 */

/** Set by any of the payloads if it ever runs. */
export const PWNED_FLAG = "__tracedUiPwned";

export const XSS_STRINGS: readonly string[] = [
  `<script>window.${PWNED_FLAG}=1;alert(1)</script>`,
  `<img src=x onerror="window.${PWNED_FLAG}=2;alert(2)">`,
  `<svg onload="window.${PWNED_FLAG}=3;alert(3)"></svg>`,
  `javascript:window.${PWNED_FLAG}=4;alert(4)`,
  `"><iframe src="javascript:alert(5)"></iframe>`,
  `<a href="javascript:alert(6)" id="injected-link">click</a>`,
  `{{constructor.constructor('alert(7)')()}}`,
  `<style>body{display:none}</style>`,
  `</textarea><details open ontoggle="alert(8)">`,
];

/** Right-to-left override, zero-width joiners and spaces, a BOM, combining marks. */
export const TRICKY_TEXT = "admin\u202Egnp.exe\u202C zero\u200Bwidth\u200D\uFEFF Z\u0351\u0352\u0353algo \u2067rtl\u2069";

/** A single huge string, much longer than any preview (the layout must not grow with it). */
export const HUGE_STRING = "A".repeat(300_000) + "<script>alert(9)</script>";

/** JSON nested far deeper than anyone reads. */
export function deeplyNested(depth: number): unknown {
  let value: unknown = { bottom: `<img src=x onerror=alert(10)>` };
  for (let i = 0; i < depth; i++) value = { level: i, child: value };
  return value;
}

/** A tag key and value that try to escape their markup. */
export const HOSTILE_TAG_KEY = `<b onmouseover=alert(11)>key</b>`;
export const HOSTILE_TAG_VALUE = `"><script>alert(12)</script>`;
