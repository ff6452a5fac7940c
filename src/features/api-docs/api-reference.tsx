// The API reference, rendered on the server from the OpenAPI document: plain HTML (no scripts),
// endpoints with their parameters, bodies, answers and examples, then every schema.
import type { ReactNode } from 'react';
import type { OpenApiDocument, OpenApiOperation } from '@/server/api/v1/openapi';

type Schema = Record<string, unknown>;

/** Inline `code` in descriptions; everything else is text. */
function Inline({ text }: { text: string }) {
  const parts = text.split(/(`[^`]+`)/g);
  return (
    <>
      {parts.map((part, index) =>
        part.startsWith('`') && part.endsWith('`') && part.length > 1 ? <code key={index}>{part.slice(1, -1)}</code> : <span key={index}>{part}</span>,
      )}
    </>
  );
}

/** Paragraphs and ``` fences, the little markdown the descriptions use. */
export function Prose({ text }: { text: string }) {
  const blocks: ReactNode[] = [];
  const chunks = text.split(/```(\w*)\n([\s\S]*?)```/g);
  for (let i = 0; i < chunks.length; i += 3) {
    for (const paragraph of chunks[i]!.split(/\n\s*\n/)) {
      if (paragraph.trim()) blocks.push(<p key={`${i}-${blocks.length}`} className="mt-2"><Inline text={paragraph.trim()} /></p>);
    }
    if (i + 2 < chunks.length) blocks.push(<Code key={`code-${i}`} text={chunks[i + 2]!.trimEnd()} label={chunks[i + 1] || undefined} />);
  }
  return <>{blocks}</>;
}

function Code({ text, label }: { text: string; label?: string }) {
  return (
    <pre className="mt-2 overflow-x-auto rounded-lg border border-line bg-surface-muted p-3 text-[0.85rem]" aria-label={label ? `${label} example` : undefined}>
      <code>{text}</code>
    </pre>
  );
}

function refName(schema: Schema): string | null {
  const ref = schema.$ref;
  return typeof ref === 'string' ? ref.replace('#/components/schemas/', '') : null;
}

/** A short type: "string", "integer", "MetricPoint[]", "number | "NaN"", "string | null". */
function typeOf(schema: Schema): ReactNode {
  const name = refName(schema);
  if (name) return <a href={`#schema-${name}`}>{name}</a>;
  const anyOf = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (anyOf) {
    return anyOf.map((option, index) => (
      <span key={index}>
        {index > 0 ? ' | ' : null}
        {typeOf(option)}
      </span>
    ));
  }
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map((value) => JSON.stringify(value)).join(' | ');
  const type = schema.type;
  if (type === 'array') return <>{typeOf((schema.items as Schema) ?? {})}[]</>;
  if (type === 'object' && schema.additionalProperties && typeof schema.additionalProperties === 'object' && Object.keys(schema.additionalProperties).length) {
    return <>map of {typeOf(schema.additionalProperties as Schema)}</>;
  }
  if (Array.isArray(type)) return type.join(' | ');
  return typeof type === 'string' ? type : 'any JSON';
}

function constraints(schema: Schema): string[] {
  const notes: string[] = [];
  const add = (key: string, label: string) => {
    if (schema[key] !== undefined) notes.push(`${label} ${String(schema[key])}`);
  };
  add('minLength', 'at least');
  add('maxLength', 'at most');
  if (schema.minLength !== undefined || schema.maxLength !== undefined) notes[notes.length - 1] += ' characters';
  add('minimum', 'from');
  add('maximum', 'up to');
  add('minItems', 'at least');
  add('maxItems', 'at most');
  if (schema.minItems !== undefined || schema.maxItems !== undefined) notes[notes.length - 1] += ' items';
  if (schema.default !== undefined) notes.push(`default ${JSON.stringify(schema.default)}`);
  if (typeof schema.pattern === 'string' && schema.pattern.length < 80) notes.push(`pattern ${schema.pattern}`);
  for (const option of ((schema.anyOf as Schema[] | undefined) ?? [])) notes.push(...constraints(option));
  return notes;
}

function FieldsTable({ schema, caption }: { schema: Schema; caption: string }) {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  if (Object.keys(properties).length === 0) {
    return <p className="mt-2 text-muted">Any JSON object.</p>;
  }
  return (
    <div className="mt-2 overflow-x-auto rounded-lg border border-line">
      <table className="w-full min-w-[36rem] text-left text-[0.9rem]">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-line bg-surface-muted text-muted">
          <tr>
            <th scope="col" className="px-3 py-1.5">Field</th>
            <th scope="col" className="px-3 py-1.5">Type</th>
            <th scope="col" className="px-3 py-1.5">Description</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {Object.entries(properties).map(([name, property]) => {
            const notes = constraints(property);
            return (
              <tr key={name}>
                <td className="px-3 py-1.5 align-top">
                  <code>{name}</code>
                  {required.has(name) ? <span className="ml-1 text-[0.8rem] text-muted">required</span> : null}
                </td>
                <td className="px-3 py-1.5 align-top">{typeOf(property)}</td>
                <td className="px-3 py-1.5 align-top">
                  {typeof property.description === 'string' ? <Inline text={property.description} /> : null}
                  {notes.length ? <span className="block text-[0.85rem] text-muted">{notes.join('; ')}</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function resolve(document: OpenApiDocument, schema: Schema): Schema {
  const name = refName(schema);
  return name ? (document.components.schemas[name] ?? schema) : schema;
}

function Endpoint({ document, method, route, operation }: { document: OpenApiDocument; method: string; route: string; operation: OpenApiOperation }) {
  const id = `op-${operation.operationId}`;
  const body = operation.requestBody?.content['application/json'];
  const publicRoute = operation.security !== undefined && operation.security.length === 0;
  return (
    <section aria-labelledby={id} className="mt-10 border-t border-line pt-6">
      <h3 id={id} className="text-lg font-semibold">
        <code className="mr-2 rounded bg-accent-soft px-1.5 py-0.5 text-accent-strong">{method.toUpperCase()}</code>
        <code>{route}</code>
      </h3>
      <p className="mt-1 font-medium">{operation.summary}</p>
      <div className="text-[0.95rem]">
        <Prose text={operation.description} />
        {publicRoute ? <p className="mt-2 text-muted">No token needed.</p> : null}
      </div>

      {operation.parameters?.length ? (
        <>
          <h4 className="mt-4 font-semibold">Parameters</h4>
          <FieldsTable
            caption={`Parameters of ${method.toUpperCase()} ${route}`}
            schema={{
              properties: Object.fromEntries(
                operation.parameters.map((parameter) => [
                  `${parameter.name} (${parameter.in})`,
                  { ...parameter.schema, description: parameter.description },
                ]),
              ),
              required: operation.parameters.filter((parameter) => parameter.required).map((parameter) => `${parameter.name} (${parameter.in})`),
            }}
          />
        </>
      ) : null}

      {body ? (
        <>
          <h4 className="mt-4 font-semibold">
            Request body: {typeOf(body.schema)} (JSON)
          </h4>
          <FieldsTable caption={`Body of ${method.toUpperCase()} ${route}`} schema={resolve(document, body.schema)} />
          {Object.values(body.examples ?? {}).map((example, index) => (
            <div key={index}>
              <p className="mt-3 text-[0.9rem] text-muted">Example{example.summary ? `: ${example.summary}` : ''}</p>
              <Code text={JSON.stringify(example.value, null, 2)} />
            </div>
          ))}
        </>
      ) : null}

      <h4 className="mt-4 font-semibold">Answers</h4>
      <ul className="mt-1 list-disc pl-6 text-[0.95rem]">
        {Object.entries(operation.responses).map(([status, response]) => {
          const resolved = '$ref' in response ? (document.components.responses[response.$ref.replace('#/components/responses/', '')] as { description: string }) : response;
          return (
            <li key={status}>
              <strong>{status}</strong>: <Inline text={resolved.description} />
            </li>
          );
        })}
      </ul>
      {Object.entries(operation.responses)
        .filter(([status, response]) => status.startsWith('2') && !('$ref' in response) && response.content?.['application/json']?.example !== undefined)
        .map(([status, response]) => (
          <div key={status}>
            <p className="mt-3 text-[0.9rem] text-muted">Example answer ({status})</p>
            <Code text={JSON.stringify((response as { content: Record<string, { example: unknown }> }).content['application/json']!.example, null, 2)} />
          </div>
        ))}
    </section>
  );
}

export function ApiReference({ document }: { document: OpenApiDocument }) {
  const operations = Object.entries(document.paths).flatMap(([route, item]) =>
    Object.entries(item).map(([method, operation]) => ({ route, method, operation })),
  );
  const errorExamples = Object.entries(document.components.responses) as [string, { description: string; content: Record<string, { example: unknown }> }][];
  return (
    <div className="max-w-4xl">
      <h1 className="text-3xl font-bold tracking-tight">{document.info.title}</h1>
      <p className="mt-1 text-muted">
        Version {document.info.version}. Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
      </p>
      <div className="mt-4">
        <Prose text={document.info.description} />
      </div>

      <nav aria-labelledby="api-contents" className="mt-6 rounded-xl border border-line bg-surface p-4">
        <h2 id="api-contents" className="font-semibold">Endpoints</h2>
        <ul className="mt-2 flex flex-col gap-1">
          {operations.map(({ route, method, operation }) => (
            <li key={`${method} ${route}`}>
              <a href={`#op-${operation.operationId}`}>
                <code>{method.toUpperCase()} {route}</code>
              </a>{' '}
              <span className="text-muted">{operation.summary}</span>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="api-quick-start" className="mt-8">
        <h2 id="api-quick-start" className="text-xl font-semibold">Quick start</h2>
        <p className="mt-2">
          Make a token on your <a href="/account">account page</a>, then in the shell that starts your job set{' '}
          <code>FELLOWSHIP_URL</code> to this site and <code>FELLOWSHIP_TOKEN</code> to the token. With the Python client
          (<code>clients/python/fellowship_client.py</code>, standard library only), two lines:
        </p>
        <Code label="Python" text={'import fellowship_client as fc\nrun = fc.init(exercise="vae", name="beta=1", params={"lr": 1e-3})'} />
        <p className="mt-2">
          then <code>{'run.log({"elbo": -24.0}, step=100)'}</code> as you train and <code>run.finish()</code> at the end. Or with curl:
        </p>
        <Code label="Shell" text={'curl -H "Authorization: Bearer $FELLOWSHIP_TOKEN" $FELLOWSHIP_URL/api/v1/me'} />
      </section>

      <section aria-labelledby="api-errors" className="mt-8">
        <h2 id="api-errors" className="text-xl font-semibold">Errors</h2>
        <p className="mt-2">
          Every error is JSON <code>{'{ "error": { "code", "message", "details"? } }'}</code>; the message is written for
          people, and <code>details</code> names each invalid field.
        </p>
        <ul className="mt-2 list-disc pl-6">
          {errorExamples.map(([name, response]) => {
            const example = response.content['application/json']!.example as { error: { code: string } };
            return (
              <li key={name}>
                <code>{example.error.code}</code>: <Inline text={response.description} />
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="api-endpoints" className="mt-8">
        <h2 id="api-endpoints" className="text-xl font-semibold">Endpoints</h2>
        {operations.map(({ route, method, operation }) => (
          <Endpoint key={`${method} ${route}`} document={document} method={method} route={route} operation={operation} />
        ))}
      </section>

      <section aria-labelledby="api-schemas" className="mt-12 border-t border-line pt-6">
        <h2 id="api-schemas" className="text-xl font-semibold">Schemas</h2>
        {Object.entries(document.components.schemas).map(([name, schema]) => (
          <div key={name} className="mt-6">
            <h3 id={`schema-${name}`} className="font-semibold">
              <code>{name}</code>
            </h3>
            {typeof schema.description === 'string' ? <Prose text={schema.description} /> : null}
            <FieldsTable caption={`Fields of ${name}`} schema={schema} />
          </div>
        ))}
      </section>
    </div>
  );
}
