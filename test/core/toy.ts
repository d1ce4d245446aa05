// A toy API of the tests' own, no vendor data: widgets under a business unit, header
// credentials, and an error body `{ errors: [{ code, message }] }`. Its `paths` has the shape
// openapi-typescript generates, so the core is driven exactly as an API profile drives it.
import {
  ApiError,
  apiErrorFamily,
  bearer,
  checkOptionNames,
  CLIENT_OPTIONS,
  createTransport,
  resolveClientOptions,
  staticHeaders,
  type ApiErrorDetails,
  type CallOptions,
  type ClientOptions,
  type RequestAuth,
  type SuccessRule,
  type TokenProvider,
} from "giacom-sdk/core";

export interface Widget {
  id: string;
  name: string;
  colour?: "red" | "blue";
}

type Json<T> = { headers: { [name: string]: unknown }; content: { "application/json": T } };
type NoBody = { headers: { [name: string]: unknown }; content?: never };
type Params<Path, Query = never> = { query?: Query; header?: never; path: Path; cookie?: never };

export interface ToyPaths {
  "/{businessId}/widgets": {
    parameters: Params<{ businessId: string }>;
    get: {
      parameters: Params<{ businessId: string }, { colour?: ("red" | "blue")[]; limit?: number }>;
      requestBody?: never;
      responses: { 200: Json<Widget[]> };
    };
    put?: never;
    post: {
      parameters: Params<{ businessId: string }>;
      requestBody: { content: { "application/json": Omit<Widget, "id"> } };
      responses: { 201: Json<Widget> };
    };
    delete?: never;
    patch?: never;
  };
  "/{businessId}/widgets/{id}": {
    parameters: Params<{ businessId: string; id: string }>;
    get: {
      parameters: Params<{ businessId: string; id: string }>;
      requestBody?: never;
      responses: { 200: Json<Widget> };
    };
    put?: never;
    post?: never;
    delete: {
      parameters: Params<{ businessId: string; id: string }>;
      requestBody?: never;
      responses: { 204: NoBody };
    };
    patch: {
      parameters: Params<{ businessId: string; id: string }>;
      requestBody: { content: { "application/merge-patch+json": Partial<Omit<Widget, "id">> } };
      responses: { 200: Json<Widget> };
    };
  };
}

/** The toy operation table, as a generator would write it. */
export const operations = {
  listWidgets: { method: "get", path: "/{businessId}/widgets", idempotent: true, returns: "list" },
  createWidget: { method: "post", path: "/{businessId}/widgets", idempotent: false },
  getWidget: { method: "get", path: "/{businessId}/widgets/{id}", idempotent: true },
  deleteWidget: { method: "delete", path: "/{businessId}/widgets/{id}", idempotent: true },
  patchWidget: { method: "patch", path: "/{businessId}/widgets/{id}", idempotent: true, contentType: "application/merge-patch+json" },
} as const;

export interface ToyErrorBody {
  errors: { code: string; message: string }[];
}

/** The toy API's error answer: every entry of `errors` kept as the detail. */
export class ToyApiError extends ApiError<ToyErrorBody> {
  constructor(init: ApiErrorDetails) {
    const body = init.body as Partial<ToyErrorBody> | undefined;
    const errors = Array.isArray(body?.errors) ? body.errors : undefined;
    super(init, errors ? { summary: errors.map((e) => `${e.code} ${e.message}`).join("; "), detail: { errors } } : {});
  }
}
export const toyErrors = apiErrorFamily(ToyApiError);

/** The toy API refuses a second create of the same name with 409 DUPLICATE: it was done. */
const duplicateCreate: SuccessRule = ({ method, status, body }) =>
  method === "POST" && status === 409 && (body as Partial<ToyErrorBody>)?.errors?.[0]?.code === "DUPLICATE";

export interface ToyClientOptions extends ClientOptions {
  businessId: string;
  clientId?: string;
  clientSecret?: string;
  tokenProvider?: TokenProvider;
}

export function createToyClient(options: ToyClientOptions) {
  checkOptionNames(options, [...CLIENT_OPTIONS, "businessId", "clientId", "clientSecret", "tokenProvider"], "createToyClient");
  const auth: RequestAuth = options.tokenProvider
    ? bearer(options.tokenProvider)
    : staticHeaders({ client_id: options.clientId ?? "", client_secret: options.clientSecret ?? "" }, { minLength: 5 });
  const http = createTransport<ToyPaths>({
    ...resolveClientOptions(options),
    auth,
    errors: toyErrors.errorFor,
    succeeds: [duplicateCreate],
    logPrefix: "toy",
  });
  const businessId = options.businessId;
  return {
    widgets: {
      get: async (id: string, call?: CallOptions) => (await http.send(operations.getWidget, { params: { path: { businessId, id } } }, call)).data,
      list: async (query: { colour?: ("red" | "blue")[] } = {}, call?: CallOptions) =>
        (await http.send(operations.listWidgets, { params: { path: { businessId }, query } }, call)).data,
      create: async (widget: Omit<Widget, "id">, call?: CallOptions) =>
        (await http.send(operations.createWidget, { params: { path: { businessId } }, body: widget }, call)).data,
      update: async (id: string, patch: Partial<Omit<Widget, "id">>, call?: CallOptions) =>
        (await http.send(operations.patchWidget, { params: { path: { businessId, id } }, body: patch }, call)).data,
      delete: async (id: string, call?: CallOptions) => {
        await http.send(operations.deleteWidget, { params: { path: { businessId, id } } }, call);
      },
    },
  };
}
