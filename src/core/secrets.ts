// Secrets the operator types (SSH key passphrases, gateway tokens, webhook URLs). Held in memory; a
// host may add a vault that keeps them encrypted by the OS (Electron: safeStorage). Never in settings,
// history or logs. Only the secrets stored with remember: true go to the vault: key passphrases and
// gateway tokens are memory-only unless the operator ticks "remember on this computer". Without a vault
// (headless), the console asks again after a restart.
export interface SecretVault {
  load(): Record<string, string>;
  save(all: Record<string, string>): void;
}

export class MemorySecretStore {
  private readonly values = new Map<string, string>();
  /** The ids kept in the vault (loaded from it, or set with remember). */
  private readonly remembered = new Set<string>();

  constructor(private readonly vault?: SecretVault) {
    if (vault)
      for (const [k, v] of Object.entries(vault.load())) {
        this.values.set(k, v);
        this.remembered.add(k);
      }
  }

  /** True when secrets survive a restart (an OS-encrypted vault is attached). */
  get persistent(): boolean {
    return this.vault !== undefined;
  }

  get(id: string): string | undefined {
    return this.values.get(id);
  }

  /** remember: also keep it in the vault (survives a restart); false keeps it in this process only. */
  set(id: string, value: string, o: { remember: boolean } = { remember: true }): void {
    this.values.set(id, value);
    const was = this.remembered.has(id);
    if (o.remember) this.remembered.add(id);
    else this.remembered.delete(id);
    if (o.remember || was) this.save();
  }

  /** Whether this secret is kept in the vault. */
  isRemembered(id: string): boolean {
    return this.vault !== undefined && this.remembered.has(id);
  }

  delete(id: string): void {
    this.values.delete(id);
    if (this.remembered.delete(id)) this.save();
  }

  private save(): void {
    this.vault?.save(Object.fromEntries([...this.values].filter(([k]) => this.remembered.has(k))));
  }
}
