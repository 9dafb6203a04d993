// Which vendor operation a request is, by method and path (the lists by path alone, their query aside): the same paths as specs/, so one server
// on one port stands in for every vendor (their paths do not overlap).
/** The vendors the mocks and the fault server stand in for, as the mediajobs facade names them. */
export const VENDORS = ['tensorslab', 'tavus', 'bifrost', 'a2e'] as const;
export type Vendor = (typeof VENDORS)[number];
export type Operation = 'delete' | 'get' | 'list';

export interface Route {
  vendor: Vendor;
  operation: Operation;
  /** TensorsLab only: video or image tasks. */
  kind?: 'video' | 'image';
  /** The job id from the path, for the vendors that put it there. */
  pathId?: string;
}

const PATH_ROUTES: [method: string, pattern: RegExp, vendor: Vendor, operation: Operation][] = [
  ['DELETE', /^\/v2\/videos\/([^/]+)$/, 'tavus', 'delete'],
  ['GET', /^\/v2\/videos\/([^/]+)$/, 'tavus', 'get'],
  ['DELETE', /^\/v1\/videos\/([^/]+)$/, 'bifrost', 'delete'],
  ['GET', /^\/v1\/videos\/([^/]+)$/, 'bifrost', 'get'],
  ['DELETE', /^\/api\/v1\/video\/([^/]+)$/, 'a2e', 'delete'],
];

const BODY_ROUTES: Record<string, Route> = {
  'GET /v2/videos': { vendor: 'tavus', operation: 'list' },
  'GET /v1/videos': { vendor: 'bifrost', operation: 'list' },
  'GET /api/v1/video/awsList': { vendor: 'a2e', operation: 'list' },
  'POST /api/v1/video/awsResult': { vendor: 'a2e', operation: 'get' },
  'POST /v1/video/deletevideotask': { vendor: 'tensorslab', operation: 'delete', kind: 'video' },
  'POST /v1/images/deleteimagestask': { vendor: 'tensorslab', operation: 'delete', kind: 'image' },
  'POST /v1/video/infobytaskid': { vendor: 'tensorslab', operation: 'get', kind: 'video' },
  'POST /v1/images/infobytaskid': { vendor: 'tensorslab', operation: 'get', kind: 'image' },
};

/** The route of a request, or undefined when no vendor has it. */
export function routeOf(method: string, pathname: string): Route | undefined {
  const byBody = BODY_ROUTES[`${method} ${pathname}`];
  if (byBody) return byBody;
  for (const [routeMethod, pattern, vendor, operation] of PATH_ROUTES) {
    const match = method === routeMethod ? pattern.exec(pathname) : null;
    if (match?.[1] !== undefined) return { vendor, operation, pathId: decodeURIComponent(match[1]) };
  }
  return undefined;
}

/** The ids a request names: from the path, or TensorsLab's `taskids`/`taskid`, or A2E's `_id`. */
export function idsOf(route: Route, body: unknown): string[] {
  if (route.pathId !== undefined) return [route.pathId];
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (Array.isArray(fields.taskids)) return fields.taskids.map(String);
  const single = fields.taskid ?? fields._id;
  return single === undefined ? [] : [String(single)];
}

/** The vendor's auth header and the value it must carry for `key`. */
export function expectedAuth(vendor: Vendor, key: string): [header: string, value: string] {
  return vendor === 'tavus' ? ['x-api-key', key] : ['authorization', `Bearer ${key}`];
}
