// A two-operation API for the core tests, typed as openapi-typescript generates paths: enough to drive
// the client the way generated types do.
export interface TestPaths {
  '/jobs/{id}': {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: Record<string, unknown>; content: { 'application/json': { id: string } } } };
    };
  };
  '/jobs': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { 'application/json': { name: string } } };
      responses: { 200: { headers: Record<string, unknown>; content: { 'application/json': { id: string } } } };
    };
  };
}
