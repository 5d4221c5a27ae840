// Secrets the operator types (SSH key passphrases, webhook URLs). Held in memory; a host may add a
// vault that keeps them encrypted by the OS (Electron: safeStorage). Never in settings, history or
// logs. Without a vault (headless), the console asks again after a restart.
export interface SecretVault {
  load(): Record<string, string>;
  save(all: Record<string, string>): void;
}

export class MemorySecretStore {
  private readonly values = new Map<string, string>();

  constructor(private readonly vault?: SecretVault) {
    if (vault) for (const [k, v] of Object.entries(vault.load())) this.values.set(k, v);
  }

  /** True when secrets survive a restart (an OS-encrypted vault is attached). */
  get persistent(): boolean {
    return this.vault !== undefined;
  }

  get(id: string): string | undefined {
    return this.values.get(id);
  }

  set(id: string, value: string): void {
    this.values.set(id, value);
    this.vault?.save(Object.fromEntries(this.values));
  }

  delete(id: string): void {
    if (this.values.delete(id)) this.vault?.save(Object.fromEntries(this.values));
  }
}
