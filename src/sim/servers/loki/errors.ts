// A request the simulated Loki refuses: its HTTP status and its text/plain body, in Loki's own words.

export class LokiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new LokiError(400, message);

/**
 * Loki's parse error (grafana/loki pkg/logqlmodel/error.go, ParseError.Error): "parse error at line L, col C:
 * MSG", or "parse error : MSG" for the validation errors that carry no position.
 */
export function parseError(msg: string, line = 0, col = 0): LokiError {
  return badRequest(line === 0 && col === 0 ? `parse error : ${msg}` : `parse error at line ${line}, col ${col}: ${msg}`);
}
