/**
 * A panel call that failed. `retryable` (network, timeouts, 5xx, 423 locked, 429) tells the pipeline to back off
 * and try again; otherwise (4xx validation, bad credentials) retrying cannot help and staff are told at once.
 */
export class ProvisioningError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'ProvisioningError';
  }
}
