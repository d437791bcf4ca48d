/**
 * Response conformance: every response an app gives during a test is checked against the app's own
 * `/openapi.json`, the document clients are generated from. For each response it finds the operation
 * (method and path template; a path with one trailing slash is its operation too), the response object of its status code (or `NXX`, or `default`), checks
 * the content type against the documented media types (none documented: the body must be empty) and
 * validates a JSON body against the media type's schema, `$ref`s resolved to `components`. Objects are
 * held closed: a property the schema does not describe is a mismatch too (closeObjects). Documented
 * response headers must be there when `required`, and match their schema when there.
 *
 * Validation is Ajv's JSON Schema 2020-12 build (the dialect of OpenAPI 3.1) with ajv-formats.
 * Requests to paths the document does not describe (`/openapi.json`, `/docs`, unknown routes) and
 * methods it does not list for a path are not checked: there is no promise to hold them to.
 *
 * A mismatch is recorded (`takeMismatches`, read after each test by conformance-setup.ts) and thrown
 * from the request, so the test that caused it fails with the operation, the status, the place in the
 * body and what the schema expected.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; its default export arrives wrapped depending on the loader
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

interface MediaType {
  schema?: unknown;
}
interface HeaderObject {
  required?: boolean;
  schema?: unknown;
}
interface ResponseObject {
  content?: Record<string, MediaType>;
  headers?: Record<string, HeaderObject>;
}
interface OperationObject {
  operationId?: string;
  responses?: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  paths?: Record<string, Record<string, OperationObject>>;
  components?: Record<string, unknown>;
}

export interface Mismatch {
  operation: string;
  status: number;
  problem: string;
}

/**
 * Mismatches known and not fixed yet, each with its reason. Keys: `METHOD /path/template STATUS`.
 * Keep this empty: an entry is a promise the API breaks.
 */
export const KNOWN_MISMATCHES: Record<string, string> = {};

const DOCUMENT_ID = 'https://agendador.invalid/openapi.json';
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace']);

interface Route {
  template: string;
  pattern: RegExp;
  params: number;
  operations: Record<string, OperationObject>;
}

export interface ConformanceChecker {
  /** The mismatches of one response (read from a clone: the response itself is left unread). */
  check(method: string, url: string, response: Response): Promise<Mismatch[]>;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every `$ref: "#/components/schemas/X"` pointed at that component, registered on its own under DOCUMENT_ID. */
function rebaseRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rebaseRefs);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = key === '$ref' && typeof inner === 'string' && inner.startsWith('#/') ? `${DOCUMENT_ID}${inner.slice(1)}` : rebaseRefs(inner);
    }
    return out;
  }
  return value;
}

function describeError(error: ErrorObject, root = 'body'): string {
  const where = `${root}${error.instancePath}`;
  const params = Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : '';
  return `${where}: ${error.message ?? error.keyword}${params} (schema ${error.schemaPath})`;
}

function mediaTypeOf(contentType: string | null): string | null {
  return contentType ? contentType.split(';')[0]!.trim().toLowerCase() : null;
}

function isJsonMediaType(mediaType: string): boolean {
  return /^application\/([a-z0-9.+-]+\+)?json$/.test(mediaType);
}

/**
 * A copy of the document whose object schemas refuse properties they do not describe
 * (`unevaluatedProperties: false`, which sees through `allOf`; the branches of an `allOf`, and the
 * components used as one, are left open, since each describes only part of the object). The document
 * itself leaves objects open; held to it as is, an answer could carry fields no client knows of.
 */
function closeObjects(document: OpenApiDocument): OpenApiDocument {
  const doc = JSON.parse(JSON.stringify(document)) as OpenApiDocument;
  const inAllOf = new Set<string>();
  const scan = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(scan);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (Array.isArray(o.allOf)) for (const b of o.allOf as Array<Record<string, unknown>>) if (typeof b.$ref === 'string') inAllOf.add(b.$ref.split('/').pop()!);
      Object.values(o).forEach(scan);
    }
  };
  scan(doc);
  const close = (v: unknown, branch: boolean): void => {
    if (Array.isArray(v)) return v.forEach((x) => close(x, branch));
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (!branch && (o.properties || Array.isArray(o.allOf)) && o.additionalProperties === undefined && o.unevaluatedProperties === undefined) o.unevaluatedProperties = false;
      for (const [k, x] of Object.entries(o)) close(x, k === 'allOf');
    }
  };
  for (const [name, schema] of Object.entries((doc.components?.schemas ?? {}) as Record<string, unknown>)) close(schema, inAllOf.has(name));
  for (const ops of Object.values(doc.paths ?? {})) for (const op of Object.values(ops)) for (const r of Object.values(op.responses ?? {})) for (const m of Object.values(r.content ?? {})) close(m.schema, false);
  return doc;
}

