// Secrets the operator types (SSH key passphrases), held in this process's memory only: never
// written to settings, history or logs. After a restart the console asks again.
export class MemorySecretStore {
  private readonly values = new Map<string, string>();
  get(id: string): string | undefined {
    return this.values.get(id);
  }
  set(id: string, value: string): void {
    this.values.set(id, value);
  }
  delete(id: string): void {
    this.values.delete(id);
  }
}
