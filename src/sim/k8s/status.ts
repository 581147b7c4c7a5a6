// Kubernetes Status objects for errors, shaped as the API server shapes them (apimachinery errors.go).

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface K8sStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: { name?: string; group?: string; kind?: string; uid?: string; causes?: StatusCause[] };
  code: number;
}

/** An error that the HTTP layer turns into a Status response with the same code. */
export class ApiError extends Error {
  constructor(public readonly status: K8sStatus) {
    super(status.message ?? status.reason ?? `HTTP ${status.code}`);
  }
  get code(): number {
    return this.status.code;
  }
}

function failure(code: number, reason: string, message: string, details?: K8sStatus['details']): ApiError {
  const status: K8sStatus = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) status.details = details;
  return new ApiError(status);
}

/** `pods "x" not found`, `certificates.cert-manager.io "x" not found`. */
export function qualified(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

export const errors = {
  notFound: (resource: string, group: string, name: string) =>
    failure(404, 'NotFound', `${qualified(resource, group)} "${name}" not found`, { name, group: group || undefined, kind: resource }),
  pathNotFound: (path: string) => failure(404, 'NotFound', `the server could not find the requested resource (${path})`, {}),
  /** What the API server answers for a path it does not serve (kubectl adds the "(get x)" part itself). */
  pathNotFoundPlain: () => failure(404, 'NotFound', 'the server could not find the requested resource', {}),
  alreadyExists: (resource: string, group: string, name: string) =>
    failure(409, 'AlreadyExists', `${qualified(resource, group)} "${name}" already exists`, { name, group: group || undefined, kind: resource }),
  conflict: (resource: string, group: string, name: string) =>
    failure(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(resource, group)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      { name, group: group || undefined, kind: resource },
    ),
  /** A 409 Conflict with the server's own detail (failed delete preconditions). */
  conflictWith: (resource: string, group: string, name: string, detail: string) =>
    failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(resource, group)} "${name}": ${detail}`, { name, group: group || undefined, kind: resource }),
  forbidden: (user: string, verb: string, resource: string, group: string, namespace?: string, name?: string) =>
    failure(
      403,
      'Forbidden',
      `${qualified(resource, group)}${name ? ` "${name}"` : ''} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${group}" ${
        namespace ? `in the namespace "${namespace}"` : 'at the cluster scope'
      }`,
      { name, group: group || undefined, kind: resource },
    ),
  unauthorized: () => failure(401, 'Unauthorized', 'Unauthorized'),
  expired: (message: string) => failure(410, 'Expired', message),
  invalid: (kind: string, name: string, causes: StatusCause[]) =>
    failure(
      422,
      'Invalid',
      `${kind} "${name}" is invalid: ${causes.map((c) => `${c.field ?? ''}: ${c.message ?? ''}`).join(', ')}`,
      { name, kind, causes },
    ),
  /** A 422 with a free-text message (a JSON patch that does not apply). */
  unprocessable: (message: string) => failure(422, 'Invalid', message),
  badRequest: (message: string) => failure(400, 'BadRequest', message),
  methodNotAllowed: (message = 'the server does not allow this method on the requested resource') =>
    failure(405, 'MethodNotAllowed', message),
  unsupportedMediaType: (contentType: string) =>
    failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got ${contentType})`),
  /** 415 for a patch type the endpoint does not take (strategic merge on custom resources, apply). */
  unsupportedPatch: (accepted: string[]) =>
    failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`),
  internal: (message: string) => failure(500, 'InternalError', `Internal error occurred: ${message}`),
  /** The pod proxy could not reach the pod (nothing listens there). */
  serviceUnavailable: (message: string) => failure(503, 'ServiceUnavailable', message),
};

export function successStatus(details?: K8sStatus['details']): K8sStatus {
  const s: K8sStatus = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
  if (details) s.details = details;
  return s;
}