export function createConformanceChecker(original: OpenApiDocument): ConformanceChecker {
  const document = closeObjects(original);
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false, validateFormats: true });
  addFormats(ajv);
  // OpenAPI's own keywords in Schema Objects: annotations, nothing to validate
  ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
  const components = (document.components?.schemas ?? {}) as Record<string, object>;
  for (const [name, schema] of Object.entries(components)) {
    ajv.addSchema({ ...(rebaseRefs(schema) as object), $id: `${DOCUMENT_ID}/components/schemas/${encodeURIComponent(name)}` });
  }

  const routes: Route[] = Object.entries(document.paths ?? {})
    .map(([template, operations]) => ({
      template,
      // with one trailing slash too: the app serves it as the same operation (api/create-router.ts)
      pattern: new RegExp(`^${template.split(/\{[^}]+\}/).map(escapeRegExp).join('[^/]+')}/?$`),
      params: (template.match(/\{[^}]+\}/g) ?? []).length,
      operations,
    }))
    // a literal segment wins over a parameter (/waitlist/position/{id} before /waitlist/{id})
    .sort((a, b) => a.params - b.params);

  const validators = new Map<string, ValidateFunction>();
  const validatorOf = (key: string, schema: unknown): ValidateFunction => {
    let validate = validators.get(key);
    if (!validate) {
      validate = ajv.compile(rebaseRefs(schema) as object);
      validators.set(key, validate);
    }
    return validate;
  };

  return {
    async check(method, url, response) {
      const path = new URL(url, 'http://localhost').pathname;
      const lower = method.toLowerCase();
      if (!HTTP_METHODS.has(lower)) return [];
      const route = routes.find((r) => r.pattern.test(path) && r.operations[lower]);
      if (!route) return [];
      const operation = route.operations[lower]!;
      const name = `${method.toUpperCase()} ${route.template}`;
      const status = response.status;
      const found = (s: string) => operation.responses?.[s];
      const statusKey = [String(status), `${String(status)[0]}XX`, 'default'].find((s) => found(s));
      const mismatch = (problem: string): Mismatch[] => (KNOWN_MISMATCHES[`${name} ${status}`] !== undefined ? [] : [{ operation: name, status, problem }]);
      if (!statusKey) {
        return mismatch(`status ${status} is not documented (documented: ${Object.keys(operation.responses ?? {}).join(', ')})`);
      }
      const documented = found(statusKey)!;
      // the response headers it documents: present when required, and of their schema (a header's value is a string)
      for (const [header, declared] of Object.entries(documented.headers ?? {})) {
        const value = response.headers.get(header);
        if (value === null) {
          if (declared.required) return mismatch(`response ${statusKey} requires the header ${header}, which is missing`);
          continue;
        }
        if (declared.schema !== undefined) {
          const validate = validatorOf(`${name} ${statusKey} header ${header}`, declared.schema);
          if (!validate(value)) return mismatch(`response ${statusKey}: ${(validate.errors ?? []).map((e) => describeError(e, `header ${header}`)).join('; ')}; value was: ${value}`);
        }
      }
      const text = lower === 'head' ? '' : await response.clone().text();
      const contents = documented.content ?? {};
      const mediaTypes = Object.keys(contents);
      const mediaType = mediaTypeOf(response.headers.get('content-type'));
      if (mediaTypes.length === 0) {
        return text === '' ? [] : mismatch(`response ${statusKey} documents no body, but one came (${mediaType ?? 'no content type'}): ${text.slice(0, 200)}`);
      }
      if (lower === 'head') return [];
      const key = mediaTypes.find((m) => m.toLowerCase() === mediaType) ?? mediaTypes.find((m) => m === '*/*');
      if (key === undefined) {
        return mismatch(`content type ${mediaType ?? '(none)'} is not documented (documented: ${mediaTypes.join(', ')}); body: ${text.slice(0, 200)}`);
      }
      const schema = contents[key]!.schema;
      if (schema === undefined || !isJsonMediaType(key)) return [];
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return mismatch(`body is not JSON although ${key} is documented: ${text.slice(0, 200)}`);
      }
      const validate = validatorOf(`${name} ${statusKey} ${key}`, schema);
      if (validate(body)) return [];
      const excerpt = text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
      const problems = (validate.errors ?? []).map((error) => `response ${statusKey} ${key}: ${describeError(error)}`);
      return mismatch(`${problems.join('\n    ')}\n    body was: ${excerpt}`);
    },
  };
}

let recorded: Mismatch[] = [];

/** The mismatches recorded since the last call (conformance-setup.ts fails the test that made them). */
export function takeMismatches(): Mismatch[] {
  const taken = recorded;
  recorded = [];
  return taken;
}

export function formatMismatches(mismatches: Mismatch[]): string {
  return `response does not match /openapi.json:\n${mismatches.map((m) => `  ${m.operation} → ${m.status}: ${m.problem}`).join('\n')}`;
}

export class ConformanceError extends Error {
  constructor(readonly mismatches: Mismatch[]) {
    super(formatMismatches(mismatches));
    this.name = 'ConformanceError';
  }
}

interface FetchingApp {
  fetch: (request: Request, ...rest: any[]) => Response | Promise<Response>;
  request: (input: string, init?: RequestInit) => Response | Promise<Response>;
}

const checkers = new Map<string, ConformanceChecker>();

/** Set on a wrapped `app.fetch`, so a test can tell the check is on. */
export const CHECKS_RESPONSES = Symbol('checks responses against /openapi.json');

export function checksResponses(app: { fetch: unknown }): boolean {
  return (app.fetch as { [CHECKS_RESPONSES]?: boolean })[CHECKS_RESPONSES] === true;
}

/**
 * Makes `app` check each response it gives against its own /openapi.json: `app.fetch` is wrapped,
 * which `app.request` and servers built on `app.fetch` go through. A mismatch is recorded and thrown.
 */
export async function checkResponsesAgainstOpenApi<T extends FetchingApp>(app: T): Promise<T> {
  const text = await (await app.request('/openapi.json')).text();
  let checker = checkers.get(text);
  if (!checker) {
    checker = createConformanceChecker(JSON.parse(text) as OpenApiDocument);
    checkers.set(text, checker);
  }
  const fetch = app.fetch;
  const checked = checker;
  const wrapped = async (request: Request, ...rest: any[]) => {
    const method = request.method;
    const url = request.url;
    const response = await fetch(request, ...rest);
    const mismatches = await checked.check(method, url, response);
    if (mismatches.length > 0) {
      recorded.push(...mismatches);
      throw new ConformanceError(mismatches);
    }
    return response;
  };
  app.fetch = Object.assign(wrapped, { [CHECKS_RESPONSES]: true });
  return app;
}
