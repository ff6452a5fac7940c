// The /api/v1 OpenAPI document: valid OpenAPI 3.1 (checked by a real validator), generated
// from the zod schemas the routes validate with, covering every route, with examples that
// those schemas accept; and the generated client types are up to date.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validate, compileErrors } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { GET as getOpenApi } from '@/app/api/v1/openapi.json/route';
import { buildOpenApiDocument } from '@/server/api/v1/openapi';
import {
  createRunBodySchema,
  errorResponseSchema,
  meResponseSchema,
  metricSeriesResponseSchema,
  metricsAcceptedSchema,
  metricsBodySchema,
  runHandleSchema,
  runResponseSchema,
  updateRunBodySchema,
} from '@/server/api/v1/schemas';
import { renderApiTypes } from '../../scripts/api-types';

const root = path.resolve(__dirname, '../..');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const document = buildOpenApiDocument('http://localhost:3000');
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(result.warnings).toEqual([]);
    expect(document.openapi).toBe('3.1.0');
  });

  it('is served at /api/v1/openapi.json with this server as its server', async () => {
    const response = getOpenApi(new Request('https://fellowship.example.org/api/v1/openapi.json'));
    expect(response.status).toBe(200);
    const document = (await response.json()) as ReturnType<typeof buildOpenApiDocument>;
    expect(document.servers[0]!.url).toBe('https://fellowship.example.org');
    expect(document.paths).toEqual(buildOpenApiDocument().paths);
  });

  it('documents every /api/v1 route file and method, and nothing else', () => {
    const dir = path.join(root, 'src/app/api/v1');
    const documented = new Set<string>();
    const document = buildOpenApiDocument();
    for (const [route, item] of Object.entries(document.paths)) {
      for (const method of METHODS) if ((item as Record<string, unknown>)[method]) documented.add(`${method.toUpperCase()} ${route}`);
    }
    const files: string[] = [];
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name === 'route.ts') files.push(full);
      }
    };
    walk(dir);
    const implemented = new Set<string>();
    for (const file of files) {
      const route = `/api/v1/${path.relative(dir, path.dirname(file))}`
        .replace(/\[runId\]/g, '{run_id}')
        .replace(/\[(\w+)\]/g, '{$1}');
      if (route.includes('[[...')) continue; // the JSON 404 for unknown paths
      const source = readFileSync(file, 'utf8');
      for (const method of METHODS) {
        const name = method.toUpperCase();
        // Documented methods are real handlers; the others answer 405 (methodNotAllowed).
        if (new RegExp(`export (const|function|async function) ${name}\\b`).test(source)) implemented.add(`${name} ${route}`);
      }
    }
    expect([...implemented].sort()).toEqual([...documented].sort());
  });

  it('takes its schemas from the zod schemas the routes validate with', () => {
    const { components } = buildOpenApiDocument();
    const batch = components.schemas.MetricsBatch as { properties: { points: { maxItems: number; items: unknown } } };
    expect(batch.properties.points.maxItems).toBe(5000);
    expect(batch.properties.points.items).toEqual({ $ref: '#/components/schemas/MetricPoint' });
    const point = components.schemas.MetricPoint as { properties: { key: { pattern: string; maxLength: number } } };
    expect(point.properties.key.maxLength).toBe(250);
    expect(new RegExp(point.properties.key.pattern).test('train/loss')).toBe(true);
    expect(new RegExp(point.properties.key.pattern).test('λ')).toBe(false);
    expect(components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('has examples that the same schemas accept', () => {
    const { paths, components } = buildOpenApiDocument();
    const requestSchemas = { '/api/v1/runs post': createRunBodySchema, '/api/v1/runs/{run_id} patch': updateRunBodySchema, '/api/v1/runs/{run_id}/metrics post': metricsBodySchema };
    for (const [where, schema] of Object.entries(requestSchemas)) {
      const [route, method] = where.split(' ') as [string, string];
      const operation = (paths[route] as unknown as Record<string, { requestBody: { content: { 'application/json': { examples: Record<string, { value: unknown }> } } } }>)[method]!;
      const examples = Object.values(operation.requestBody.content['application/json'].examples);
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) expect(schema.safeParse(example.value).error, where).toBeUndefined();
    }
    const responseSchemas = {
      '/api/v1/me get 200': meResponseSchema,
      '/api/v1/runs post 201': runHandleSchema,
      '/api/v1/runs post 200': runHandleSchema,
      '/api/v1/runs/{run_id} get 200': runResponseSchema,
      '/api/v1/runs/{run_id}/metrics post 200': metricsAcceptedSchema,
      '/api/v1/runs/{run_id}/metrics get 200': metricSeriesResponseSchema,
    };
    for (const [where, schema] of Object.entries(responseSchemas)) {
      const [route, method, status] = where.split(' ') as [string, string, string];
      const operation = (paths[route] as unknown as Record<string, { responses: Record<string, { content: { 'application/json': { example: unknown } } }> }>)[method]!;
      expect(schema.safeParse(operation.responses[status]!.content['application/json'].example).error, where).toBeUndefined();
    }
    for (const [name, response] of Object.entries(components.responses)) {
      const example = (response as { content: { 'application/json': { example: unknown } } }).content['application/json'].example;
      expect(errorResponseSchema.safeParse(example).error, name).toBeUndefined();
    }
  });

  it('has generated client types that are up to date (npm run api:types)', async () => {
    const committed = readFileSync(path.join(root, 'tests/e2e/generated/api-v1.ts'), 'utf8');
    expect(committed === (await renderApiTypes()), 'tests/e2e/generated/api-v1.ts is out of date: run npm run api:types').toBe(true);
  });
});
