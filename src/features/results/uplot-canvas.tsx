'use client';

// uPlot in React: loaded on demand (it touches `window`), drawn into a box of fixed height so
// nothing moves when it appears, resized with its container, fed new data without being
// rebuilt. Dragging across the plot reports the step range picked (onZoom); the page then
// asks the server for that range at full detail.
import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import { DASHES, readChartColours } from './chart-theme';

export type CanvasSeries = { label: string };

export function UPlotCanvas({
  data,
  series,
  height,
  onZoom,
}: {
  /** [steps, ...values per series]; null is a gap, undefined (alignment) is spanned. */
  data: uPlot.AlignedData;
  series: CanvasSeries[];
  height: number;
  onZoom?: (minStep: number, maxStep: number) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latestData = useRef(data);
  const latestZoom = useRef(onZoom);
  useEffect(() => {
    latestData.current = data;
    latestZoom.current = onZoom;
  });
  const structure = series.map((entry) => entry.label).join('\u0000');

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import('uplot').then(({ default: UPlot }) => {
      const element = box.current;
      if (disposed || !element) return;
      const colours = readChartColours(element);
      const axis = { stroke: colours.text, grid: { stroke: colours.grid, width: 1 }, ticks: { stroke: colours.grid, width: 1 } };
      const options: uPlot.Options = {
        width: Math.max(200, element.clientWidth),
        height,
        legend: { show: false },
        scales: { x: { time: false } },
        cursor: { drag: { x: true, y: false, setScale: false } },
        axes: [{ ...axis }, { ...axis, size: 60 }],
        series: [
          { label: 'step' },
          ...series.map((entry, index) => ({
            label: entry.label,
            stroke: colours.lines[index % colours.lines.length],
            width: 1.5,
            dash: DASHES[index % DASHES.length],
            spanGaps: false,
            points: { show: false },
          })),
        ],
        hooks: {
          setSelect: [
            (u) => {
              if (u.select.width > 4 && latestZoom.current) {
                const from = u.posToVal(u.select.left, 'x');
                const to = u.posToVal(u.select.left + u.select.width, 'x');
                latestZoom.current(Math.max(0, Math.floor(from)), Math.max(0, Math.ceil(to)));
              }
              u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            },
          ],
        },
      };
      chart.current = new UPlot(options, latestData.current, element);
      observer = new ResizeObserver(() => {
        if (chart.current && element.clientWidth > 0) chart.current.setSize({ width: element.clientWidth, height });
      });
      observer.observe(element);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.destroy();
      chart.current = null;
    };
  }, [structure, height]); // eslint-disable-line react-hooks/exhaustive-deps -- series labels are the structure

  useEffect(() => {
    chart.current?.setData(data);
  }, [data]);

  return <div ref={box} aria-hidden="true" className="h-full w-full" />;
}
