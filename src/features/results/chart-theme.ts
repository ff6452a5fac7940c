// Colours for uPlot canvases, read from the page's CSS variables so charts follow the light
// and dark themes; lines also differ by dash pattern, so colour is never the only signal.

export type ChartColours = { text: string; grid: string; lines: string[] };

export function readChartColours(element: HTMLElement): ChartColours {
  const style = getComputedStyle(element);
  const value = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  return {
    text: value('--muted', '#535b62'),
    grid: value('--line', '#dedad2'),
    lines: [
      value('--accent', '#0f6b6b'),
      dark ? '#f0a35e' : '#b3541e',
      dark ? '#b9a4f4' : '#6a4bc4',
      dark ? '#f48fb1' : '#b0306a',
      dark ? '#9ccc65' : '#4a7a16',
      dark ? '#81d4fa' : '#1f6fb2',
      dark ? '#e0c36a' : '#8a6d00',
      value('--text', '#1d2226'),
    ],
  };
}

/** Dash patterns by series index: solid, dashed, dotted, dash-dot… */
export const DASHES: (number[] | undefined)[] = [undefined, [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [12, 6], [1, 5], [6, 2, 2, 2]];

/** Text for a dash pattern, for the legend (the pattern itself is drawn beside it too). */
export const DASH_NAMES = ['solid', 'dashed', 'dotted', 'dash-dot', 'short dashes', 'long dashes', 'sparse dots', 'dash-dot-dot'];
