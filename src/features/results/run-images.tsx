'use client';

// A run's uploaded images (sample grids), one block per name, shown by step: a slider (and
// the step list for keyboards and screen readers alike) picks the step, the latest first.
import { useId, useState } from 'react';

export type RunImage = { id: string; name: string; step: number; width: number | null; height: number | null; createdAt: Date };

export function RunImages({ runId, images }: { runId: string; images: RunImage[] }) {
  const names = [...new Set(images.map((image) => image.name))];
  return (
    <div className="grid gap-6 sm:grid-cols-2">
      {names.map((name) => (
        <ImageSteps key={name} runId={runId} name={name} images={images.filter((image) => image.name === name).sort((a, b) => a.step - b.step)} />
      ))}
    </div>
  );
}

function ImageSteps({ runId, name, images }: { runId: string; name: string; images: RunImage[] }) {
  const id = useId();
  const [index, setIndex] = useState(images.length - 1);
  const image = images[index]!;
  const alt = `${name} at step ${image.step.toLocaleString('en')}`;
  return (
    <figure className="rounded-xl border border-line bg-surface p-4" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="font-semibold break-all">
        {name} <span className="font-normal text-muted">· step {image.step.toLocaleString('en')}</span>
      </figcaption>
      {/* A fixed square box: switching steps never moves the page. */}
      <div className="mt-3 flex aspect-square max-w-[20rem] items-center justify-center overflow-hidden rounded-lg bg-surface-muted">
        {/* eslint-disable-next-line @next/next/no-img-element -- private bytes behind the session; next/image would proxy them */}
        <img
          src={`/api/runs/${runId}/artifacts/${image.id}?v=${image.createdAt.getTime()}`}
          alt={alt}
          width={image.width ?? undefined}
          height={image.height ?? undefined}
          className="h-full w-full object-contain [image-rendering:pixelated]"
        />
      </div>
      {images.length > 1 ? (
        <div className="mt-3">
          <label htmlFor={`${id}-step`} className="text-[0.9rem] font-medium">
            Step
          </label>
          <input
            id={`${id}-step`}
            type="range"
            min={0}
            max={images.length - 1}
            value={index}
            onChange={(event) => setIndex(Number(event.target.value))}
            aria-valuetext={`step ${image.step}`}
            className="block w-full max-w-[20rem] accent-[var(--accent)]"
          />
          <ul className="mt-1 flex flex-wrap gap-1 text-[0.9rem]">
            {images.map((entry, position) => (
              <li key={entry.id}>
                <button
                  type="button"
                  onClick={() => setIndex(position)}
                  aria-pressed={position === index}
                  className={`min-h-9 rounded-md px-2 ${position === index ? 'bg-accent-soft font-semibold text-accent-strong' : 'text-accent hover:bg-surface-muted'}`}
                >
                  {entry.step.toLocaleString('en')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </figure>
  );
}
