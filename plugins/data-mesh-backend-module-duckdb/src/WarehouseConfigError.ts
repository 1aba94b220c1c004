/**
 * A misconfigured warehouse. Its message names the config key and is meant
 * to be shown to the person starting the portal as it is.
 */
export class WarehouseConfigError extends Error {
  name = 'WarehouseConfigError';

  constructor(message: string) {
    super(message);
    // The fix is in the config, not in the code: a stack trace would only
    // bury the message when the backend logs why it could not start.
    this.stack = `${this.name}: ${message}`;
  }
}
