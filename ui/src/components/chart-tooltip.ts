/**
 * A uPlot plugin: a small box next to the cursor with the hovered interval and each
 * series' value. Built with DOM text nodes only (no HTML strings), so labels stay text.
 */
import type uPlot from "uplot";

export interface TooltipLine {
  label: string;
  color: string;
  value: string;
}

export function tooltipPlugin(describe: (index: number) => { heading: string; lines: TooltipLine[] }): uPlot.Plugin {
  let box: HTMLDivElement;
  return {
    hooks: {
      init: (u) => {
        box = document.createElement("div");
        box.className = "chart-tooltip";
        box.setAttribute("role", "tooltip");
        box.style.display = "none";
        u.over.appendChild(box);
        u.over.addEventListener("mouseleave", () => (box.style.display = "none"));
      },
      setCursor: (u) => {
        const index = u.cursor.idx;
        if (index === null || index === undefined || u.cursor.left === undefined || u.cursor.left < 0) {
          box.style.display = "none";
          return;
        }
        const { heading, lines } = describe(index);
        box.replaceChildren();
        const title = document.createElement("div");
        title.className = "chart-tooltip-heading";
        title.textContent = heading;
        box.appendChild(title);
        for (const line of lines) {
          const row = document.createElement("div");
          const swatch = document.createElement("span");
          swatch.className = "chart-tooltip-swatch";
          swatch.style.background = line.color;
          row.append(swatch, `${line.label}: ${line.value}`);
          box.appendChild(row);
        }
        box.style.display = "block";
        const left = u.cursor.left!;
        const flip = left > u.over.clientWidth / 2;
        box.style.left = flip ? "" : `${left + 12}px`;
        box.style.right = flip ? `${u.over.clientWidth - left + 12}px` : "";
        box.style.top = `${Math.max(0, (u.cursor.top ?? 0) - 10)}px`;
      },
    },
  };
}
